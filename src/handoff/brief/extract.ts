// Extractive helpers for the brief: pure functions over message text. Nothing here writes a
// sentence of its own: everything returned is a span of the text it was given.

import { isOpener } from '../../engine/understand/opener.ts';
import { withoutSmallTalk } from '../../engine/understand/social.ts';
import { normalize } from '../../engine/text/normalize.ts';

/** Redaction tokens such as <EMAIL_1>, <PHONE_2> (src/pii/tokens.ts). */
export const TOKEN_RE = /<([A-Z][A-Z_]*)_(\d+)>/g;

/** Splits text into sentences, each an exact substring of the input (trimmed). */
export function sentences(text: string): string[] {
  const out: string[] = [];
  // A sentence ends at . ! ? (possibly repeated, possibly closing a quote) followed by white
  // space or the end, or at a line break. "e.g." and "No. 5" do not end one.
  const re = /[.!?]+["')\]]*(?=\s|$)|\n/g;
  let from = 0;
  for (const m of text.matchAll(re)) {
    const end = (m.index ?? 0) + m[0].length;
    const piece = text.slice(from, end);
    if (m[0] !== '\n' && /(^|\s)(e\.g|i\.e|no|nr|mr|mrs|ms|dr|vs|etc|approx)\.$/i.test(piece.trimEnd())) continue;
    if (piece.trim()) out.push(piece.trim());
    from = end;
  }
  if (text.slice(from).trim()) out.push(text.slice(from).trim());
  return out;
}

/**
 * A customer message's sentences without the small talk at their edges ("hello there, can I pay
 * with paypal?" → "can I pay with paypal?"), each still a span of the message. Only small talk that
 * punctuation closes is cut: the brief has no knowledge to tell "thank you card" from thanks.
 */
export const customerSentences = (text: string): string[] => sentences(text).map((s) => withoutSmallTalk(s, () => true));

const WORD_RE = /[\p{L}\p{N}_<>]+/gu;
export const words = (text: string): string[] => (text.toLowerCase().match(WORD_RE) ?? []).filter((w) => w.length > 1);

export function jaccard(a: string, b: string): number {
  const x = new Set(words(a));
  const y = new Set(words(b));
  if (x.size === 0 || y.size === 0) return 0;
  let inter = 0;
  for (const w of x) if (y.has(w)) inter++;
  return inter / (x.size + y.size - inter);
}

const GREETING =
  /^(hi|hello|hey|hallo|hola|bonjour|good (morning|afternoon|evening)|thanks?( you)?|thank you|ok(ay)?|yes|no|please|cheers|bye|\?+)[\s!.,?]*$/i;
export const HUMAN_REQUEST =
  /\b(human|person|agent|representative|someone real|real person|operator|talk to (someone|somebody)|speak to (someone|somebody)|manager)\b/i;
const PROBLEM =
  /\b(not|n't|never|no longer|cannot|can't|won't|didn't|doesn't|isn't|wasn't|still|wrong|broken|missing|lost|late|error|fail\w*|charged|twice|refund\w*|cancel\w*|damaged|issue|problem|stuck|locked|unable)\b/i;
const GOAL =
  /\b(i want|i'd like|i would like|i need|i'm trying to|i am trying to|trying to|how (do|can) i|can (you|i)|could you|please|help me|i wish|i'd love|looking to|get my|where is my|when will)\b/i;
const DETAIL = /(<[A-Z_]+_\d+>|#?\b[A-Z]{0,4}-?\d{3,}\b|[$€£]\s?\d|\d+(\.\d+)?\s?(usd|eur|gbp|dollars|euros))/i;

const NOT_HELPFUL =
  /\b(didn'?t help|did not help|not helpful|doesn'?t help|does not help|that'?s not (it|what)|not what i|doesn'?t answer|did not answer|didn'?t answer|useless|wrong answer|still (not|doesn'?t|don'?t|can'?t|no)|already (tried|did|read)|that doesn'?t work|doesn'?t work)\b/i;

/** How much a customer sentence says about the issue (0 = pleasantry). */
export function issueScore(sentence: string): number {
  const s = sentence.trim();
  if (GREETING.test(s) || words(s).length < 2) return 0;
  let score = 1;
  if (PROBLEM.test(s)) score += 2;
  if (GOAL.test(s)) score += 1.5;
  if (DETAIL.test(s)) score += 1;
  if (s.includes('?')) score += 0.5;
  if (HUMAN_REQUEST.test(s) && words(s).length <= 8) score -= 1.5; // "a person please" says little about the issue
  if (NOT_HELPFUL.test(s) && words(s).length <= 6) score -= 2; // "that did not help" is a reaction, not the issue
  return Math.max(0, score);
}

export interface Sourced {
  text: string;
  message_id: string;
  seq: number;
}

/**
 * The summary: up to three customer sentences, the issue first, in transcript order.
 * Quoted exactly; near-duplicates (a rephrasing) are kept once.
 */
export function summarise(turns: Sourced[], max = 3): Sourced[] {
  const all: (Sourced & { score: number; order: number })[] = [];
  let order = 0;
  for (const t of turns)
    for (const s of customerSentences(t.text))
      all.push({ text: s, message_id: t.message_id, seq: t.seq, score: issueScore(s), order: order++ });
  const useful = all.filter((s) => s.score > 0);
  const pool = useful.length ? useful : all.filter((s) => words(s.text).length > 0);
  if (pool.length === 0) return [];
  // The first issue sentence anchors the summary (what they came for); then the strongest others.
  const first = pool[0]!;
  const rest = pool.slice(1).sort((a, b) => b.score - a.score || b.order - a.order);
  const chosen = [first];
  for (const s of rest) {
    if (chosen.length >= max) break;
    if (chosen.some((c) => jaccard(c.text, s.text) > 0.5)) continue;
    chosen.push(s);
  }
  return chosen.sort((a, b) => a.order - b.order).map(({ text, message_id, seq }) => ({ text, message_id, seq }));
}

/** A sentence that asks for something: "I want…", "how do I…", a question. */
export const asks = (s: string): boolean => GOAL.test(s) || s.trim().endsWith('?');
/** Not a bare "a person please": that says who, not what. */
export const notJustHuman = (s: string): boolean => !(HUMAN_REQUEST.test(s) && words(s).length <= 8);

/**
 * The messages sent while waiting for a person, each quoted: up to two sentences of each that
 * say something (a bare "hello?" or an e-mail address on its own does not), unless the
 * summary already has them.
 */
export function waitingLines(turns: Sourced[], already: Sourced[], perMessage = 2): Sourced[] {
  const out: Sourced[] = [];
  for (const t of turns) {
    const said = customerSentences(t.text)
      .map((s, i) => ({ text: s, i, score: issueScore(s) }))
      .filter((s) => s.score > 0 && ![...already, ...out].some((c) => jaccard(c.text, s.text) > 0.8))
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .slice(0, perMessage)
      .sort((a, b) => a.i - b.i);
    for (const s of said) out.push({ text: s.text, message_id: t.message_id, seq: t.seq });
  }
  return out;
}

// Words that say nothing of what the matter is about.
const FILLER = new Set(
  // As words() splits them: "doesn't" is "doesn".
  'it its this that there here is isn was wasn are aren be do does doesn don did didn not no can cant cannot won will would could should me my we you your the an to of in on for with and or but so just still again anything something thing help please'.split(
    ' ',
  ),
);
/** "it doesn't work", "can you help?": fewer than two words about the matter itself. */
export const vague = (s: string): boolean => words(s).filter((w) => !FILLER.has(w)).length < 2;

/**
 * The customer's goal: the first sentence that asks for something among the turns whose need
 * is still unmet (the caller leaves out what the bot already answered), quoted; a vague one
 * ("it doesn't work") gives way to one that says what the matter is, and a need announced but
 * not said ("I have another question") to any other.
 */
export function findGoal(turns: Sourced[]): Sourced | null {
  const all: Sourced[] = [];
  for (const t of turns) for (const s of customerSentences(t.text)) all.push({ text: s, message_id: t.message_id, seq: t.seq });
  // "I have a question about my order" says there is a need, not which: the line after it does.
  const stated = all.filter((c) => !isOpener(normalize(c.text)));
  const cands = stated.length ? stated : all;
  const said = (c: Sourced) => issueScore(c.text) > 0 && notJustHuman(c.text);
  return (
    cands.find((c) => asks(c.text) && said(c) && !vague(c.text)) ??
    cands.find((c) => said(c) && !vague(c.text)) ??
    cands.find((c) => asks(c.text) && said(c)) ??
    cands.find(said) ??
    cands.find((c) => asks(c.text)) ??
    null
  );
}

const NEGATIVE = /\b(angry|annoyed|frustrat\w*|ridiculous|terrible|awful|unacceptable|worst|hate|furious|disappointed|scam|lawyer|sue)\b/i;
const THANKS = /\b(thanks|thank you|great|perfect|that helps|that helped|got it|awesome)\b/i;

export type ReactionKind = 'asked_for_human' | 'said_not_helpful' | 'rephrased' | 'negative' | 'thanked' | 'continued' | 'none';

/** How the customer reacted to a bot turn, judged from their next message. */
export function classifyReaction(next: string | null, previousCustomer: string | null): ReactionKind {
  if (next === null) return 'none';
  if (NOT_HELPFUL.test(next)) return 'said_not_helpful';
  if (HUMAN_REQUEST.test(next)) return 'asked_for_human';
  if (NEGATIVE.test(next)) return 'negative';
  if (previousCustomer && jaccard(next, previousCustomer) >= 0.4) return 'rephrased';
  if (THANKS.test(next)) return 'thanked';
  return 'continued';
}

export interface Field {
  kind: 'order_number' | 'email' | 'amount' | 'phone' | 'pii_token';
  /** What an agent reads: "Order number", "Card number (hidden)". */
  label: string;
  value: string;
  message_id: string;
}

// The PII shield's token types (src/pii/detectors) in words; a token's value stays hidden
// until an agent reveals it (audited).
const TOKEN_LABEL: Record<string, string> = {
  ADDRESS: 'Postal address',
  CARD: 'Card number',
  DATE_OF_BIRTH: 'Date of birth',
  DRIVER_LICENSE: "Driver's licence number",
  EMAIL: 'E-mail address',
  IBAN: 'Bank account (IBAN)',
  IP: 'IP address',
  NATIONAL_ID: 'National ID number',
  NINO: 'National Insurance number',
  ORDER_ID: 'Order number',
  PERSON: 'Name',
  PHONE: 'Phone number',
  POSTCODE: 'Postcode',
  SECRET: 'Password or secret',
  SSN: 'Social Security number',
};
const KIND_LABEL: Record<Field['kind'], string> = {
  order_number: 'Order number',
  email: 'E-mail address',
  amount: 'Amount',
  phone: 'Phone number',
  pii_token: 'Personal data',
};

/** A redaction token's type in words: <CARD_1> → "Card number (hidden)". */
export function tokenLabel(token: string): string {
  const type = /^<([A-Z][A-Z_]*)_\d+>$/.exec(token)?.[1] ?? '';
  const words = TOKEN_LABEL[type] ?? (type ? type.charAt(0) + type.slice(1).toLowerCase().replace(/_/g, ' ') : 'Personal data');
  return `${words} (hidden)`;
}

const TOKEN_KIND: Record<string, Field['kind']> = { EMAIL: 'email', PHONE: 'phone', ORDER_ID: 'order_number' };
const FIELD_PATTERNS: [Field['kind'], RegExp][] = [
  ['email', /\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g],
  [
    'order_number',
    /(?:\border\s*(?:number|no\.?|nr\.?|id|#)?\s*(?:is|was)?\s*:?\s*#?\s*)([A-Z0-9][A-Z0-9-]{3,})\b|#([A-Z]?[0-9][0-9-]{3,})\b|\b([A-Z]{2,5}-\d{3,})\b/gi,
  ],
  ['amount', /(?:[$€£]\s?\d{1,3}(?:[,.\s]\d{3})*(?:[.,]\d{1,2})?|\b\d+(?:[.,]\d{1,2})?\s?(?:usd|eur|gbp|dollars|euros|pounds)\b)/gi],
  // Not the digits of a longer code ("W2378156" is an order, not a phone).
  ['phone', /(?<![\w+])(?:\+\d{1,3}[\s-]?)?(?:\(?\d{2,4}\)?[\s-]?){2,4}\d{2,4}\b/g],
];

/** Details the customer gave: order numbers, e-mails, amounts, phones; redaction tokens stay tokens. */
export function extractFields(turns: Sourced[]): Field[] {
  const out: Field[] = [];
  const seen = new Set<string>();
  const add = (f: Field) => {
    const key = `${f.kind}:${f.value.toLowerCase()}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(f);
    }
  };
  for (const t of turns) {
    for (const m of t.text.matchAll(TOKEN_RE))
      add({ kind: TOKEN_KIND[m[1]!] ?? 'pii_token', label: tokenLabel(m[0]), value: m[0], message_id: t.message_id });
    const plain = t.text.replace(TOKEN_RE, ' ');
    const taken: [number, number][] = [];
    for (const [kind, re] of FIELD_PATTERNS) {
      for (const m of plain.matchAll(re)) {
        const start = m.index ?? 0;
        const end = start + m[0].length;
        if (taken.some(([a, b]) => start < b && end > a)) continue;
        const value = (kind === 'order_number' ? (m[1] ?? m[2] ?? m[3]) : m[0])?.trim();
        if (!value) continue;
        if (kind === 'order_number' && !/\d/.test(value)) continue;
        if (kind === 'phone' && value.replace(/\D/g, '').length < 7) continue;
        taken.push([start, end]);
        add({ kind, label: KIND_LABEL[kind], value, message_id: t.message_id });
      }
    }
  }
  return out;
}

export const tokensIn = (texts: string[]): string[] => [...new Set(texts.flatMap((t) => [...t.matchAll(TOKEN_RE)].map((m) => m[0])))];
