// The support figures (docs/analytics.md), computed from conversations, their public messages
// and their handoffs. Pure: the repository loads the rows, this turns them into numbers.
import { detectReexplain } from '../quality/reexplain.ts';
import { detectSocial } from '../engine/understand/social.ts';
import { isOpener } from '../engine/understand/opener.ts';
import { detectJunk } from '../engine/understand/junk.ts';
import { normalize } from '../engine/text/normalize.ts';
import type { ScopeConversation, ScopeHandoff, ScopeMessage } from '../db/repositories/analytics.ts';

export interface Stat {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

export interface Metrics {
  conversations: number;
  automated_resolutions: number;
  automated_resolution_rate: number;
  handed_off: number;
  handoff_rate: number;
  handoffs: number;
  /** Each handoff once, under its main reason (the first of its list): they add up to `handoffs`. */
  handoff_reasons: Record<string, number>;
  /** `handoff_reasons` over conversations. */
  handoff_rate_by_reason: Record<string, number>;
  /** Handoffs carrying each reason at all (a handoff may carry several, so these may add up to more). */
  handoff_reasons_any: Record<string, number>;
  first_response_seconds: Stat;
  time_to_human_seconds: Stat;
  bot_handle_seconds: Stat;
  human_handle_seconds: Stat;
  csat: {
    bot_only: Mean;
    handed_off: Mean;
    /** By who handled the conversation: the bot alone, people alone (no bot, no handoff), or the bot then a person. */
    by_path: Record<Path, Mean>;
  };
  reexplain: { audited: number; reexplained: number; rate: number };
  brief_feedback: { rated: number; useful: number; useful_rate: number };
}

export interface Mean {
  count: number;
  mean: number | null;
}

/** Who handled a conversation. */
export type Path = 'bot' | 'human' | 'handed_off';

const seconds = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 1000;
const round = (x: number, d = 4) => Number(x.toFixed(d));
const ratio = (a: number, b: number) => (b > 0 ? round(a / b) : 0);

export function stat(values: number[]): Stat {
  if (values.length === 0) return { count: 0, mean: null, median: null, p90: null };
  const s = values.slice().sort((a, b) => a - b);
  // Nearest-rank percentiles: the value at ceil(p * n), 1-based.
  const rank = (p: number) => s[Math.max(0, Math.ceil(p * s.length) - 1)]!;
  return { count: s.length, mean: round(s.reduce((x, y) => x + y, 0) / s.length, 2), median: rank(0.5), p90: rank(0.9) };
}

/** What each conversation contributes, derived once. */
export interface ConversationFacts {
  id: string;
  created_at: Date;
  csat: number | null;
  handed_off: boolean;
  path: Path;
  automated: boolean;
  first_response: number | null;
  bot_handle: number | null;
  handoffs: { reasons: string[]; time_to_human: number | null; human_handle: number | null; brief_useful: boolean | null }[];
  reexplained: boolean | null;
}

export function conversationFacts(c: ScopeConversation, messages: ScopeMessage[], handoffs: ScopeHandoff[]): ConversationFacts {
  const firstCustomer = messages.find((m) => m.author === 'customer');
  const firstReply = firstCustomer
    ? messages.find((m) => (m.author === 'bot' || m.author === 'agent') && m.created_at >= firstCustomer.created_at)
    : undefined;
  const bots = messages.filter((m) => m.author === 'bot');
  const agents = messages.filter((m) => m.author === 'agent');
  const handedOff = handoffs.length > 0;
  const start = messages[0]?.created_at ?? c.created_at;
  // Bot time: from the first message to the first handoff request, or to the bot's last message.
  const botEnd = handedOff ? handoffs[0]!.requested_at : bots.at(-1)?.created_at;
  const hs = handoffs.map((h) => {
    const from = h.accepted_at ?? h.first_agent_reply_at;
    const lastAgent = agents.filter((m) => m.created_at >= h.requested_at).at(-1)?.created_at;
    const to = h.resolved_at ?? lastAgent ?? null;
    return {
      reasons: h.reasons,
      time_to_human: h.first_agent_reply_at ? seconds(h.requested_at, h.first_agent_reply_at) : null,
      human_handle: from && to && to >= from ? seconds(from, to) : null,
      brief_useful: h.brief_useful,
    };
  });
  const reached = handedOff && agents.length > 0;
  return {
    id: c.id,
    created_at: c.created_at,
    csat: c.csat,
    handed_off: handedOff,
    path: handedOff ? 'handed_off' : agents.length > 0 && bots.length === 0 ? 'human' : 'bot',
    automated: !handedOff && bots.some((m) => m.action === 'answer'),
    first_response: firstCustomer && firstReply ? seconds(firstCustomer.created_at, firstReply.created_at) : null,
    bot_handle: bots.length > 0 && botEnd && botEnd >= start ? seconds(start, botEnd) : null,
    handoffs: hs,
    reexplained: reached ? detectReexplain(messages.map((m) => ({ role: m.author, text: m.text }))).reexplained : null,
  };
}

export function aggregate(facts: ConversationFacts[]): Metrics {
  const n = facts.length;
  const handed = facts.filter((f) => f.handed_off);
  const automated = facts.filter((f) => f.automated).length;
  const allHandoffs = facts.flatMap((f) => f.handoffs);
  const reasons: Record<string, number> = {};
  const anyReasons: Record<string, number> = {};
  for (const h of allHandoffs) {
    // The decision lists a handoff's reasons most specific first; a handoff with none is still one.
    const main = h.reasons[0] ?? 'unspecified';
    reasons[main] = (reasons[main] ?? 0) + 1;
    for (const r of new Set(h.reasons)) anyReasons[r] = (anyReasons[r] ?? 0) + 1;
  }
  const csat = (fs: ConversationFacts[]): Mean => {
    const v = fs.map((f) => f.csat).filter((x): x is number => x !== null);
    return { count: v.length, mean: v.length ? round(v.reduce((a, b) => a + b, 0) / v.length, 2) : null };
  };
  const audited = facts.filter((f) => f.reexplained !== null);
  const rated = allHandoffs.filter((h) => h.brief_useful !== null);
  const useful = rated.filter((h) => h.brief_useful).length;
  const reexplained = audited.filter((f) => f.reexplained).length;
  return {
    conversations: n,
    automated_resolutions: automated,
    automated_resolution_rate: ratio(automated, n),
    handed_off: handed.length,
    handoff_rate: ratio(handed.length, n),
    handoffs: allHandoffs.length,
    handoff_reasons: reasons,
    handoff_rate_by_reason: Object.fromEntries(Object.entries(reasons).map(([r, k]) => [r, ratio(k, n)])),
    handoff_reasons_any: anyReasons,
    first_response_seconds: stat(facts.map((f) => f.first_response).filter((x): x is number => x !== null)),
    time_to_human_seconds: stat(allHandoffs.map((h) => h.time_to_human).filter((x): x is number => x !== null)),
    bot_handle_seconds: stat(facts.map((f) => f.bot_handle).filter((x): x is number => x !== null)),
    human_handle_seconds: stat(allHandoffs.map((h) => h.human_handle).filter((x): x is number => x !== null)),
    csat: {
      bot_only: csat(facts.filter((f) => !f.handed_off)),
      handed_off: csat(handed),
      by_path: {
        bot: csat(facts.filter((f) => f.path === 'bot')),
        human: csat(facts.filter((f) => f.path === 'human')),
        handed_off: csat(handed),
      },
    },
    reexplain: { audited: audited.length, reexplained, rate: ratio(reexplained, audited.length) },
    brief_feedback: { rated: rated.length, useful, useful_rate: ratio(useful, rated.length) },
  };
}

/** The period a time falls in (UTC): its day, or the Monday of its ISO week. */
export function periodOf(d: Date, bucket: 'day' | 'week'): string {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  if (bucket === 'week') day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

export function series(facts: ConversationFacts[], bucket: 'day' | 'week'): { period: string; metrics: Metrics }[] {
  const groups = new Map<string, ConversationFacts[]>();
  for (const f of facts) {
    const p = periodOf(f.created_at, bucket);
    let g = groups.get(p);
    if (!g) groups.set(p, (g = []));
    g.push(f);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([period, fs]) => ({ period, metrics: aggregate(fs) }));
}

export interface KnowledgeGap {
  topic: string;
  intent_id: string | null;
  handoffs: number;
  mean_confidence: number | null;
  examples: string[];
}

/**
 * A message that asks nothing: small talk ("hi", "thanks", "ok"), junk (keyboard mashing, a lone
 * emoji) or a need announced but not said ("I have a question about my order").
 */
export function asksNothing(text: string): boolean {
  const n = normalize(text);
  return detectSocial(n) !== null || detectJunk(n) !== null || isOpener(n);
}

/**
 * Topics that keep escalating for low confidence: handoffs whose reasons include
 * low_confidence, grouped by the intent the bot recognised (from the brief, else the
 * conversation), with the customer's last question before each handoff as examples.
 * Greetings, thanks and junk are not questions: they are skipped as examples, and a handoff
 * whose customer asked nothing else is no knowledge gap (no article would have helped).
 */
export function knowledgeGaps(
  items: { conversation: ScopeConversation; handoff: ScopeHandoff; messages: ScopeMessage[] }[],
  examplesPerTopic = 3,
): KnowledgeGap[] {
  const topics = new Map<string, { intent: string | null; n: number; conf: number[]; examples: string[] }>();
  for (const { conversation, handoff, messages } of items) {
    if (!handoff.reasons.includes('low_confidence')) continue;
    const question = messages
      .filter((m) => m.author === 'customer' && m.created_at <= handoff.requested_at && !asksNothing(m.text))
      .at(-1)?.text;
    if (!question) continue;
    const brief = handoff.brief as { intent?: { id?: string; title?: string } | null; escalation?: { confidence?: number | null } };
    const intentId = brief.intent?.id ?? conversation.intent ?? null;
    const topic = brief.intent?.title ?? intentId ?? '(no intent recognised)';
    let t = topics.get(topic);
    if (!t) topics.set(topic, (t = { intent: intentId, n: 0, conf: [], examples: [] }));
    t.n++;
    const conf = brief.escalation?.confidence;
    if (typeof conf === 'number') t.conf.push(conf);
    if (t.examples.length < examplesPerTopic && !t.examples.includes(question)) t.examples.push(question);
  }
  return [...topics.entries()]
    .map(([topic, t]) => ({
      topic,
      intent_id: t.intent,
      handoffs: t.n,
      mean_confidence: t.conf.length ? round(t.conf.reduce((a, b) => a + b, 0) / t.conf.length, 3) : null,
      examples: t.examples,
    }))
    .sort((a, b) => b.handoffs - a.handoffs || a.topic.localeCompare(b.topic));
}
