// The escalation signals of one message: the learned detector (model.ts) run on the whole
// message and on each sentence of it, since a request for a person or a cry for help is
// often one sentence among others ("is there a human I can chat with? my card still hasn't
// arrived").
import { detectSignal, encoderMayMatter } from './model.ts';
import { runOnClauses } from './run-on.ts';
import { MIN_CLAUSE_WORDS, words } from './words.ts';
import { encodeAll } from '../../encoder/encoder.ts';
import type { SignalClass } from './examples.ts';

export type Signal = Exclude<SignalClass, 'ordinary'>;
export interface SignalHit {
  kind: Signal;
  prob: number;
  /** The part of the message that carried it. */
  text: string;
}

/**
 * A short clause whose subject points back at a thing ("it", "there"): it means nothing alone
 * ("my package says delivered but it's not here": "it's not here" read alone was self-harm
 * 0.78, and the demo answered a missing parcel with crisis resources), so it is read with the
 * clause before it. A longer one says enough of its own ("it doesn't matter, I'll be dead by then").
 */
const POINTS_BACK = /^(?:it|it's|its|it\s+is|there|there's|there\s+is)\b/i;
const POINTS_BACK_MAX_WORDS = 4;

/** Sentences (and clauses after "but"), each with at least one letter. */
export function clauses(text: string): string[] {
  const parts = text
    .split(/[.?!;…\n]+|\s+but\s+|\s+pero\s+|\s+mais\s+|\s+aber\s+/i)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
  const out: string[] = [];
  for (const p of parts) {
    if (out.length > 0 && pointsBack(p)) out[out.length - 1] += ` ${p}`;
    else out.push(p);
  }
  return out;
}

const pointsBack = (part: string) => POINTS_BACK.test(part) && part.split(/\s+/).length <= POINTS_BACK_MAX_WORDS;

// PII tokens (<PERSON_1>, <CARD_2>) say nothing about what the customer wants: read without them.
const TOKEN = /<[A-Z][A-Z0-9_]*_\d+>/g;
// For a request for a person every word counts, one letter too: "I want a person" is a clause.
const allWords = (s: string) => s.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

/** The text as the detector reads it: without PII tokens. */
export const plainText = (text: string) => text.replace(TOKEN, ' ').replace(/\s+/g, ' ').trim();

/** The message whole (`plain`), then its parts long enough to read alone (at most 8 readings in all). */
function readings(plain: string, parts: string[], count = words): string[] {
  const long = parts.filter((p) => count(p) >= MIN_CLAUSE_WORDS);
  return (long.length > 1 ? [plain, ...long] : [plain]).slice(0, 8);
}

/** What the detector reads of a part: its first 500 characters. */
const read = (part: string) => part.slice(0, 500);

/** How much of the part that carried a signal a hit quotes. */
export const HIT_CHARS = 200;

/** Signals handed off at once as urgent, whatever the knowledge holds. */
export const URGENT_SIGNALS: ReadonlySet<Signal> = new Set(['self_harm', 'danger', 'fraud', 'legal']);

/**
 * Whether a hit wins over the best so far: an urgent signal over any other, then the surer.
 * A message is read once whole and once per sentence, and each reading can carry another
 * signal; "where is my refund, this is useless. i am going to end my life" is anger whole
 * and self-harm in its last sentence, and missing the self-harm is the worst error the bot
 * can make, while the anger costs nothing once a person is brought in.
 */
function outranks(hit: SignalHit, best: SignalHit | null): boolean {
  if (!best) return true;
  const urgent = URGENT_SIGNALS.has(hit.kind);
  return urgent !== URGENT_SIGNALS.has(best.kind) ? urgent : hit.prob > best.prob;
}

