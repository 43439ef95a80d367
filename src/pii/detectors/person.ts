import { AMBIGUOUS_NAMES, isFirstName } from '../names/first-names.ts';
import { NAME_PARTICLES, NOT_NAMES, ORGANISATION_WORDS, PLACES_AND_NATIONALITIES, ROLE_WORDS, SURNAME_ENDING } from '../names/lexicon.ts';
import type { Detector, Span } from '../types.ts';

/*
 * Names of people in free text, without a model: runs of capitalised words are scored
 * on evidence and kept above 0.5.
 *  - what the words are: a known given name, a surname ending, a middle initial, more
 *    than one word; organisation words, places and grammar words rule a run out;
 *  - what is around them: "my name is", titles and role nouns ("Dr.", "producer"),
 *    verbs of speech ("says"), lists of names ("Eklund, Michael and Hodge");
 *  - the text itself: a word once found as part of a name is a name elsewhere too.
 * Lower-case names are taken only right after "my name is" and similar, or as a known
 * given name followed by a surname.
 */

interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** Capitalised ("Anna", "McDowell", an initial "J"), not all-caps ("LEPPEN"). */
  cap: boolean;
  /** A grammar word, place, nationality or role noun: never part of a name. */
  excluded: boolean;
}

// Words with inner apostrophes and hyphens (O'Brien, Jean-Luc); a possessive 's is cut.
const WORD = /[\p{L}][\p{L}\p{M}'’-]*/gu;

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    let raw = m[0];
    if (raw.length > 2 && (raw.endsWith("'s") || raw.endsWith('’s'))) raw = raw.slice(0, -2);
    while (raw.length > 1 && "'’-".includes(raw[raw.length - 1])) raw = raw.slice(0, -1);
    const lower = raw.toLowerCase();
    // Flags are computed once here: the run finder and the scorer ask for them repeatedly.
    const cap = raw[0] !== lower[0] && (raw.length === 1 || raw !== raw.toUpperCase());
    const excluded = cap && (NOT_NAMES.has(lower) || PLACES_AND_NATIONALITIES.has(lower) || ROLE_WORDS.has(lower));
    out.push({ text: raw, lower, start: m.index, end: m.index + raw.length, cap, excluded });
  }
  return out;
}

const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
const isCapitalised = (w: Word) => w.cap;
const isInitial = (w: Word) => w.cap && w.text.length === 1;
const isExcluded = (w: Word) =>
  w.cap ? w.excluded : NOT_NAMES.has(w.lower) || PLACES_AND_NATIONALITIES.has(w.lower) || ROLE_WORDS.has(w.lower);

/** The text between two words may only be spaces, or the dot of an initial ("Faina D. Yefremova"). */
function joined(text: string, a: Word, b: Word): boolean {
  const gap = b.start - a.end;
  const c1 = text.charCodeAt(a.end);
  const c2 = gap === 2 ? text.charCodeAt(a.end + 1) : 32;
  if (gap < 1 || gap > 2 || c2 !== 32) return false;
  return c1 === 32 || (c1 === 46 && isInitial(a)); // " ", "  ", or ". " after an initial
}

interface Run {
  from: number; // index of first word
  to: number; // index of last word (inclusive)
}

