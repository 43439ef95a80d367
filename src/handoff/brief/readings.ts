// What the bot itself read in the customer's words when it handed off, from its decisions' traces:
// the part of a message that asked for a person, that was angry, that was read as a sensitive topic,
// and how sure the escalation-signal detector was of it. The brief quotes these as the evidence of
// its reasons, so the agent sees the words the decision rested on ("I have reinstalled it already"
// read as self-harm, 58% sure) rather than whatever a word list finds in the transcript.
import type { MessageRow } from '../../db/schema.ts';
import type { HandoffReason } from '../../engine/types.ts';
import { tokenize } from '../../engine/text/normalize.ts';
import { SENSITIVE_KINDS, type SensitiveKind } from '../../engine/understand/sensitive.ts';
import { sentences, TOKEN_RE } from './extract.ts';

/** The signals part of a decision's trace, as the engine writes it (`turn.ts`); anything else is ignored. */
interface TraceSignals {
  humanRequest?: unknown;
  sentimentCues?: unknown;
  sensitive?: { kind?: unknown; phrase?: unknown } | null;
  detector?: { kind?: unknown; prob?: unknown; text?: unknown } | null;
}
interface Trace {
  signals?: TraceSignals;
  reasons?: unknown;
  decision?: { reasons?: unknown; clarify?: unknown };
}

/** A reason's evidence as the bot read it: a span of one customer message, and the detector's certainty where it decided. */
export interface Reading {
  text: string;
  message_id: string;
  /** How sure the escalation-signal detector was (0-1); absent where a listed phrase or a rule decided. */
  confidence?: number;
  /** With `sensitive_topic`: the topic read. */
  kind?: SensitiveKind;
}

/** The reasons the engine's own reading can show. */
type ReadReason = Extract<HandoffReason, 'customer_requested' | 'negative_sentiment' | 'sensitive_topic'>;

/** The detector's class behind each sensitive kind the engine reports (`sensitive.ts`). */
const DETECTOR_KIND: Record<string, string> = { self_harm: 'self_harm', safety: 'danger', fraud: 'fraud', legal: 'legal' };

const str = (x: unknown): string | null => (typeof x === 'string' && x.trim() ? x : null);
const traceOf = (m: Pick<MessageRow, 'trace'>): Trace => (m.trace ?? {}) as Trace;
const reasonsOf = (t: Trace): unknown[] => [
  ...(Array.isArray(t.reasons) ? t.reasons : []),
  ...(Array.isArray(t.decision?.reasons) ? t.decision.reasons : []),
];

/** Words of a text for matching, without redaction tokens (the detector reads the text without them). */
const wordsOf = (text: string): string[] => tokenize(text.replace(TOKEN_RE, ' '));

function holds(haystack: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The shortest run of the message's sentences that holds `read` (its words, in order), as an exact
 * span of the message; the whole message when none does (the reading was of the whole, or of
 * words the sentence split cuts differently).
 */
export function spanOf(message: string, read: string): string {
  const needle = wordsOf(read);
  const parts = sentences(message);
  if (needle.length === 0 || parts.length < 2) return message.trim();
  const starts: number[] = [];
  let from = 0;
  for (const p of parts) {
    const at = message.indexOf(p, from);
    starts.push(at);
    from = at + p.length;
  }
  for (let len = 1; len <= parts.length; len++)
    for (let i = 0; i + len <= parts.length; i++) {
      const j = i + len - 1;
      const span = message.slice(starts[i]!, starts[j]! + parts[j]!.length);
      if (holds(wordsOf(span), needle)) return span;
    }
  return message.trim();
}

/** What one traced decision read, by reason (the customer message it read given). */
function readingsOf(trace: Trace, read: MessageRow, before: MessageRow | null): Partial<Record<ReadReason, Reading>> {
  const s = trace.signals ?? {};
  const detector = s.detector && typeof s.detector.prob === 'number' ? s.detector : null;
  // The detector's certainty belongs to a reading when it read these words: the same part, one
  // holding the other (a listed phrase inside the sentence the detector read, or the reverse).
  const sure = (kind: string, text: string): { confidence?: number } => {
    const part = detector?.kind === kind ? str(detector.text) : null;
    if (!part) return {};
    const [a, b] = [wordsOf(text), wordsOf(part)];
    return holds(a, b) || holds(b, a) ? { confidence: detector!.prob as number } : {};
  };
  const at = (text: string, extra: { confidence?: number } = {}): Reading => ({
    text: spanOf(read.redacted_text, text),
    message_id: read.id,
    ...extra,
  });
  const out: Partial<Record<ReadReason, Reading>> = {};

  const asked = str(s.humanRequest);
  if (asked) out.customer_requested = at(asked, sure('human', asked));
  // "yes" to the bot's offer of a person: the answer is the request.
  else if (reasonsOf(trace).includes('customer_requested') && before && traceOf(before).decision?.clarify === 'offer_person')
    out.customer_requested = at(read.redacted_text);

  const angry = detector?.kind === 'anger' ? str(detector.text) : null;
  const cue = Array.isArray(s.sentimentCues)
    ? s.sentimentCues.find((c): c is string => typeof c === 'string' && !c.startsWith('detector:'))
    : undefined;
  if (angry) out.negative_sentiment = at(angry, { confidence: detector!.prob as number });
  else if (cue) out.negative_sentiment = at(cue);

  const phrase = str(s.sensitive?.phrase);
  const kind = (SENSITIVE_KINDS as readonly unknown[]).includes(s.sensitive?.kind) ? (s.sensitive!.kind as SensitiveKind) : null;
  if (phrase && kind) out.sensitive_topic = { ...at(phrase, sure(DETECTOR_KIND[kind] ?? '', phrase)), kind };
  return out;
}

/**
 * What the bot read for each reason, the latest reading first: from the traces of the transcript's
 * bot and system messages (each read the customer message before it) and from the handing-off
 * decision's trace (`handingOff`: not yet stored with a message when the brief is first built; it
 * read the last customer message).
 */
export function botReadings(messages: readonly MessageRow[], handingOff?: unknown): Partial<Record<ReadReason, Reading>> {
  const found: Partial<Record<ReadReason, Reading>> = {};
  const take = (r: Partial<Record<ReadReason, Reading>>) => {
    for (const [k, v] of Object.entries(r) as [ReadReason, Reading][]) found[k] ??= v;
  };
  // The last message of an author before index `upTo`.
  const last = (author: MessageRow['author'], upTo: number): MessageRow | null => {
    for (let i = upTo - 1; i >= 0; i--) if (messages[i]!.author === author) return messages[i]!;
    return null;
  };
  const readBy = (trace: Trace, at: number) => {
    const read = last('customer', at);
    if (read) take(readingsOf(trace, read, last('bot', messages.indexOf(read))));
  };
  if (handingOff && typeof handingOff === 'object') readBy(handingOff as Trace, messages.length);
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if ((m.author === 'bot' || m.author === 'system') && traceOf(m).signals) readBy(traceOf(m), i);
  }
  return found;
}