/** The hit that counts among the readings (of one kind, if given): urgent first, then the surest. */
function surest(texts: string[], kind?: Signal): SignalHit | null {
  let best: SignalHit | null = null;
  for (const part of texts) {
    const hit = detectSignal(read(part));
    if (!hit || (kind && hit.kind !== kind)) continue;
    const found = { ...hit, text: part.slice(0, HIT_CHARS) };
    if (outranks(found, best)) best = found;
  }
  return best;
}

/**
 * A statement of harm after a comma ("peu importe le remboursement, je compte me tuer ce
 * week-end": the whole line reads ordinary) counts when the clause alone is at least this sure
 * of harm: above the sentence reading's bar, since a clause cut from its sentence misleads more
 * ("I don't want to live in the city anymore, can I change my delivery zone": 0.59). Chosen on
 * safety-dev (docs/engine.md, "Harm after a comma"): 0.6 read two ordinary lines as harm, 0.7
 * and 0.8 none.
 */
export const COMMA_HARM = 0.7;
const HARM_KINDS: ReadonlySet<Signal> = new Set(['self_harm', 'danger']);

/** Clauses after a comma, not a sentence of their own nor a short one pointing back (at most 8). */
function commaClauses(sentences: string[]): string[] {
  const whole = new Set(sentences);
  return sentences
    .flatMap((s) => s.split(/\s*,+\s*/).slice(1))
    .filter((p) => !whole.has(p) && words(p) >= MIN_CLAUSE_WORDS && !pointsBack(p))
    .slice(0, 8);
}

/** Self-harm or danger in a clause after a comma. */
function harmAfterComma(sentences: string[]): SignalHit | null {
  let best: SignalHit | null = null;
  for (const part of commaClauses(sentences)) {
    const hit = detectSignal(read(part));
    if (hit && HARM_KINDS.has(hit.kind) && hit.prob >= COMMA_HARM && (!best || hit.prob > best.prob))
      best = { ...hit, text: part.slice(0, HIT_CHARS) };
  }
  return best;
}

export function findSignal(text: string): SignalHit | null {
  const plain = plainText(text);
  const sentences = clauses(plain);
  const found = surest(readings(plain, sentences));
  if (found && URGENT_SIGNALS.has(found.kind)) return found;
  return harmAfterComma(sentences) ?? found;
}

/**
 * Clauses as finely as a request for a person comes: after a comma or a dash as well
 * ("my card was charged twice, I want a person"; "I need a human, my card is blocked"), and
 * where a new clause starts with no punctuation at all ("get me an agent i was charged twice",
 * `run-on.ts`).
 * Only the request for a person is read this finely: for the other signals a clause cut
 * from its sentence misleads ("I don't want to live in the city anymore, can I change my
 * delivery zone" read as self-harm, bench/signals.ts), so harm after a comma needs a surer
 * reading (`COMMA_HARM`).
 */
export function requestClauses(text: string): string[] {
  return clauses(text)
    .flatMap((s) => s.split(/\s*,+\s*|\s+[-–—]+\s+/))
    .flatMap(runOnClauses);
}

/** A request for a person anywhere in the message: the whole, its sentences or its clauses. */
export function findHumanRequest(text: string): SignalHit | null {
  const plain = plainText(text);
  return surest(readings(plain, requestClauses(plain), allWords), 'human');
}

/** Every text the detector may read of a message (`findSignal`, `findHumanRequest`). */
export function signalReadings(text: string): string[] {
  const plain = plainText(text);
  const sentences = clauses(plain);
  const all = [...readings(plain, sentences), ...commaClauses(sentences), ...readings(plain, requestClauses(plain), allWords)];
  return [...new Set(all.map(read))];
}

/**
 * Encodes the texts the detector may read of each message (encoder.ts), so that the turn, which
 * is synchronous, reads them by meaning as well as by n-grams.
 */
export async function encodeForSignals(texts: readonly string[]): Promise<void> {
  await encodeAll(texts.flatMap(signalReadings).filter(encoderMayMatter));
}

export { warmSignals, scoreSignals, SIGNAL_THRESHOLDS } from './model.ts';