/** Runs of name-like words: capitalised, initials and particles inside, one line. */
function findRuns(text: string, ws: Word[]): Run[] {
  const runs: Run[] = [];
  let i = 0;
  while (i < ws.length) {
    if (!isCapitalised(ws[i]) || isExcluded(ws[i]) || isInitial(ws[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < ws.length && joined(text, ws[j], ws[j + 1])) {
      const next = ws[j + 1];
      const inner = isInitial(next) || (NAME_PARTICLES.has(next.text) && j + 2 < ws.length && isCapitalised(ws[j + 2]));
      if (!inner && (!isCapitalised(next) || isExcluded(next))) break;
      j++;
    }
    while (j > i && (isInitial(ws[j]) || NAME_PARTICLES.has(ws[j].text))) j--;
    runs.push({ from: i, to: j });
    i = j + 1;
  }
  return runs;
}

// Evidence before a run. Strong: the text says a name follows. Weak: a name often follows.
const STRONG_BEFORE =
  /(?:\bname(?:'s| is|:)|\bnamed|\bcalled|\bcall me|\bi'm|\bi am|\bthis is|\bsigned|\bmaiden name is|\bname (?:on|in) the account(?: is)?|\bname\?|\bje m'appelle|\bich heiße|\bich bin|\bmein name ist|\bme llamo|\bmi chiamo|\bik ben|\bmijn naam is|\bjag heter|\bmeu nome é)\s*[:,-]?\s*$/i;
const WEAK_BEFORE =
  /(?:\bwith|\bby|\band|\badd|\bask|\basked|\btell|\btold|\bcontact|\bmeet|\bmet|\bthank|\bthanks|\bdear|\bhi|\bhello|\bhey|\bsaid|\bsays|\bstarring|\bfeaturing|\bcc|\battn|\bspeak to|\bspoke to|\bspoke with|\bheard|\bassistant to|\bchange it to|\bcorrect it to|\bunder|\bfor|\bdirected by|&)\s*[:,]?\s*$/i;
const TITLE_BEFORE =
  /(?:^|[^\p{L}])(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|herr|frau|mme|mlle|madame|monsieur|sr|sra|señor|señora|dott|sig)\.?\s*$/iu;
// After a run: verbs of speech are good evidence; "is", "has" ... follow any subject.
const SPEECH_AFTER = /^(?:'s|’s|\s+(?:said|says|say|explained|wrote|writes|told|asked|replied|added|noted|points? out)\b)/i;
const VERB_AFTER = /^\s+(?:was|is|will|has|had|who|and his|and her|spent|listed|began|lives|lived|flew|from)\b/i;
const VOCATIVE_AFTER = /^,\s+(?:can|could|would|will|please|i|you|we|do|did|are|is|have|thanks|thank|how|what|where|when|why)\b/i;
const NAME_QUESTION = /\bname\b[^.!\n]{0,40}[?:]\s*(?:\p{L}+:\s*)?$/iu;
const PLACE_BEFORE = /(?:\bin|\bto|\bfrom|\bat|\bof|\bnear|\bvisit|\bvisited|\bcity of)\s*$/i;

// The last word of each cue above. The word before a run is looked up here first, and
// the (end-anchored, so costly) expressions run only when it could be a cue at all.
const STRONG_LAST = new Set([
  'name',
  "name's",
  'is',
  'named',
  'called',
  'me',
  "i'm",
  'am',
  'signed',
  'account',
  'appelle',
  "m'appelle",
  'heiße',
  'bin',
  'ist',
  'llamo',
  'chiamo',
  'ben',
  'heter',
  'é',
]);
const WEAK_LAST = new Set([
  'with',
  'by',
  'and',
  'add',
  'ask',
  'asked',
  'tell',
  'told',
  'contact',
  'meet',
  'met',
  'thank',
  'thanks',
  'dear',
  'hi',
  'hello',
  'hey',
  'said',
  'says',
  'starring',
  'featuring',
  'cc',
  'attn',
  'to',
  'heard',
  'under',
  'for',
]);
const TITLE_LAST = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'dame',
  'herr',
  'frau',
  'mme',
  'mlle',
  'madame',
  'monsieur',
  'sr',
  'sra',
  'señor',
  'señora',
  'dott',
  'sig',
]);
const PLACE_LAST = new Set(['in', 'to', 'from', 'at', 'of', 'near', 'visit', 'visited']);

function scoreRun(text: string, ws: Word[], run: Run): number {
  const inRun = ws.slice(run.from, run.to + 1);
  const names = inRun.filter((w) => !isInitial(w) && !NAME_PARTICLES.has(w.text));
  if (names.some((w) => ORGANISATION_WORDS.has(w.lower))) return 0;
  const first = inRun[0];
  const last = inRun[inRun.length - 1];
  const next = ws[run.to + 1];
  if (next && isUpper(next.text[0]) && ORGANISATION_WORDS.has(next.lower) && joined(text, last, next)) return 0;
  // Anchored-at-end expressions cost per character of input: short windows for short cues.
  const before = text.slice(Math.max(0, first.start - 40), first.start);
  const near = before.slice(-22);
  const after = text.slice(last.end, last.end + 20);
  const sentenceStart =
    (first.start <= 40 && /^\s*["'“(]?\s*$/.test(before)) || /(?:[.!?\n]|[.!?]["”])\s*["'“(]?\s*$/.test(before.slice(-8));

  let score = names.length >= 2 ? 0.45 : sentenceStart ? 0.2 : 0.35;
  const knownFirst = names.some((w, k) => isFirstName(w.text, w.lower) && !(AMBIGUOUS_NAMES.has(w.lower) && names.length === 1 && k === 0));
  if (knownFirst) score += 0.35;
  if (names.length >= 1 && SURNAME_ENDING.test(last.lower) && last.text.length > 4) score += 0.15;
  if (/^(?:mc|mac|o'|o’)\p{Lu}/u.test(last.text) || /^(?:Mc|Mac)/.test(last.text)) score += 0.15;
  if (inRun.some(isInitial)) score += 0.2;
  if (names.length > 4) score -= 0.3; // a title or heading, not a name

  const roleBefore =
    ws[run.from - 1] && ROLE_WORDS.has(ws[run.from - 1].lower) && /^[.\s]{1,3}$/.test(text.slice(ws[run.from - 1].end, first.start));
  const prevWord = ws[run.from - 1]?.lower ?? '';
  const punctuated = /[:?&]/.test(near);
  if ((TITLE_LAST.has(prevWord) && TITLE_BEFORE.test(near)) || ((STRONG_LAST.has(prevWord) || punctuated) && STRONG_BEFORE.test(before)))
    score += 0.4;
  else if (roleBefore) score += 0.3;
  else if ((WEAK_LAST.has(prevWord) || punctuated) && WEAK_BEFORE.test(near)) score += 0.2;
  else if (names.length === 1 && !knownFirst && PLACE_LAST.has(prevWord) && PLACE_BEFORE.test(near)) score -= 0.2;
  if (SPEECH_AFTER.test(after)) score += 0.15;
  else if (VERB_AFTER.test(after)) score += 0.05;
  // Addressing someone: "Bryce, can I ...", "Don't go to town, Mark!"
  if (names.length <= 2 && ((sentenceStart && VOCATIVE_AFTER.test(after)) || (/,\s*$/.test(before) && /^\s*[!?]/.test(after))))
    score += 0.3;
  // A line of its own, as in signatures and address blocks: "Dreux Joly\nPaxata".
  if (names.length >= 2 && names.length <= 3 && /(?:^|\n)[\s>*•?-]*$/.test(before) && /^[ \t]*(?:\n|$)/.test(after)) score += 0.15;
  // The answer to a question about the name: "What's the name on the account? User: Beatrix Veres"
  if (before.includes('name') && NAME_QUESTION.test(before)) score += 0.3;
  // A speaker label at the start of a line: "Lisa: Remember me, Nathan?"
  if (names.length === 1 && /^:\s/.test(after) && /(?:^|\n)\s*$/.test(before) && knownFirst) score += 0.2;
  return Math.min(score, 0.99);
}

/** "Eklund, Michael and Hodge": when some items of a list are names, the others are too. */
function boostLists(text: string, ws: Word[], runs: Run[], scores: number[]): void {
  let group: number[] = [];
  const flush = () => {
    if (group.length >= 2 && group.some((g) => scores[g] >= 0.5)) {
      for (const g of group) if (scores[g] > 0.25) scores[g] = Math.max(scores[g], 0.55);
    }
    group = [];
  };
  for (let r = 0; r < runs.length; r++) {
    const prev = group[group.length - 1];
    if (prev !== undefined) {
      const gap = text.slice(ws[runs[prev].to].end, ws[runs[r].from].start);
      if (!/^(?:,\s*|\s+(?:and|or|&|und|et|y|e|och|og|en)\s+|,\s*(?:and|or)\s+)$/i.test(gap)) flush();
    }
    group.push(r);
  }
  flush();
}

// After these, the next one to three words are the name whatever their case.
const INTRODUCES = /(?:\bmy name is|\bmy name's|\bname:|\bcall me|\bnamed|\bje m'appelle|\bmein name ist|\bme llamo|\bmi chiamo)\s*$/i;

const INTRO_HINT = /name|call me|appelle|llamo|chiamo/i;

function introducedNames(text: string, ws: Word[]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < ws.length; i++) {
    if (!INTRODUCES.test(text.slice(Math.max(0, ws[i].start - 20), ws[i].start))) continue;
    let j = i;
    while (j + 1 < ws.length && j - i < 2 && joined(text, ws[j], ws[j + 1]) && !isExcluded(ws[j + 1]) && !NOT_NAMES.has(ws[j + 1].lower))
      j++;
    if (isExcluded(ws[i])) continue;
    spans.push({ type: 'PERSON', start: ws[i].start, end: ws[j].end, score: 0.8 });
  }
  return spans;
}

/** "follow up with patricia desrosiers": a known given name and a surname, both lower case. */
function lowerCaseNames(text: string, ws: Word[]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i + 1 < ws.length; i++) {
    const w = ws[i];
    if (w.text !== w.lower || !isFirstName(w.text, w.lower) || AMBIGUOUS_NAMES.has(w.lower)) continue;
    let j = i + 1;
    if (ws[j].text.length === 1 && j + 1 < ws.length && joined(text, ws[j], ws[j + 1])) j++; // middle initial
    const surname = ws[j];
    if (
      !joined(text, ws[j - 1], surname) ||
      surname.text !== surname.lower ||
      surname.text.length < 3 ||
      isExcluded(surname) ||
      NOT_NAMES.has(surname.lower)
    )
      continue;
    const before = text.slice(Math.max(0, w.start - 25), w.start);
    if (!(WEAK_BEFORE.test(before) || STRONG_BEFORE.test(before) || /(?:^|\n)[\s>]*$/.test(before))) continue;
    spans.push({ type: 'PERSON', start: w.start, end: surname.end, score: 0.6 });
  }
  return spans;
}

/** "they had 6: silvana, adam, christopher and caleb": a list of given names, any case. */
function nameLists(text: string, ws: Word[]): Span[] {
  const spans: Span[] = [];
  let group: Word[] = [];
  const flush = () => {
    const known = group.filter((w) => isFirstName(w.text, w.lower) && !AMBIGUOUS_NAMES.has(w.lower)).length;
    if (group.length >= 3 && known * 2 >= group.length) {
      for (const w of group) if (!isExcluded(w)) spans.push({ type: 'PERSON', start: w.start, end: w.end, score: 0.6 });
    }
    group = [];
  };
  for (let i = 0; i < ws.length; i++) {
    const prev = group[group.length - 1];
    if (prev && !/^(?:,\s*|\s+(?:and|or|&|und|et|y|e|och|og|en)\s+|,\s*(?:and|or)\s+)$/i.test(text.slice(prev.end, ws[i].start))) flush();
    group.push(ws[i]);
  }
  flush();
  return spans;
}

export const detectPerson: Detector = (text) => {
  const ws = words(text);
  if (ws.length === 0) return [];
  const runs = findRuns(text, ws);
  const scores = runs.map((r) => scoreRun(text, ws, r));
  boostLists(text, ws, runs, scores);

  const spans: Span[] = [];
  const seen = new Set<string>();
  runs.forEach((r, k) => {
    if (scores[k] < 0.5) return;
    spans.push({ type: 'PERSON', start: ws[r.from].start, end: ws[r.to].end, score: scores[k] });
    for (const w of ws.slice(r.from, r.to + 1)) if (w.text.length >= 3) seen.add(w.text);
  });
  // Once "Bonnie Kaczmarek" is a name, a later "Kaczmarek" is the same person.
  runs.forEach((r, k) => {
    if (scores[k] >= 0.5) return;
    for (const w of ws.slice(r.from, r.to + 1))
      if (seen.has(w.text)) spans.push({ type: 'PERSON', start: w.start, end: w.end, score: 0.65 });
  });
  if (INTRO_HINT.test(text)) spans.push(...introducedNames(text, ws));
  spans.push(...lowerCaseNames(text, ws));
  if (text.includes(',')) spans.push(...nameLists(text, ws));
  return spans;
};
