// Support vocabulary: words and phrases customers of any shop or subscription service use for the
// same thing, so that a message in the customer's words finds knowledge written in the company's
// ("voucher" for "coupon", "customer service" for "support", "overseas" for "abroad"). Written for
// support in general (orders, delivery, payment, accounts, subscriptions), not for one knowledge
// set; only near-equivalents in a support conversation, since a looser link (a hypernym, a
// related topic) would turn a question the knowledge cannot answer into a confident wrong one.
// Expansion is for words the knowledge does not use itself and weighs less than the words typed
// (`EXPANSION_WEIGHT`), so an exact match always counts more.
import { stem } from './stem.ts';
import { isStopword } from './stopwords.ts';
import { words } from './normalize.ts';
import { countriesIn } from './countries.ts';

/** Groups of interchangeable words and phrases (English, lower case, no accents). */
export const SUPPORT_SYNONYMS: string[][] = [
  ['refund', 'reimbursement', 'money back', 'repayment'],
  ['coupon', 'voucher', 'promo code', 'promotional code', 'discount code', 'voucher code'],
  ['gift card', 'gift certificate', 'gift voucher', 'voucher'],
  ['support', 'customer service', 'customer support', 'customer care', 'help desk', 'helpdesk', 'support team'],
  ['contact', 'reach', 'get in touch', 'get hold of'],
  ['ship', 'send', 'dispatch', 'deliver'],
  ['shipping', 'delivery', 'shipment', 'postage'],
  ['abroad', 'overseas', 'internationally', 'international', 'other countries', 'another country', 'foreign countries'],
  ['parcel', 'package'],
  ['damaged', 'broken', 'smashed', 'cracked', 'shattered', 'in pieces', 'defective', 'faulty', 'torn', 'ripped', 'dented'],
  ['cancel', 'terminate', 'unsubscribe'],
  ['subscription', 'membership'],
  ['password', 'passcode', 'passphrase'],
  ['sign in', 'log in', 'login', 'signin', 'log on', 'logon'],
  ['invoice', 'receipt', 'bill'],
  ['fee', 'surcharge'],
  ['price', 'cost'],
  ['email', 'e-mail'],
  ['opening hours', 'business hours', 'office hours', 'opening times'],
  ['delete', 'erase', 'deactivate'],
  ['change', 'update', 'edit', 'modify', 'amend'],
  ['track', 'trace'],
  ['fast', 'quick', 'express', 'expedited', 'rush'],
  ['late', 'delayed', 'overdue'],
  ['missing', 'never arrived', 'never came', 'not received'],
  ['exchange', 'swap', 'replacement', 'replace'],
  ['problem', 'issue', 'trouble'],
  ['phone', 'telephone', 'phone number'],
  ['chat', 'live chat'],
  ['forgot', 'forgotten', "can't remember", 'cannot remember'],
  ['reset', 'recover'],
  ['cash on delivery', 'cod', 'pay on delivery'],
];

/** An expansion's weight against a typed word's 1: below it, so an exact match always counts more. */
export const EXPANSION_WEIGHT = 0.5;

interface Entry {
  /** Stems of the phrase's words, stop words included (they are part of a phrase). */
  stems: string[];
  /** The phrase's content words: what it adds to a message, what the knowledge must use. */
  content: string[];
  group: number;
}

const ENTRIES: Entry[] = SUPPORT_SYNONYMS.flatMap((group, g) =>
  group.map((phrase) => {
    const ws = words(phrase);
    return { stems: ws.map(stem), content: ws.filter((w) => !isStopword(w)), group: g };
  }),
);
/** The group a country name joins, one way (a country is abroad; abroad is no country). */
const ABROAD = SUPPORT_SYNONYMS.findIndex((g) => g.includes('abroad'));
/** Stems of the words of sending and delivery (the lexicon's groups of "ship" and "shipping"). */
const DELIVERY = new Set(
  SUPPORT_SYNONYMS.filter((g) => g.includes('ship') || g.includes('shipping'))
    .flat()
    .flatMap((p) => words(p))
    .map(stem),
);
const BY_FIRST = new Map<string, Entry[]>();
for (const e of ENTRIES) (BY_FIRST.get(e.stems[0]) ?? BY_FIRST.set(e.stems[0], []).get(e.stems[0])!).push(e);

export interface Expansions {
  /** Words to read beside the message's, with their weight. */
  words: Map<string, number>;
  /** For each message word that set off an expansion, the words it was expanded to. */
  of: Map<string, string[]>;
}

/**
 * Words to add to a normalised message: for each phrase of the lexicon in the message whose
 * content words the knowledge does not all use (`knows`), the content words of the same group's
 * phrases that it does use. Words already in the message are not added.
 */
export function supportExpansions(normalized: string, knows: (word: string) => boolean): Expansions {
  const toks = words(normalized);
  const stems = toks.map(stem);
  const present = new Set(toks);
  const found: { group: number; typed: string[] }[] = [];
  for (let i = 0; i < stems.length; i++)
    for (const e of BY_FIRST.get(stems[i]) ?? [])
      if (e.stems.every((s, j) => stems[i + j] === s) && !e.content.every(knows))
        found.push({ group: e.group, typed: toks.slice(i, i + e.stems.length).filter((w) => !isStopword(w)) });
  // A country the knowledge never names, in a question about delivery, reads as abroad
  // (`countries.ts`); elsewhere a country is no delivery matter ("do I need a visa for italy").
  if (stems.some((s) => DELIVERY.has(s)))
    for (const name of countriesIn(toks)) if (!name.every(knows)) found.push({ group: ABROAD, typed: name.filter((w) => !isStopword(w)) });
  const out: Expansions = { words: new Map(), of: new Map() };
  for (const { group, typed } of found) {
    const added: string[] = [];
    for (const e of ENTRIES)
      if (e.group === group && e.content.length && e.content.every(knows))
        for (const w of e.content) if (!present.has(w)) (out.words.set(w, EXPANSION_WEIGHT), added.push(w));
    for (const t of typed) if (added.length) out.of.set(t, [...(out.of.get(t) ?? []), ...added]);
  }
  return out;
}
