import { hasCue } from '../context.ts';
import type { Detector, Span } from '../types.ts';
import {
  COMPOUND_ENDINGS,
  CONNECTORS,
  NOT_NAME_WORDS,
  NOT_STREET_NAMES,
  PO_BOX,
  PREFIX_TYPES,
  STOP_WORDS,
  STRONG_PREFIX_TYPES,
  STRONG_SUFFIX_TYPES,
  SUFFIX_TYPES,
  UNIT,
  UNIT_WORDS,
} from './address-lexicon.ts';

/*
 * Street addresses are found in three steps:
 *  1. cores: street lines found on a token stream (number + name + street type, name +
 *     house number, a prefix type like "Rue ..."), plus PO and military boxes;
 *  2. cores next to each other (only spaces, commas or line breaks between) join up,
 *     with unit designators ("Suite 501") that alone are too weak to count;
 *  3. each block runs on over what follows a street line: city, region code, postcode,
 *     country, each on its own line or after a comma, until the sentence resumes.
 * Word lists are looked up in sets, not regex alternations: this runs on every message.
 */

const set = (words: readonly string[]) => new Set(words);
const SUFFIXES = set(SUFFIX_TYPES);
const STRONG_SUFFIXES = set(STRONG_SUFFIX_TYPES);
const PREFIXES = set(PREFIX_TYPES);
const STRONG_PREFIXES = set(STRONG_PREFIX_TYPES);
const CONNECT = set(CONNECTORS);
const NOT_NAME = set(NOT_NAME_WORDS);
const NOT_STREET = set(NOT_STREET_NAMES);
const UNITS = set(UNIT_WORDS);
const COMPOUND = new RegExp(`\\p{L}{2}(?:${COMPOUND_ENDINGS.join('|')})$`, 'u');

interface Token {
  kind: 'num' | 'word' | 'mark';
  text: string;
  /** Lower case without a trailing dot: the form looked up in the word lists. */
  key: string;
  start: number;
  end: number;
  capital: boolean;
}

const TOKEN = /\d+(?:[A-Ha-h](?![\p{L}]))?|[\p{L}][\p{L}\p{M}'’-]*\.?|\S/gu;
/**
 * Opaque identifiers (UUIDs, hashes, order and tracking codes): runs of six or more letters,
 * digits and dashes where letters and digits alternate at least twice ("c0f76f28", not
 * "221B"). Read as words and numbers they look like "210 c0f..." house-number-and-name.
 */
const OPAQUE = /(?<![\p{L}\d])[\p{L}\d-]{6,}(?![\p{L}\d])/gu;
const ALTERNATIONS = /\p{L}\d|\d\p{L}/gu;
const isOpaque = (run: string) => (run.match(ALTERNATIONS)?.length ?? 0) >= 2;

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  // An opaque identifier is one mark: it breaks a street line and never joins one.
  const opaque = [...text.matchAll(OPAQUE)].filter((m) => isOpaque(m[0])).map((m) => ({ start: m.index, end: m.index + m[0].length }));
  let next = 0;
  for (const m of text.matchAll(TOKEN)) {
    while (next < opaque.length && opaque[next]!.end <= m.index) next++;
    const id = opaque[next];
    if (id && m.index >= id.start) {
      if (m.index === id.start)
        tokens.push({ kind: 'mark', text: text.slice(id.start, id.end), key: '', start: id.start, end: id.end, capital: false });
      continue;
    }
    const t = m[0];
    const c = t.charCodeAt(0);
    const kind = c >= 48 && c <= 57 ? 'num' : t.length > 1 || t.toLowerCase() !== t.toUpperCase() ? 'word' : 'mark';
    const lower = t.toLowerCase();
    const key = lower.endsWith('.') ? lower.slice(0, -1) : lower;
    tokens.push({ kind, text: t, key, start: m.index, end: m.index + t.length, capital: kind === 'word' && lower[0] !== t[0] });
  }
  return tokens;
}

interface Core {
  start: number;
  end: number;
  score: number;
}

/** Tokens a and b are neighbours on one line (spaces only between them). */
function sameLine(text: string, a: Token, b: Token): boolean {
  if (b.start - a.end > 3) return false;
  for (let k = a.end; k < b.start; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9) return false; // called for every step of every walk: no slicing
  }
  return true;
}
const isHouseNumber = (t: Token) => t.kind === 'num' && t.text.replace(/\D/g, '').length <= 5;
const isNameWord = (t: Token) =>
  t.kind === 'word' &&
  !NOT_NAME.has(t.key) &&
  !(t.capital && STOP_WORDS.has(t.key)) &&
  (t.capital || CONNECT.has(t.key) || SUFFIXES.has(t.key) || PREFIXES.has(t.key));
/** A word that may be part of an all-lower-case street line ("rue de pologne"). */
const isLowerWord = (t: Token) => t.kind === 'word' && !STOP_WORDS.has(t.key) && !NOT_NAME.has(t.key);

/** Connectors join words of a name but never start one: "of Joaquin Suarez" starts at "Joaquin". */
function skipConnectors(tokens: Token[], j: number, i: number): number {
  while (j < i && CONNECT.has(tokens[j].key) && !tokens[j].capital) j++;
  return j;
}

