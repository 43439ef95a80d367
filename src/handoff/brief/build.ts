import { lastSensitiveKind, saidAtRisk } from '../at-risk.ts';
import { offeredOptions, type Citation, type HandoffReason } from '../../engine/types.ts';
import type { ConversationRow, CustomerRow, EventRow, MessageRow } from '../../db/schema.ts';
import type { VerifiedIdentity } from '../../actions/types.ts';
import { actionsSection } from './actions.ts';
import { botReadings, type Reading } from './readings.ts';
import type { RoutingDecision } from '../routing/engine.ts';
import { BRIEF_SCHEMA_VERSION, type Brief } from './schema.ts';
import {
  classifyReaction,
  extractFields,
  findGoal,
  asks,
  HUMAN_REQUEST,
  issueScore,
  notJustHuman,
  sentences,
  summarise,
  tokensIn,
  waitingLines,
  type Sourced,
} from './extract.ts';

/** What the bot measured on the turn that escalated (or the last turn it took). */
export interface BriefSignals {
  intent: { id: string; title: string; confidence: number } | null;
  sentiment: number | null;
  confidence: number | null;
  threshold: number | null;
}

export interface BriefInput {
  conversation: ConversationRow;
  customer: CustomerRow;
  /** The customer-visible transcript, oldest first (internal notes excluded). */
  messages: MessageRow[];
  reasons: HandoffReason[];
  signals: BriefSignals;
  routing: RoutingDecision;
  /** Titles and links of articles, by id, from the knowledge base. */
  articles: Map<string, { title: string; url: string | null }>;
  /** Articles the escalating decision cited or considered (they join "knowledge referenced"). */
  considered?: Partial<Citation>[];
  now: Date;
  previous?: Brief | null;
  /** The conversation's tool calls (`tool.called` events) and verified identity, for "What the bot looked up and did". */
  actions?: { events: EventRow[]; identity: VerifiedIdentity | null };
  /** Who holds it and whether anyone is on shift now (the routing decision says how it was at handoff). */
  now_state?: { assignee_name: string | null; on_shift: boolean };
  /** The handing-off decision's trace, when the brief is built before a message holds it (`readings.ts`). */
  handing_off?: unknown;
}

type Trace = {
  action?: 'answer' | 'clarify' | 'handoff' | 'social';
  candidates?: { id?: unknown }[];
  confidence?: number;
  threshold?: number;
  intent?: unknown;
  sentiment?: unknown;
};

const NEGATIVE_WORDS = /\b(angry|annoyed|frustrat\w*|ridiculous|terrible|awful|unacceptable|worst|hate|furious|disappointed|scam)\b/i;
const SENSITIVE_WORDS = /\b(lawyer|legal|sue|court|fraud|scam|stolen|police|unsafe|danger\w*|injur\w*|threat\w*)\b/i;

/** "gift-cards" → "Gift cards": an intent id with no title of its own, in words. */
export const slugWords = (id: string): string => {
  const w = id.replace(/[-_]+/g, ' ').trim();
  return w.charAt(0).toUpperCase() + w.slice(1);
};

const label = (s: number): 'negative' | 'neutral' | 'positive' => (s <= -0.25 ? 'negative' : s >= 0.25 ? 'positive' : 'neutral');
const attr = (a: Record<string, unknown>, k: string): string | null => (typeof a[k] === 'string' && a[k] ? (a[k] as string) : null);

/** The signals of the last bot turn that stored them, for a handoff the customer asked for by button. */
export function signalsFromTranscript(messages: MessageRow[], conversation: ConversationRow): BriefSignals {
  const bots = [...messages].reverse().filter((m) => m.author === 'bot' && m.trace);
  const t = (bots[0]?.trace ?? {}) as Trace;
  // The intent of the latest turn that recognised one (a clarifying turn may carry none).
  const withIntent = bots.map((m) => m.trace as Trace).find((x) => typeof (x.intent as { id?: unknown } | undefined)?.id === 'string');
  const i = withIntent?.intent as { id?: unknown; title?: unknown; confidence?: unknown } | undefined;
  const intent =
    i && typeof i.id === 'string'
      ? {
          id: i.id,
          title: typeof i.title === 'string' ? i.title : i.id,
          confidence: typeof i.confidence === 'number' ? i.confidence : (t.confidence ?? 0),
        }
      : null;
  return {
    intent:
      intent ??
      (conversation.intent && typeof t.confidence === 'number'
        ? { id: conversation.intent, title: conversation.intent, confidence: t.confidence }
        : null),
    sentiment: typeof t.sentiment === 'number' ? t.sentiment : null,
    confidence: typeof t.confidence === 'number' ? t.confidence : null,
    threshold: typeof t.threshold === 'number' ? t.threshold : null,
  };
}

