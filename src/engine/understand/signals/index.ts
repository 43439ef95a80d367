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

export function findSignal(text: string): SignalHit | null {
  const parts = clauses(text);
  const candidates = parts.length > 1 ? [text, ...parts] : [text];
  let best: SignalHit | null = null;
  for (const part of candidates.slice(0, 8)) {
    const hit = detectSignal(part.slice(0, 500));
    if (hit && (!best || hit.prob > best.prob)) best = { ...hit, text: part.slice(0, 200) };
  }
  return best;
}

export { warmSignals, scoreSignals, SIGNAL_THRESHOLD } from './model.ts';