/** Walks back from token i (exclusive) over up to `max` tokens passing `ok` on one line. */
function walkBack(text: string, tokens: Token[], i: number, ok: (t: Token) => boolean, max: number): number {
  let j = i;
  while (j > 0 && i - j < max && ok(tokens[j - 1]) && sameLine(text, tokens[j - 1], tokens[j])) j--;
  return j;
}

// Cues that a bare "Name 12" is a place: "lives at", "meet me at", "send it to".
const PLACE_CUE =
  /(?:\bat|\bon|\bto|\bin|\bfrom|\bof|address(?:e|s)?|adres|anschrift|dirección|indirizzo|endereço|live[sd]?|living|located|moved|wohne|habite|vivo|abito|woon)\s*:?\s*$/;

function streetCores(text: string, tokens: Token[]): Core[] {
  const cores: Core[] = [];
  const push = (from: number, to: number, score: number) => cores.push({ start: tokens[from].start, end: tokens[to].end, score });
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'word' && SUFFIXES.has(t.key) && i > 0) suffixCore(text, tokens, i, push);
    if (isHouseNumber(t) && i > 0 && tokens[i - 1].kind === 'word') numberCore(text, tokens, i, push);
    if (t.kind === 'word' && STRONG_PREFIXES.has(t.key)) prefixCore(text, tokens, i, push);
    // "Suite 501", "Apt. 7": too weak alone, they glue onto a street line next to them.
    const unit = tokens[i + 1];
    if (
      (UNITS.has(t.key) || t.text === '#') &&
      unit &&
      unit.kind !== 'mark' &&
      unit.text.length <= 6 &&
      sameLine(text, t, unit) &&
      /\d/.test(unit.text)
    )
      push(i, i + 1, 0.45);
  }
  return cores;
}

type Push = (from: number, to: number, score: number) => void;

/** "1668 Glyn St", "935 69 Gordon Terrace", "on Marina Fort Street", "3911 fourth avenue". */
function suffixCore(text: string, tokens: Token[], i: number, push: Push): void {
  const j = skipConnectors(
    tokens,
    walkBack(text, tokens, i, (w) => isNameWord(w) && (w.capital || CONNECT.has(w.key)), 5),
    i,
  );
  const lead = walkBack(text, tokens, j, isHouseNumber, 2);
  if (lead < j && j < i) return push(lead, i, 0.85);
  if (!STRONG_SUFFIXES.has(tokens[i].key)) return lead < j ? push(lead, i, 0.85) : undefined;
  // No house number: a named street is still a place after "on", "at", "lives in" ...
  if (j < i && hasCue(text, tokens[j].start, tokens[i].end, PLACE_CUE, 20)) return push(j, i, 0.55);
  // All lower case: the line must start with a house number.
  const k = walkBack(text, tokens, i, (w) => isLowerWord(w) || isHouseNumber(w), 5);
  const first = tokens.slice(k, i).findIndex(isHouseNumber);
  if (first >= 0 && k + first < i - 1 && tokens.slice(k + first, i).some((w) => w.kind === 'word')) return push(k + first, i, 0.75);
  if (lead < j) push(lead, i, 0.85); // just a number and the type: "130 St."
}

/** "Via Franscini 71", "20789 Allika 46", "Erzsébet tér 19", "2407 tawastintie 6". */
function numberCore(text: string, tokens: Token[], i: number, push: Push): void {
  let j = skipConnectors(tokens, walkBack(text, tokens, i, isNameWord, 6), i);
  if (j === i) j = walkBack(text, tokens, i, isLowerWord, 4);
  if (j === i) return;
  const words = tokens.slice(j, i);
  const lowerOnly = !words.some((w) => w.capital);
  if (words.length === 1 && NOT_STREET.has(words[0].key)) return;
  const lead = walkBack(text, tokens, j, isHouseNumber, 2);
  const streety = words.some((w) => PREFIXES.has(w.key) || SUFFIXES.has(w.key) || COMPOUND.test(w.key));
  if (lowerOnly) {
    // Lower-case words need both a street word and a leading number.
    if (!streety || lead === j) return;
    return push(lead, i, 0.7);
  }
  const score = streety ? 0.85 : lead < j ? 0.75 : hasCue(text, tokens[j].start, tokens[i].end, PLACE_CUE, 25) ? 0.6 : 0.4;
  push(lead, i, score);
}

/** "Rue Hsine Eloued", "36 rue de pologne", "ul. Miła 53": prefix types need no number. */
function prefixCore(text: string, tokens: Token[], i: number, push: Push): void {
  const lead = walkBack(text, tokens, i, isHouseNumber, 2);
  const lower = !tokens[i].capital;
  if (lower && lead === i) return; // "via email": a lower-case prefix needs a house number before it
  const ok = lower ? isLowerWord : isNameWord;
  let k = i + 1;
  while (k < tokens.length && k - i <= 5 && ok(tokens[k]) && sameLine(text, tokens[k - 1], tokens[k])) k++;
  const named = tokens.slice(i + 1, k).filter((w) => w.capital || lower).length;
  if (named === 0) return;
  const house = k < tokens.length && isHouseNumber(tokens[k]) && sameLine(text, tokens[k - 1], tokens[k]);
  const end = house ? k : k - 1;
  push(lead, end, lead < i || house ? 0.8 : named >= 2 ? 0.6 : 0.45);
}

