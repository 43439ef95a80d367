// The re-explain detector (docs/audit.md): in a conversation that reached a human, did the
// customer have to say again what they had already said before the handoff? Three kinds of
// evidence, each with the spans that match:
//  - restated:    a customer sentence after the handoff repeats a sentence from before it
//                 (shared content words, word pairs, or an identifier given again);
//  - asked_again: the agent asks for an order number, e-mail, account id, phone, name or the
//                 problem itself, and the customer had already given it before the handoff;
//  - complained:  the customer says they are repeating themselves ("as I said", "I already
//                 told the bot").
import { contentTokens, sentences, type Sentence, type Token } from './text.ts';

export type AuditRole = 'customer' | 'agent' | 'bot';
export interface AuditMessage {
  role: AuditRole | string;
  text: string;
}

export interface Span {
  /** 0-based index of the message in the conversation. */
  message: number;
  start: number;
  end: number;
  text: string;
}

export type InfoKind = 'order' | 'email' | 'account' | 'phone' | 'name' | 'address' | 'problem';

export interface Evidence {
  kind: 'restated' | 'asked_again' | 'complained';
  /** What was asked for again (asked_again), or the identifier given again (restated). */
  info?: InfoKind | 'identifier';
  after: Span;
  before?: Span;
  /** Shared content words (restated). */
  shared?: string[];
}

export interface ReexplainResult {
  reached_human: boolean;
  /** Index of the first agent message (the handoff point), -1 when none. */
  handoff_message: number;
  reexplained: boolean;
  evidence: Evidence[];
}

export interface DetectorOptions {
  /** How many customer / agent messages after the handoff to look at. */
  customerTurns: number;
  agentTurns: number;
  /** A post-handoff sentence restates a pre-handoff one at this many shared content words... */
  minShared: number;
  /** ...covering at least this share of the later sentence's content words. */
  minContainment: number;
}

export const DEFAULT_DETECTOR: DetectorOptions = { customerTurns: 3, agentTurns: 3, minShared: 3, minContainment: 0.5 };

