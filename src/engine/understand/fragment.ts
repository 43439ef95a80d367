// The shape of a short message: a fragment ("tomorrow?", "my checking?") leans on the request
// before it; among fragments, a slot value ("by bus?", "with my visa?", "a whole chicken?") has no
// predicate of its own at all: it fills a detail of that request (a mode, a means, a quantity, an
// item, a place, a time) and asks nothing by itself.
import { words } from '../text/normalize.ts';
import { isStopword } from '../text/stopwords.ts';

/** How a question or statement of its own usually starts (a full question, not a fragment). */
const STANDALONE_START = new Set(
  `how what what's whats where when why who which can could do does did is are will would should may i i'm i've im
my we our please como que donde cuando puedo quiero comment ou quand je est wie was wo wann ich kann onde posso eu
dove quando hoe waar wat ik`.split(/\s+/),
);

/**
 * Determiners that open a noun phrase, not a clause: "my checking?", "an apple?", "mi cuenta?"
 * name a thing without saying what about it, which only the previous request says. In the seven
 * languages the engine reads (normalised: no accents).
 */
const DETERMINER = new Set(
  `my our your his her their a an the
mi mis tu tus su sus nuestro nuestra un una unos unas el la los las
mon ma mes ton ta tes votre vos notre nos son sa ses une le les
mein meine meinen meinem unser unsere dein deine ihr ihre ein eine einen einem der die das den dem
meu minha meus minhas seu sua nosso nossa um uma o os as
mio mia miei mie tuo tua nostro nostra uno il lo gli i
mijn jouw uw ons onze een de het`.split(/\s+/),
);

/**
 * Prepositions that open a phrase modifying something said before ("by bus?", "in euros?", "with
 * my visa?", "en coche?", "mit der Bahn?"). English "no" and "a" are left out: "no" answers,
 * "a" is the article (a determiner above).
 */
const PREPOSITION = new Set(
  `by in on at to for from with via into near without under over around until after before
en con por para sin desde hasta al del de
avec par pour sans au aux du des vers chez dans sur apres avant
mit im am an auf fur nach zu zum zur per ohne bis von vom ab um aus bei beim
em na nos nas com pelo pela pra ao aos as do da ate
con per alla alle allo agli dal dalla dalle di della delle degli senza nel nella nelle su sul sulle tra fra
met op voor naar zonder bij van om tot uit`.split(/\s+/),
);

/** Verbs that make a clause of a short message ("my luggage is lost", "mi tarjeta es nueva"). */
const VERB = new Set(
  `is are was were am be been do does did have has had can could will would should need want
es son esta estan tengo tiene
est sont ai
ist sind hat habe
sao tem
sono ha ho
zijn heb heeft`.split(/\s+/),
);

/** Times and amounts are one value each ("6:30", "1,000", "2.5"), not two words. */
export const joinNumbers = (normalized: string) => normalized.replace(/(\d)[:.,](\d)/g, '$1$2');

/** Words of a short message that say what it is about: not function words, in any of the languages. */
const content = (toks: string[]) => toks.filter((t) => !isStopword(t) && !PREPOSITION.has(t) && !DETERMINER.has(t));
/** Whether a message names anything at all ("by bus" does, "el" or "the one" does not). */
export const namesSomething = (normalized: string) => content(words(joinNumbers(normalized))).length > 0;

/**
 * A fragment: two content words at most in four, and not the start of a question or statement of
 * its own, unless it is a noun phrase asked about ("my checking?": a determiner, no verb, a "?").
 * `normalized`: the message through `normalize`.
 */
export function isFragment(normalized: string): boolean {
  const toks = words(joinNumbers(normalized));
  if (content(toks).length > 2 || toks.length > 4) return false;
  if (!STANDALONE_START.has(toks[0] ?? '')) return true;
  return DETERMINER.has(toks[0]) && normalized.trim().endsWith('?') && !toks.some((t) => VERB.has(t));
}

/**
 * A slot value: a fragment with no predicate of its own. `phrase`: it opens with a preposition
 * ("by bus?", "on saturday", "nach Berlin?"), so it modifies something and cannot be a request by
 * itself. `value`: it opens with a number ("500 dollars?", "25") or, asked about, a determiner ("a
 * whole chicken?", "an suv?"); a noun phrase may still name a request outright ("the weather in
 * tokyo?", "my credit limit?"), which the classifier's confidence in it alone tells (`turn.ts`).
 * Either way its words alone may belong to another request ("visa" is a travel visa's word,
 * "euros" an exchange rate's) without speaking against the one it fills.
 * `normalized`: the message through `normalize`.
 */
export function slotValue(normalized: string): 'phrase' | 'value' | null {
  const toks = words(joinNumbers(normalized));
  if (!toks.length || !isFragment(normalized) || toks.some((t) => VERB.has(t))) return null;
  const first = toks[0];
  if (PREPOSITION.has(first)) return 'phrase';
  if (/^\d/.test(first) || (DETERMINER.has(first) && normalized.trim().endsWith('?'))) return 'value';
  return null;
}
