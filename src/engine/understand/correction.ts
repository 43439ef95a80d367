// A correction of the previous request ("actually 6:30", "dad instead", "en fait, à Lyon",
// "eigentlich um halb acht", "no, 25"): what its markers leave is a detail that replaces one of
// that request, so the message continues it. The markers are dialogue, not topic: read alone,
// "instead" is a vote for ingredient substitution, not for calling dad, so the classifier reads the
// detail only (`turn.ts`).
import { normalize } from '../text/normalize.ts';
import { isFragment, namesSomething, slotValue } from './fragment.ts';

/**
 * Correction markers in the seven languages the engine reads, normalised (lower case, no accents):
 * `start` opens a correction, `end` closes one ("jazz instead", "a las 9 mejor") or opens it, `no` denies the
 * previous detail and corrects only with a value after it ("no, 25", "nein, nach Berlin"): with
 * other words ("no good", "no, that's wrong", "non merci") it is an answer of its own. Apologies
 * and pauses ("sorry", "pardon", "perdón", "wait") are left out: "sorry about that" and "pardon
 * pour le retard" are no corrections. So are words that are also an answer or a tag ("veramente?"
 * is "really?", Dutch "toch?" asks for agreement).
 */
export const CORRECTION_MARKERS: Record<string, { start: string[]; end: string[]; no: string[] }> = {
  en: { start: ['actually', 'rather', 'oops', 'make that', 'change that to', 'change it to'], end: ['instead'], no: ['no', 'nope'] },
  es: {
    start: ['en realidad', 'mejor', 'o mejor', 'mas bien', 'quiero decir', 'o sea'],
    end: ['en su lugar', 'en vez de eso', 'mejor'],
    no: ['no'],
  },
  fr: { start: ['en fait', 'plutot', 'ou plutot', 'je veux dire'], end: ['plutot', 'a la place'], no: ['non'] },
  de: {
    start: ['eigentlich', 'stattdessen', 'lieber', 'besser', 'oder lieber', 'oder besser', 'ich meine'],
    end: ['stattdessen', 'lieber'],
    no: ['nein'],
  },
  pt: { start: ['na verdade', 'alias', 'melhor', 'ou melhor', 'quer dizer'], end: ['em vez disso', 'no lugar disso'], no: ['nao'] },
  it: { start: ['anzi', 'in realta', 'meglio', 'o meglio', 'cioe', 'volevo dire'], end: ['invece', 'piuttosto'], no: ['no'] },
  nl: { start: ['eigenlijk', 'liever', 'beter', 'of liever', 'of beter', 'ik bedoel'], end: ['in plaats daarvan', 'liever'], no: ['nee'] },
};

/** One alternation of every language's markers of the kinds, longest first ("o mejor" before "mejor"). */
function alternation(...kinds: ('start' | 'end' | 'no')[]): string {
  const all = new Set(Object.values(CORRECTION_MARKERS).flatMap((m) => kinds.flatMap((k) => m[k])));
  return [...all].sort((a, b) => b.length - a.length).join('|');
}
// What closes a correction may open one too ("instead, 7:30", "invece domani", "stattdessen Berlin").
const START = new RegExp(`^(?:${alternation('start', 'end')})\\b[\\s,:;.!-]*`);
const END = new RegExp(`[\\s,;-]*\\b(?:${alternation('end')})\\b\\s*[.!?]*$`);
const NO = new RegExp(`^(?:${alternation('no')})\\b[\\s,:;.!-]*`);

/**
 * The detail a correction gives, without the words that mark it as one ("dad" of "dad instead",
 * "6:30" of "actually 6:30", "a lyon" of "en fait, à Lyon"), or null when the message is not a
 * correction of a fragment ("actually, how do I cancel my order?" is a question of its own).
 */
export function correctionDetail(text: string): string | null {
  const n = normalize(text).trim();
  const denied = n.replace(NO, '');
  const opened = denied.replace(START, '');
  const rest = opened.replace(END, '').trim();
  if (!rest || rest === n) return null;
  const asked = n.endsWith('?') && !rest.endsWith('?') ? '?' : '';
  if (!isFragment(rest + asked) || !namesSomething(rest)) return null;
  const marked = opened !== denied || rest !== opened.trim();
  // "no" alone marks a correction only before a value: a number, or a slot value ("no, by bus",
  // "non, à Lyon", "no, the blue one"): after a denial a noun phrase is a counter-offer even unasked.
  return marked || /^\d/.test(rest) || slotValue(`${rest}?`) ? rest : null;
}
