// The escalation signals of one message: the learned detector (model.ts) run on the whole
// message and on each sentence of it, since a request for a person or a cry for help is
// often one sentence among others ("is there a human I can chat with? my card still hasn't
// arrived").
import { detectSignal } from './model.ts';
import type { SignalClass } from './examples.ts';

export type Signal = Exclude<SignalClass, 'ordinary'>;
export interface SignalHit {
  kind: Signal;
  prob: number;
  /** The part of the message that carried it. */
  text: string;
}

/** Sentences (and clauses after "but"), each with at least one letter. */
export function clauses(text: string): string[] {
  return text
    .split(/[.?!;…\n]+|\s+but\s+|\s+pero\s+|\s+mais\s+|\s+aber\s+/i)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
}

// PII tokens (<PERSON_1>, <CARD_2>) say nothing about what the customer wants: read without them.
const TOKEN = /<[A-Z][A-Z0-9_]*_\d+>/g;
// A clause read on its own needs a few words: "Hi, I am <PERSON_1>" alone reads like anything.
const MIN_CLAUSE_WORDS = 3;
const words = (s: string) => s.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length;

export function findSignal(text: string): SignalHit | null {
  const plain = text.replace(TOKEN, ' ').replace(/\s+/g, ' ').trim();
  const parts = clauses(plain).filter((p) => words(p) >= MIN_CLAUSE_WORDS);
  const candidates = parts.length > 1 ? [plain, ...parts] : [plain];
  let best: SignalHit | null = null;
  for (const part of candidates.slice(0, 8)) {
    const hit = detectSignal(part.slice(0, 500));
    if (hit && (!best || hit.prob > best.prob)) best = { ...hit, text: part.slice(0, 200) };
  }
  return best;
}

export { warmSignals, scoreSignals, SIGNAL_THRESHOLD } from './model.ts';
