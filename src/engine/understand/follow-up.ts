// Conversation state: does the new message continue the last topic or stand alone? Only a
// continuation reads earlier turns for retrieval; a complete question of its own is answered
// as if it were asked first (carrying the last topic over made "what are your opening
// hours?" after a refund question come back with the refund article).
import type { HistoryTurn } from '../types.ts';
import { normalize, words } from '../text/normalize.ts';
import { isStopword } from '../text/stopwords.ts';
import { terms } from '../retrieve/bm25.ts';
import { isFragment, slotValue } from './fragment.ts';
import { correctionDetail } from './correction.ts';

/** Openers that lean on what came before: "and for Germany?", "what about kids?", "y para México?". */
const OPENER =
  /^(and|also|but|or|so|then|plus|what about|how about|what if|same for|same with|y|e|et|und|en|ook|pero|mais|aber|ma|mas|tambien|aussi|auch|anche|y si|y para|y en|et pour|et si|und fur|und wenn|e para|e se|e per)\b/;
/** The message after its opener ("and 17?" → "17?"), or null when it opens with none. `normalized`: through `normalize`. */
export function afterOpener(normalized: string): string | null {
  const text = normalized.trim();
  const opener = text.match(OPENER);
  return opener ? text.slice(opener[0].length).trim() : null;
}

/** Words that point back at something named earlier. */
const POINTING = new Set([
  'it',
  "it's",
  'its',
  'that',
  "that's",
  'this',
  'those',
  'these',
  'them',
  'they',
  'there',
  'one',
  'ones',
  'same',
  'else',
  'he',
  'she',
  'him',
  'her',
  'instead',
  'eso',
  'esto',
  'ello',
  'lo',
  'ca',
  'cela',
  'ceci',
  'das',
  'dies',
  'dafur',
  'davon',
  'isso',
  'isto',
  'cio',
  'questo',
  'quello',
  'dat',
  'dit',
]);
/** Forms of "to be" that make "there" existential ("is there a…", "there are…"), not a place named earlier. */
const BE = new Set(['is', 'are', 'was', 'were', 'be', "there's", 'isnt', 'arent']);

/**
 * Adjectives after which "it" is the dummy subject of a clause still to come ("is it possible to
 * send…", "it's safe to…"): the "it" stands for that clause, not for something said earlier.
 */
const EXTRAPOSED = new Set([
  'possible',
  'impossible',
  'ok',
  'okay',
  'safe',
  'necessary',
  'true',
  'normal',
  'worth',
  'allowed',
  'required',
  'recommended',
  'mandatory',
  'legal',
  'fine',
  'better',
  'best',
  'easy',
  'hard',
  'wise',
]);
const CLAUSE_AFTER = new Set(['to', 'that', 'if', 'for', 'whether']);

/** "it" (or "it's") as a dummy subject: [be] [not|also|even] ADJ, then to / that / if ("is it possible to…"). */
function dummyIt(toks: string[], i: number): boolean {
  if (toks[i] !== 'it' && toks[i] !== "it's") return false;
  let j = i + 1;
  if (toks[i] === 'it' && BE.has(toks[j] ?? '')) j++;
  if (['not', 'also', 'even', 'really', 'still'].includes(toks[j] ?? '')) j++;
  return EXTRAPOSED.has(toks[j] ?? '') && CLAUSE_AFTER.has(toks[j + 1] ?? '');
}

/**
 * Words of the knowledge before a personal pronoun that make a clause naming its own referent
 * (two, "the route for requesting it", do not).
 */
const NAMED_BEFORE = 3;
const PERSONAL = new Set(['it', "it's", 'its', 'they', 'them']);

/** Words that open a clause: "that" before them is a conjunction ("know that my order shipped"). */
const CLAUSE_START = new Set(['i', 'you', 'we', 'they', 'he', 'she', 'my', 'your', 'our', 'their', 'the', 'a', 'an']);

/**
 * Whether a (stemmed) term names a topic of the knowledge: a word it uses, rare enough to say
 * what a message is about. Without knowledge no word qualifies, and every pointer points back.
 */