const B = String.raw`(?<![\p{L}\p{N}])`;
const E = String.raw`(?![\p{L}\p{N}])`;
const NAME = String.raw`\p{Lu}[\p{L}\p{M}'’-]*\.?(?:[ ]+(?:[a-z]{1,4}[ ]+)?\p{Lu}[\p{L}\p{M}'’-]*\.?){0,3}`;
const BOXES = [
  new RegExp(`${B}${PO_BOX}${E}`, 'giu'),
  /\b(?:PSC|CMR|Unit)\s+\d{3,5},?\s+Box\s+\d{3,5}\b/g, // US military mail
  /\b(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}\b/g,
  /\b(?:USNS|USS|USNV|USCGC)\s+\p{Lu}[\p{L}\p{M}'’-]+/gu,
];
// Cheap test first: the box patterns are slow to try at every position of every message.
const BOX_HINT = /box|postfach|apartado|casella|caixa|boîte|\b[AFD]PO\b|\bUS[NSC]/i;
// "the corner of Pachergasse 64 and Radolič Harbor", "corner of 5th and Main".
const CORNER = new RegExp(String.raw`\b(?:the\s+)?corner\s+of\s+[^\n,;]{3,60}?\s+and\s+${NAME}`, 'giu');

function patternCores(text: string): Core[] {
  const cores: Core[] = [];
  if (BOX_HINT.test(text))
    for (const re of BOXES) for (const m of text.matchAll(re)) cores.push({ start: m.index, end: m.index + m[0].length, score: 0.85 });
  if (/corner/i.test(text)) for (const m of text.matchAll(CORNER)) cores.push({ start: m.index, end: m.index + m[0].length, score: 0.8 });
  return cores;
}

/** Joins cores that overlap or are separated only by spaces, commas and line breaks. */
function joinCores(text: string, cores: Core[]): Core[] {
  const sorted = [...cores].sort((a, b) => a.start - b.start || b.end - a.end);
  const blocks: Core[] = [];
  for (const core of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && (core.start <= last.end || isJoint(text.slice(last.end, core.start)))) {
      last.end = Math.max(last.end, core.end);
      last.score = Math.max(last.score, core.score);
    } else {
      blocks.push({ ...core });
    }
  }
  return blocks;
}

function isJoint(gap: string): boolean {
  return gap.length <= 8 && /^[\s,>]*$/.test(gap) && (gap.match(/\n/g)?.length ?? 0) <= 2;
}

// What may follow a street line: a postcode, a unit, or a short run of capitalised words
// (city, region code, country), possibly with a postcode after it.
const POSTCODE = String.raw`(?:\d{4,5}(?:-\d{3,4})?|\d{3}[ ]\d{2}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2}|\d{4}[ ]?[A-Z]{2})`;
// Quoting marks and bullets that may open a line of a pasted address block.
const LINE_START = String.raw`[ \t>*•·?-]{0,6}`;
const PLACE_WORD = String.raw`(?:\p{Lu}[\p{L}\p{M}'’.-]*|\(\p{Lu}[\p{L}\p{M}'’. -]*\))`;
const LOCALITY = new RegExp(
  String.raw`^\.?(?:[ \t]*,[ \t]*\n?${LINE_START}|[ \t]*\n(?:${LINE_START}\n)?${LINE_START}|[ \t]+)((?:${UNIT}|${PO_BOX}|${PLACE_WORD}(?:[ ]+(?:[a-z]{1,4}[ ]+)?${PLACE_WORD}){0,3}(?:[ ]+${POSTCODE})?|${POSTCODE}))(?![\p{L}\p{N}])`,
  'u',
);

function extend(text: string, block: Core): Core {
  let end = block.end;
  for (let steps = 0; steps < 6; steps++) {
    const m = LOCALITY.exec(text.slice(end, end + 120));
    if (!m) break;
    const separator = m[0].slice(0, m[0].length - m[1].length);
    if ((separator.match(/\n/g)?.length ?? 0) > 2) break;
    if (STOP_WORDS.has(m[1].split(/\s+/)[0].toLowerCase())) break;
    end += m[0].length;
  }
  return { ...block, end };
}

export const detectAddress: Detector = (text) => {
  const hasDigit = /\d/.test(text);
  if (!hasDigit && !/corner|\b(?:rue|calle|via|avenue|rua|ul)\b/i.test(text)) return [];
  // Cores under 0.45 are too weak even to glue onto a real address.
  const cores = [...streetCores(text, tokenise(text)), ...patternCores(text)].filter((c) => c.score >= 0.45);
  return joinCores(text, cores)
    .map((block) => extend(text, block))
    .filter((block) => block.score >= 0.5)
    .map(({ start, end, score }): Span => ({ type: 'ADDRESS', start, end, score }));
};
