// Chat shorthand written out ("wanna" → "want to", "ur" → "your"): a casual line as it reads in
// full, for the safety detector's check that an urgent reading is not the register alone
// (understand/signals/model.ts). Politeness shorthand ("pls", "thx") is left as it is: written
// out, it is the polite register of ordinary questions.
import { mapWords } from './normalize.ts';

/** Shorthand of English chat and its written-out form; only tokens that are rarely anything else. */
const SHORTHAND: Readonly<Record<string, string>> = {
  wanna: 'want to',
  gonna: 'going to',
  gotta: 'got to',
  lemme: 'let me',
  gimme: 'give me',
  ur: 'your',
  u: 'you',
  im: "i'm",
  ive: "i've",
  dont: "don't",
  cant: "can't",
  wont: "won't",
  didnt: "didn't",
  doesnt: "doesn't",
  isnt: "isn't",
  whats: "what's",
  idk: "i don't know",
  rn: 'right now',
  acct: 'account',
  pw: 'password',
  addy: 'address',
  kms: 'kill myself',
};

/** Already-normalised text (normalize.ts) with chat shorthand written out. */
export function expandShorthand(normalized: string): string {
  return mapWords(normalized, (w) => SHORTHAND[w] ?? w);
}