const REQUEST_CUE =
  /\?|\b(could|can|would|will) you\b|\bplease\b|\b(provide|share|send|give|tell|confirm|verify|let me know|need|may i (have|get|ask)|what'?s|what is|which|do you have)\b/i;

const INFO_ASK: [InfoKind, RegExp][] = [
  [
    'order',
    /\b(order|booking|reservation|confirmation|tracking|invoice|ticket|case|reference|transaction|receipt|shipment)\s*(number|no\.?|#|id|ref(erence)?|code)\b|\border (id|#)|\bwhich order\b/i,
  ],
  ['email', /\be-?mail( address)?\b/i],
  ['account', /\b(account|customer|member(ship)?|user|subscription|policy|client)\s*(number|no\.?|#|id|name)\b|\busername\b|\buser id\b/i],
  ['phone', /\b(phone|mobile|cell|telephone)( number)?\b/i],
  ['name', /\b(your|the account holder'?s?|full) name\b/i],
  ['address', /\b(shipping|delivery|billing|postal|home|street)?\s*address\b(?!.*e-?mail)/i],
  [
    'problem',
    /\b(how (can|may|could) i (help|assist)|what can i (do|help)|what seems to be|what('s| is| was) (the |your )?(issue|problem|matter|wrong|going on)|what happened|(describe|explain|elaborate on) (the|your|what)|tell me (more )?(about|what)|what (are|were) you (having|experiencing|seeing)|what brings you|what do you need( help)?|(help|assist) you with today|what (is|was) (it|this) (about|regarding)|(explain|describe) (it|that|this|what)|more (details|information) (about|on) (the|your) (issue|problem)|walk me through)/i,
  ],
];

const EMAIL = /[^\s@,;:()<>"]+@[^\s@,;:()<>"]+\.[a-z]{2,}|<EMAIL_\d+>/i;
const PHONE = /(?:\+?\d[\d ().-]{7,}\d)|<PHONE(_NUMBER)?_\d+>/i;
const ORDER_ID =
  /(?:#\s?\d{3,}|\b\d{5,}\b|\b(?=[a-z0-9-]*\d)(?=[a-z0-9-]*[a-z])[a-z0-9-]{5,}\b|<[A-Z_]*(ORDER|ID|NUMBER|REF)[A-Z_]*_\d+>)/i;
const ACCOUNT_ID = ORDER_ID;
const NAME_GIVEN = /\b(my name is|i am|i'm|this is)\s+[A-Z][a-z]+|<PERSON_\d+>|^\s*-?\s*[A-Z][a-z]+( [A-Z][a-z]+)?\s*$/m;
const ADDRESS_GIVEN =
  /\b\d+\s+[A-Z]?[a-z]+\s+(street|st|road|rd|avenue|ave|lane|ln|drive|dr|way|blvd|boulevard)\b|<(ADDRESS|LOCATION)_\d+>/i;

const COMPLAINT =
  /\b(as i (said|mentioned|explained|wrote|told)|like i (said|mentioned|told|explained)|i (already|just) (said|told|explained|gave|provided|mentioned|sent|wrote|did)|i('ve| have) already (said|told|explained|given|provided|sent|written)|already (told|gave|explained to|said to) (the|your) (bot|assistant|chat|agent|system)|told (the|your) (bot|assistant|chatbot)|(have|had|need) to (repeat|explain|say) (myself|it|this|that|everything)( all)? again|repeat(ing)? myself|for the (second|third|fourth|\d+(st|nd|rd|th)) time|(it'?s|its|it is|all) (all )?(above|up there|in the chat|in the (chat )?history)|see above|scroll up|did(n'?t| not) (the bot|it|they|anyone|you) (pass|tell|give|forward|share)|(gave|told|said|explained) (this|that|it|all this|all that) (already|before|earlier)|(said|explained|gave) (it|this|that) (to )?(the bot|your bot) (already|before|earlier)?)\b/i;

function firstIndex(messages: AuditMessage[], role: string, from = 0): number {
  for (let i = from; i < messages.length; i++) if (messages[i]!.role === role) return i;
  return -1;
}

interface Sent extends Sentence {
  message: number;
  tokens: Token[];
}

function sentencesOf(messages: AuditMessage[], indices: number[]): Sent[] {
  return indices.flatMap((i) => sentences(messages[i]!.text).map((s) => ({ ...s, message: i, tokens: contentTokens(s.text) })));
}

const span = (s: { message: number; start: number; end: number; text: string }): Span => ({
  message: s.message,
  start: s.start,
  end: s.end,
  text: s.text,
});

/** Where, before the handoff, the customer gave a piece of information (null: never). */
function givenBefore(kind: InfoKind, before: Sent[]): Span | null {
  const find = (re: RegExp) => {
    for (const s of before) {
      const m = re.exec(s.text);
      if (m) return { message: s.message, start: s.start + m.index, end: s.start + m.index + m[0].length, text: m[0] };
    }
    return null;
  };
  switch (kind) {
    case 'email':
      return find(EMAIL);
    case 'phone':
      return find(PHONE);
    case 'order':
    case 'account':
      return find(kind === 'order' ? ORDER_ID : ACCOUNT_ID);
    case 'name':
      return find(NAME_GIVEN);
    case 'address':
      return find(ADDRESS_GIVEN);
    case 'problem': {
      // A description: the customer's longest sentence before the handoff, if it says enough.
      const best = before.slice().sort((a, b) => b.tokens.length - a.tokens.length)[0];
      const words = before.reduce((n, s) => n + s.tokens.length, 0);
      return best && best.tokens.length >= 3 && words >= 4 ? span(best) : null;
    }
  }
}

export function detectReexplain(messages: AuditMessage[], opts: DetectorOptions = DEFAULT_DETECTOR): ReexplainResult {
  const h = firstIndex(messages, 'agent');
  const preCustomer = messages.slice(0, Math.max(h, 0)).flatMap((m, i) => (m.role === 'customer' ? [i] : []));
  if (h < 0 || preCustomer.length === 0) return { reached_human: h >= 0, handoff_message: h, reexplained: false, evidence: [] };
  const postCustomer: number[] = [];
  const postAgent: number[] = [];
  for (let i = h; i < messages.length; i++) {
    const role = messages[i]!.role;
    if (role === 'customer' && postCustomer.length < opts.customerTurns) postCustomer.push(i);
    if (role === 'agent' && postAgent.length < opts.agentTurns) postAgent.push(i);
  }
  const before = sentencesOf(messages, preCustomer);
  const after = sentencesOf(messages, postCustomer);
  const evidence: Evidence[] = [];

  // The agent asks for something the customer had already given.
  for (const s of sentencesOf(messages, postAgent)) {
    if (!REQUEST_CUE.test(s.text)) continue;
    for (const [kind, re] of INFO_ASK) {
      const m = re.exec(s.text);
      if (!m) continue;
      // Quoting the value back ("is 10442 the right order?") is a check, not a request.
      if (kind !== 'problem' && s.tokens.some((t) => t.identifier)) continue;
      const given = givenBefore(kind, before);
      if (given) {
        evidence.push({
          kind: 'asked_again',
          info: kind,
          after: { message: s.message, start: s.start, end: s.end, text: s.text },
          before: given,
        });
        break;
      }
    }
  }

  // The customer says it again.
  const beforeIds = new Map<string, Sent>();
  for (const s of before) for (const t of s.tokens) if (t.identifier && !beforeIds.has(t.norm)) beforeIds.set(t.norm, s);
  for (const s of after) {
    if (COMPLAINT.test(s.text)) {
      const m = COMPLAINT.exec(s.text)!;
      evidence.push({
        kind: 'complained',
        after: { message: s.message, start: s.start + m.index, end: s.start + m.index + m[0].length, text: m[0] },
      });
    }
    const id = s.tokens.find((t) => t.identifier && beforeIds.has(t.norm));
    if (id) {
      evidence.push({ kind: 'restated', info: 'identifier', after: span(s), before: span(beforeIds.get(id.norm)!), shared: [id.norm] });
      continue;
    }
    const words = new Set(s.tokens.map((t) => t.norm));
    if (words.size < 2) continue;
    let best: { sent: Sent; shared: string[]; pairs: number } | null = null;
    for (const p of before) {
      const pw = new Set(p.tokens.map((t) => t.norm));
      const shared = [...words].filter((w) => pw.has(w));
      const pairs = countSharedPairs(s.tokens, p.tokens);
      if (!best || shared.length + pairs > best.shared.length + best.pairs) best = { sent: p, shared, pairs };
    }
    if (!best) continue;
    const containment = best.shared.length / words.size;
    if ((best.shared.length >= opts.minShared && containment >= opts.minContainment) || best.pairs >= 2) {
      evidence.push({ kind: 'restated', after: span(s), before: span(best.sent), shared: best.shared });
    }
  }
  return { reached_human: true, handoff_message: h, reexplained: evidence.length > 0, evidence };
}

function countSharedPairs(a: Token[], b: Token[]): number {
  const pairs = new Set<string>();
  for (let i = 1; i < b.length; i++) pairs.add(`${b[i - 1]!.norm} ${b[i]!.norm}`);
  let n = 0;
  for (let i = 1; i < a.length; i++) if (pairs.has(`${a[i - 1]!.norm} ${a[i]!.norm}`)) n++;
  return n;
}