/**
 * Builds the brief from the transcript, the bot's traces and the customer record. Pure; every
 * sentence of summary and goal is quoted from a customer message, every article from the
 * bot's citations and the knowledge base.
 */
export function buildBrief(input: BriefInput): Brief {
  const { conversation, customer, messages, routing, signals } = input;
  const visible = messages.filter((m) => !m.internal);
  const customerTurns: Sourced[] = visible
    .filter((m) => m.author === 'customer')
    .map((m) => ({ text: m.redacted_text, message_id: m.id, seq: m.seq }));

  const articleRef = (id: string, fallbackTitle?: string, fallbackUrl?: string) => {
    const a = input.articles.get(id);
    return { id, title: a?.title ?? fallbackTitle ?? id, url: a?.url ?? fallbackUrl ?? null };
  };

  // What the bot tried, and how the customer took it.
  const attempts: Brief['bot_attempts'] = [];
  visible.forEach((m, i) => {
    if (m.author !== 'bot') return;
    const trace = (m.trace ?? {}) as Trace;
    // An answer's articles are those it cited; a clarifying question's, the pages it offered.
    const citations: Partial<Citation>[] = [...((m.citations ?? []) as Partial<Citation>[]), ...offeredOptions(m.trace)];
    const next = visible.slice(i + 1).find((x) => x.author === 'customer' || x.author === 'bot');
    const reply = next?.author === 'customer' ? next : null;
    const before = [...visible.slice(0, i)].reverse().find((x) => x.author === 'customer') ?? null;
    attempts.push({
      message_id: m.id,
      seq: m.seq,
      action: trace.action ?? 'answer',
      text: m.redacted_text,
      confidence: typeof trace.confidence === 'number' ? trace.confidence : null,
      articles: citations.filter((c) => typeof c.articleId === 'string').map((c) => articleRef(c.articleId!, c.title, c.url)),
      reaction: {
        kind: classifyReaction(reply?.redacted_text ?? null, before?.redacted_text ?? null),
        message_id: reply?.id ?? null,
        text: reply?.redacted_text ?? null,
      },
    });
  });
  const knowledge = new Map<string, Brief['knowledge'][number]>();
  for (const a of attempts) for (const art of a.articles) knowledge.set(art.id, art);
  for (const c of input.considered ?? [])
    if (typeof c.articleId === 'string' && !knowledge.has(c.articleId)) knowledge.set(c.articleId, articleRef(c.articleId, c.title, c.url));

  // The customer's need that is still open: what came after the last answer they accepted.
  const settled = lastSettledAnswer(visible, attempts);
  const open = customerTurns.filter((t) => t.seq > settled);
  const handoffSeq = [...visible].reverse().find((m) => m.author === 'system' && (m.trace as Trace | null)?.action === 'handoff')?.seq;
  // Waiting: after the handoff notice, until an agent first writes (then it is a conversation).
  const answeredSeq = visible.find((m) => m.author === 'agent' && handoffSeq !== undefined && m.seq > handoffSeq)?.seq ?? Infinity;
  const waiting = handoffSeq === undefined ? [] : customerTurns.filter((t) => t.seq > handoffSeq && t.seq < answeredSeq);
  const beforeHandoff = (open.length ? open : customerTurns).filter((t) => handoffSeq === undefined || t.seq < handoffSeq);
  // Every message sent while waiting is quoted (each one that says something), after the issue.
  const base = summarise(beforeHandoff.length ? beforeHandoff : customerTurns.filter((t) => !waiting.includes(t)));
  const summary = [...base, ...waitingLines(waiting, base)];
  // A line the bot had to ask about ("it doesn't work") gives way to the customer's answer.
  const clarified = clarifiedTurns(visible, attempts);
  const goal = findGoal(open.filter((t) => !clarified.has(t.message_id))) ?? findGoal(open) ?? findGoal(customerTurns);
  const fields = extractFields(customerTurns);
  const lastCustomer = customerTurns.at(-1) ?? null;

  const actions = input.actions ? actionsSection(input.actions.events, input.actions.identity, customer) : undefined;

  // Why it escalated, each reason with what shows it.
  const quote = (re: RegExp): Sourced | null => {
    for (const t of [...customerTurns].reverse()) {
      const s = sentences(t.text).find((x) => re.test(x));
      if (s) return { ...t, text: s };
    }
    return null;
  };
  const failed = attempts.find((a) => a.reaction.kind === 'said_not_helpful' || a.reaction.kind === 'rephrased');
  // What the bot read first; a word list over the transcript for turns whose traces say nothing
  // of it (imported conversations, older versions).
  const read = botReadings(visible, input.handing_off);
  const fromReading = (r: Reading) => ({
    evidence: r.text,
    message_id: r.message_id,
    ...(r.confidence !== undefined ? { confidence: Number(r.confidence.toFixed(2)) } : {}),
  });
  const evidence = (reason: HandoffReason): { evidence: string | null; message_id: string | null; confidence?: number } => {
    const q = (s: Sourced | null) => ({ evidence: s?.text ?? null, message_id: s?.message_id ?? null });
    switch (reason) {
      case 'customer_requested':
        return read.customer_requested ? fromReading(read.customer_requested) : q(quote(HUMAN_REQUEST));
      case 'negative_sentiment': {
        if (read.negative_sentiment) return fromReading(read.negative_sentiment);
        const s = quote(NEGATIVE_WORDS);
        return s ? q(s) : { evidence: signals.sentiment !== null ? `sentiment ${signals.sentiment.toFixed(2)}` : null, message_id: null };
      }
      case 'repeated_failure':
        return failed ? { evidence: failed.reaction.text, message_id: failed.reaction.message_id } : { evidence: null, message_id: null };
      case 'low_confidence':
        return {
          evidence:
            signals.confidence !== null && signals.threshold !== null
              ? `confidence ${signals.confidence.toFixed(2)} below threshold ${signals.threshold.toFixed(2)}`
              : null,
          message_id: null,
        };
      case 'sensitive_topic':
        return read.sensitive_topic ? fromReading(read.sensitive_topic) : q(quote(SENSITIVE_WORDS) ?? lastCustomer);
      case 'policy':
        return q(lastCustomer);
      case 'action_failed':
        return { evidence: actions?.failed.at(-1) ?? null, message_id: null };
      case 'engine_error':
        return { evidence: null, message_id: null };
    }
  };

  const quoted = new Set(summary.map((x) => x.message_id));
  const intent = signals.intent && { ...signals.intent, title: intentTitle(signals.intent, input.articles) };
  const state = {
    status: conversation.status,
    assignee_id: conversation.assignee_id,
    assignee_name: input.now_state?.assignee_name ?? null,
    on_shift: input.now_state?.on_shift ?? routing.on_shift,
  };
  return {
    schema_version: BRIEF_SCHEMA_VERSION,
    conversation_id: conversation.id,
    generated_at: input.now.toISOString(),
    customer: {
      id: customer.id,
      external_id: customer.external_id,
      name: customer.name,
      email: customer.email,
      verified: customer.verified,
      verified_by: customer.verified ? 'identity_hash' : null,
      tier: attr(customer.attributes, 'tier'),
      plan: attr(customer.attributes, 'plan'),
      vip: customer.attributes.vip === true || customer.attributes.vip === 'true',
    },
    language: conversation.language,
    channel: conversation.channel,
    intent,
    sentiment: signals.sentiment === null ? null : { score: signals.sentiment, label: label(signals.sentiment) },
    // A quote without a closing stop ends its line, so no two quotes run into one sentence.
    summary: summary.map((s, i) => (i === 0 ? '' : /[.!?…]["')\]]*$/.test(summary[i - 1]!.text) ? ' ' : '\n') + s.text).join(''),
    summary_sources: summary.map((s) => ({ message_id: s.message_id, seq: s.seq, text: s.text })),
    goal,
    last_customer_message: lastCustomer?.text ?? null,
    last_customer_message_id: lastCustomer?.message_id ?? null,
    bot_attempts: attempts,
    knowledge: [...knowledge.values()],
    reasons: input.reasons,
    escalation: {
      reasons: input.reasons.map((reason) => {
        const kind = reason === 'sensitive_topic' ? (read.sensitive_topic?.kind ?? lastSensitiveKind(input.messages)) : null;
        return { reason, ...evidence(reason), ...(kind ? { kind } : {}) };
      }),
      confidence: signals.confidence,
      threshold: signals.threshold,
    },
    recommended_next_step: nextStep(input, state, attempts, fields, actions, read.sensitive_topic),
    priority: routing.priority,
    routing: {
      team_id: routing.team_id,
      team_name: routing.team_name,
      agent_id: routing.agent_id,
      agent_name: routing.agent_name,
      rule: routing.rule?.name ?? null,
      assignment: routing.assignment,
      on_shift: routing.on_shift,
      why: routing.why,
    },
    fields,
    redaction_tokens: tokensIn(visible.map((m) => m.redacted_text)),
    transcript: { url: `/api/v1/conversations/${conversation.id}`, message_count: visible.length, last_seq: visible.at(-1)?.seq ?? 0 },
    updates: waiting.map((t) => ({
      at: (visible.find((m) => m.id === t.message_id)?.created_at ?? input.now).toISOString(),
      message_id: t.message_id,
      seq: t.seq,
      in_summary: quoted.has(t.message_id),
    })),
    state,
    actions,
  };
}

const topicOf = (m: MessageRow | undefined): string | null => {
  if (!m) return null;
  const cited = (m.citations as Partial<Citation>[] | null)?.find((c) => typeof c.articleId === 'string')?.articleId;
  const top = ((m.trace ?? {}) as Trace).candidates?.[0]?.id;
  return cited ?? (typeof top === 'string' ? top : null);
};

/**
 * The seq of the last bot answer the customer accepted: they thanked it, or went on to another
 * topic (the bot's next turn is about another article). What came before it is settled; the
 * goal and the summary are about what came after.
 */
function lastSettledAnswer(visible: MessageRow[], attempts: Brief['bot_attempts']): number {
  let settled = 0;
  for (const a of attempts) {
    if (a.action !== 'answer') continue;
    // "Thanks, that worked. But…": the answer was taken, whatever comes next.
    const first = a.reaction.text ? (sentences(a.reaction.text)[0] ?? null) : null;
    let accepted = a.reaction.kind === 'thanked' || classifyReaction(first, null) === 'thanked';
    // Another topic: a new ask ("it's been 3 weeks" only says more about the same need), and the
    // bot's next turn is about another article.
    if (a.reaction.kind === 'continued' && a.reaction.message_id && a.reaction.text && sentences(a.reaction.text).some(asks)) {
      const at = visible.findIndex((m) => m.id === a.reaction.message_id);
      const next = visible.slice(at + 1).find((m) => m.author === 'bot' || (m.author === 'system' && m.trace));
      const was = topicOf(visible.find((m) => m.id === a.message_id));
      const now = topicOf(next);
      accepted = was !== null && now !== null && was !== now;
    }
    // "I want a person: my blender broke and I was charged twice" after an answer: the answer
    // stands, the handoff is about what they raise now.
    if ((a.reaction.kind === 'asked_for_human' || a.reaction.kind === 'negative') && a.reaction.text)
      accepted ||= sentences(a.reaction.text).some((x) => issueScore(x) >= 3 && notJustHuman(x));
    if (accepted) settled = a.seq;
  }
  return settled;
}

/** Customer messages the bot answered with a clarifying question that the customer then answered with substance. */
function clarifiedTurns(visible: MessageRow[], attempts: Brief['bot_attempts']): Set<string> {
  const out = new Set<string>();
  for (const a of attempts) {
    if (a.action !== 'clarify' || !a.reaction.text) continue;
    if (!sentences(a.reaction.text).some((x) => issueScore(x) > 0 && notJustHuman(x))) continue;
    const at = visible.findIndex((m) => m.id === a.message_id);
    const before = visible
      .slice(0, at)
      .reverse()
      .find((m) => m.author === 'customer');
    if (before) out.add(before.id);
  }
  return out;
}

/** The intent in words: its own title, else the title of the article of that id, else the id spelled out. */
function intentTitle(intent: { id: string; title: string }, articles: BriefInput['articles']): string {
  if (intent.title && intent.title !== intent.id) return intent.title;
  return articles.get(intent.id)?.title ?? slugWords(intent.id);
}

/**
 * What the bot read and did: "The bot read self-harm in the customer's words (58% sure) and sent…".
 * The certainty tells the agent how much the reading rests on; the words are under the reasons.
 */
function riskRead(r: Reading | undefined): string {
  if (r?.kind !== 'self_harm' && r?.kind !== 'safety')
    return 'The customer wrote of self-harm or danger and the bot sent them the safety reply';
  const sure = r.confidence !== undefined ? ` (${Math.round(r.confidence * 100)}% sure)` : '';
  return `The bot read ${r.kind === 'self_harm' ? 'self-harm' : 'danger or abuse'} in the customer's words${sure} and sent them the safety reply`;
}

/** What the agent should do first: a fixed recommendation per situation, naming only facts from the brief. */
function nextStep(
  input: BriefInput,
  state: NonNullable<Brief['state']>,
  attempts: Brief['bot_attempts'],
  fields: Brief['fields'],
  actions: Brief['actions'],
  atRisk: Reading | undefined,
): Brief['recommended_next_step'] {
  const { reasons, customer, routing } = input;
  const order = fields.find((f) => f.kind === 'order_number');
  // A customer the bot verified with a verification tool is not asked to prove it again.
  const unverified =
    !customer.verified && !actions?.identity && fields.length > 0
      ? ' The customer is not verified: confirm their identity before sharing account details.'
      : '';
  const failedArticles = [
    ...new Set(
      attempts
        .filter((a) => a.reaction.kind === 'said_not_helpful' || a.reaction.kind === 'rephrased')
        .flatMap((a) => a.articles.map((x) => x.title)),
    ),
  ];
  let step: { action: string; text: string };
  // From the state now, not at handoff: an address the customer gave, an agent who has accepted.
  const left = fields.find((f) => f.kind === 'email');
  const address = customer.email ? 'the address on the customer record' : left ? `the address they left (${left.value})` : null;
  const waiting = state.status === 'queued' || state.status === 'awaiting_customer';
  if (saidAtRisk(input.messages) && state.status !== 'resolved' && state.status !== 'closed') {
    // Before any e-mail or procedure: a customer who wrote of self-harm or danger is asked first
    // whether they are safe, by whoever reads this, even with nobody on shift.
    const offShift = waiting && !state.on_shift;
    step = {
      action: 'check_safety',
      text:
        `${riskRead(atRisk)}: ${waiting ? 'accept now and ' : ''}` +
        'ask whether they are safe right now (the safety macro is first in Agent assist).' +
        (offShift
          ? ` Nobody is on shift: whoever reads this, reply here at once${address ? ` and by e-mail to ${address}` : ''}, and follow your procedure for a customer at risk.`
          : ''),
    };
  } else if (waiting && !state.on_shift) {
    step = {
      action: 'reply_by_email',
      text: address
        ? `Nobody is on shift: reply by e-mail to ${address}.`
        : 'Nobody is on shift and the customer has left no e-mail address yet: reply here if they come back.',
    };
  } else if (state.status === 'awaiting_customer' && !routing.on_shift) {
    step = {
      action: 'reply_by_email',
      text: `The customer was told to expect an e-mail (nobody was available when they wrote): accept and answer here${
        address ? `, or reply by e-mail to ${address} if they have left` : '; they have left no e-mail address'
      }.`,
    };
  } else if (reasons.includes('sensitive_topic')) {
    step = {
      action: 'review_sensitive',
      text: 'Read the whole transcript before replying: the customer raised a sensitive topic (legal, fraud or safety). Follow your escalation procedure.',
    };
  } else if (reasons.includes('action_failed') && actions?.failed.length) {
    step = {
      action: 'retry_lookup',
      text: `The bot's call to the company's API failed (${actions.failed.at(-1)}): check it in your own tools, or re-run the lookup from the brief, and answer.`,
    };
  } else if (reasons.includes('policy')) {
    step = { action: 'handle_by_policy', text: 'The workspace policy sends this topic to a person: handle it by hand.' };
  } else if (reasons.includes('repeated_failure') || failedArticles.length > 0) {
    step = {
      action: 'correct_answer',
      text: `The bot's answer did not solve it${failedArticles.length ? ` (${failedArticles.join(', ')})` : ''}: look at the customer's case rather than repeating the article.`,
    };
  } else if (order) {
    step = { action: 'look_up_order', text: `Look up order ${order.value} and answer from its status.` };
  } else if (reasons.includes('customer_requested')) {
    step = {
      action: 'greet_and_continue',
      text: 'The customer asked for a person: greet them and continue from their goal; they have already explained it.',
    };
  } else if (reasons.includes('low_confidence')) {
    step = { action: 'confirm_issue', text: 'The bot was not sure enough to answer: confirm the issue with the customer and answer it.' };
  } else {
    step = { action: 'answer_manually', text: 'The bot could not take this turn: read the transcript and answer.' };
  }
  // Nobody to reply now, but a sensitive topic still needs the whole transcript read first.
  const sensitive =
    step.action === 'reply_by_email' && reasons.includes('sensitive_topic')
      ? ' Read the whole transcript first: the customer raised a sensitive topic (legal, fraud or safety).'
      : '';
  return { action: step.action, text: step.text + sensitive + unverified };
}