export type TopicWord = (term: string) => boolean;
/** Whether the knowledge uses a (stemmed) term at all. Without knowledge none counts. */
export type KnownWord = (term: string) => boolean;

/**
 * Pointers in the message that have nothing to refer to inside it: no topic word comes before
 * them ("how do I reset it?"), nor, for a personal pronoun, NAMED_BEFORE other words of the
 * knowledge; and they are neither the existential "there", "that" opening a clause, nor the
 * dummy "it" of "is it possible to…". "server works in docker but I can't reach it" names its
 * own referent, so its "it" points nowhere earlier; such a message is answered alone unless it
 * and the earlier topic are about the same article (`turn.ts`), so a real follow-up that names
 * its topic ("those yaml payloads") still finds it.
 */
function unresolvedPointers(toks: string[], topicWord: TopicWord, knownWord: KnownWord): string[] {
  const out: string[] = [];
  let antecedent = false;
  let named = 0;
  toks.forEach((t, i) => {
    if (POINTING.has(t)) {
      // "a different one", "the same", "instead" always lean on something said before; a
      // personal pronoun may stand for a thing the clause named.
      const inClause = named >= NAMED_BEFORE && PERSONAL.has(t);
      const existential = t === 'there' && (BE.has(toks[i - 1] ?? '') || BE.has(toks[i + 1] ?? ''));
      const conjunction = t === 'that' && CLAUSE_START.has(toks[i + 1] ?? '');
      if (!antecedent && !inClause && !existential && !conjunction && !dummyIt(toks, i)) out.push(t);
      return;
    }
    // "how long", "how much": the word after "how" is part of the question, not a topic named.
    if (antecedent || toks[i - 1] === 'how') return;
    if (terms(t).some(topicWord)) antecedent = true;
    // A clause that names several things already ("I call fastify.decorate inside a registered
    // plugin but it's undefined", "the latest zlib version and when was it released") holds the
    // referent of a personal pronoun, even when the knowledge uses each word on many pages.
    else if (!isStopword(t) && terms(t).some(knownWord)) named++;
  });
  return out;
}

export interface TopicState {
  /** The message reads earlier turns (retrieval context) only when it continues the last topic. */
  followUp: boolean;
  /**
   * What decided it: a continuation points back, opens like one, answers a clarifying question,
   * corrects a detail of the previous request, gives a slot value of it ("by bus?") or is another
   * fragment; a fragment the knowledge is sure of on its own ("shopping list", "the weather in
   * tokyo?") is a request of its own after all (`turn.ts`).
   */
  cue: 'first' | 'clarify' | 'opener' | 'correction' | 'pointer' | 'slot' | 'fragment' | 'own';
  why: string;
}

export function topicState(
  text: string,
  history: HistoryTurn[],
  topicWord: TopicWord = () => false,
  knownWord: KnownWord = () => false,
): TopicState {
  const lastBot = [...history].reverse().find((t) => t.role !== 'customer');
  if (!history.some((t) => t.role === 'customer')) return { followUp: false, cue: 'first', why: 'first message' };
  if (lastBot?.role === 'bot' && lastBot.action === 'clarify')
    return { followUp: true, cue: 'clarify', why: 'answers a clarifying question' };
  const toks = words(normalize(text));
  // Before the openers: "en fait, à Lyon" corrects; it does not open with Dutch "en" ("and").
  if (correctionDetail(text) !== null) return { followUp: true, cue: 'correction', why: 'corrects the previous request' };
  const opener = normalize(text).trim().match(OPENER);
  if (opener) return { followUp: true, cue: 'opener', why: `opens with "${opener[0]}"` };
  const pointer = unresolvedPointers(toks, topicWord, knownWord)[0];
  if (pointer) return { followUp: true, cue: 'pointer', why: `points back ("${pointer}")` };
  if (slotValue(normalize(text))) return { followUp: true, cue: 'slot', why: 'a slot value of the previous request' };
  if (isFragment(normalize(text))) return { followUp: true, cue: 'fragment', why: 'a fragment' };
  return { followUp: false, cue: 'own', why: 'a complete message of its own' };
}
