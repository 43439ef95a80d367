// Conversation state: does the new message continue the last topic or stand alone? Only a
// continuation reads earlier turns for retrieval; a complete question of its own is answered
// as if it were asked first (carrying the last topic over made "what are your opening
// hours?" after a refund question come back with the refund article).
import type { HistoryTurn } from '../types.ts';
import { normalize, words } from '../text/normalize.ts';
import { isStopword } from '../text/stopwords.ts';
import { terms } from '../retrieve/bm25.ts';

/** Openers that lean on what came before: "and for Germany?", "what about kids?", "y para México?". */
const OPENER =
  /^(and|also|but|or|so|then|plus|what about|how about|what if|same for|same with|y|e|et|und|en|ook|pero|mais|aber|ma|mas|tambien|aussi|auch|anche|y si|y para|y en|et pour|et si|und fur|und wenn|e para|e se|e per)\b/;
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
/** How a question or statement of its own usually starts (a full question, not a fragment). */
const STANDALONE_START = new Set([
  'how',
  'what',
  "what's",
  'whats',
  'where',
  'when',
  'why',
  'who',
  'which',
  'can',
  'could',
  'do',
  'does',
  'did',
  'is',
  'are',
  'will',
  'would',
  'should',
  'may',
  'i',
  "i'm",
  "i've",
  'im',
  'my',
  'we',
  'our',
  'please',
  'como',
  'que',
  'donde',
  'cuando',
  'puedo',
  'quiero',
  'comment',
  'ou',
  'quand',
  'je',
  'est',
  'wie',
  'was',
  'wo',
  'wann',
  'ich',
  'kann',
  'onde',
  'posso',
  'eu',
  'dove',
  'quando',
  'hoe',
  'waar',
  'wat',
  'ik',
]);

/** Forms of "to be" that make "there" existential ("is there a…", "there are…"), not a place named earlier. */
const BE = new Set(['is', 'are', 'was', 'were', 'be', "there's", 'isnt', 'arent']);

/** Words that open a clause: "that" before them is a conjunction ("know that my order shipped"). */
const CLAUSE_START = new Set(['i', 'you', 'we', 'they', 'he', 'she', 'my', 'your', 'our', 'their', 'the', 'a', 'an']);

/**
 * Whether a (stemmed) term names a topic of the knowledge: a word it uses, rare enough to say
 * what a message is about. Without knowledge no word qualifies, and every pointer points back.
 */
export type TopicWord = (term: string) => boolean;

/**
 * Pointers in the message that have nothing to refer to inside it: no topic word comes before
 * them ("how do I reset it?"), and they are neither the existential "there" nor "that" opening
 * a clause. "server works in docker but I can't reach it" names its own referent, so its "it"
 * points nowhere earlier; such a message is read alone and with the earlier topic, the surer
 * reading taken (`turn.ts`), so a real follow-up that names its topic ("those yaml payloads")
 * still finds it.
 */
function unresolvedPointers(toks: string[], topicWord: TopicWord): string[] {
  const out: string[] = [];
  let antecedent = false;
  toks.forEach((t, i) => {
    if (POINTING.has(t)) {
      const existential = t === 'there' && (BE.has(toks[i - 1] ?? '') || BE.has(toks[i + 1] ?? ''));
      const conjunction = t === 'that' && CLAUSE_START.has(toks[i + 1] ?? '');
      if (!antecedent && !existential && !conjunction) out.push(t);
      return;
    }
    // "how long", "how much": the word after "how" is part of the question, not a topic named.
    if (!antecedent && toks[i - 1] !== 'how' && terms(t).some(topicWord)) antecedent = true;
  });
  return out;
}

export interface TopicState {
  /** The message reads earlier turns (retrieval context) only when it continues the last topic. */
  followUp: boolean;
  why: string;
}

export function topicState(text: string, history: HistoryTurn[], topicWord: TopicWord = () => false): TopicState {
  const lastBot = [...history].reverse().find((t) => t.role !== 'customer');
  if (!history.some((t) => t.role === 'customer')) return { followUp: false, why: 'first message' };
  if (lastBot?.role === 'bot' && lastBot.action === 'clarify') return { followUp: true, why: 'answers a clarifying question' };
  const toks = words(normalize(text));
  const opener = normalize(text).trim().match(OPENER);
  if (opener) return { followUp: true, why: `opens with "${opener[0]}"` };
  const pointer = unresolvedPointers(toks, topicWord)[0];
  if (pointer) return { followUp: true, why: `points back ("${pointer}")` };
  const content = toks.filter((t) => !isStopword(t));
  if (content.length <= 2 && toks.length <= 4 && !STANDALONE_START.has(toks[0] ?? '')) return { followUp: true, why: 'a fragment' };
  return { followUp: false, why: 'a complete message of its own' };
}
