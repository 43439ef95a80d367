import type { Decision, HandoffReason } from '../../engine/types.ts';
import type { ConversationRow, CustomerRow, HandoffRow, MessageRow } from '../../db/schema.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { updateHandoff } from '../../db/repositories/handoffs.ts';
import { recentMessages } from '../../db/repositories/messages.ts';
import { articlesByIds } from '../../db/repositories/briefs.ts';
import { listEventsOfTypes } from '../../db/repositories/events.ts';
import { TOOL_CALLED } from '../../conversations/tool-calls.ts';
import type { VerifiedIdentity } from '../../actions/types.ts';
import { findAgent } from '../../db/repositories/agents.ts';
import { findWorkspace } from '../../db/repositories/workspaces.ts';
import { decideRoute, type RoutingDecision } from '../routing/engine.ts';
import { loadRoutingInput } from '../routing/load.ts';
import { buildBrief, signalsFromTranscript, type BriefInput, type BriefSignals } from './build.ts';
import { BriefSchema, type Brief } from './schema.ts';

// The brief with what it needs from the database: the articles the bot cited, and (when it is
// rebuilt) the transcript so far and the brief it replaces. build.ts is the pure part.

const TRANSCRIPT_LIMIT = 200;

const citedIds = (messages: MessageRow[], decision: Decision | null): string[] => [
  ...messages.flatMap((m) =>
    (m.citations as { articleId?: unknown }[]).map((c) => c.articleId).filter((id): id is string => typeof id === 'string'),
  ),
  ...(decision?.citations ?? []).map((c) => c.articleId),
];

/** Builds a handoff's brief from the transcript, the signals and the routing decision. */
export async function briefFor(
  tx: Executor,
  args: {
    conversation: ConversationRow;
    customer: CustomerRow;
    transcript: MessageRow[];
    reasons: HandoffReason[];
    signals: BriefSignals;
    routing: RoutingDecision;
    decision: Decision | null;
    previous: Brief | null;
    nowState?: BriefInput['now_state'];
  },
): Promise<Brief> {
  const ids = [...citedIds(args.transcript, args.decision), ...(args.signals.intent ? [args.signals.intent.id] : [])];
  const [articles, toolCalls] = await Promise.all([
    articlesByIds(tx, args.conversation.workspace_id, ids),
    listEventsOfTypes(tx, args.conversation.workspace_id, args.conversation.id, [TOOL_CALLED]),
  ]);
  return buildBrief({
    conversation: args.conversation,
    customer: args.customer,
    messages: args.transcript,
    reasons: args.reasons,
    signals: args.signals,
    routing: args.routing,
    articles,
    considered: args.decision?.citations,
    now: new Date(),
    previous: args.previous,
    actions: { events: toolCalls, identity: args.conversation.action_identity as VerifiedIdentity | null },
    now_state: args.nowState,
    handing_off: args.decision?.trace,
  });
}

/** Who holds the conversation now, and whether anyone is on shift now (routing run again, nothing recorded). */
async function stateNow(tx: Executor, conversation: ConversationRow, customer: CustomerRow, handoff: HandoffRow, intent: string | null) {
  const [assignee, workspace] = await Promise.all([
    conversation.assignee_id ? findAgent(tx, conversation.workspace_id, conversation.assignee_id) : undefined,
    findWorkspace(tx, conversation.workspace_id),
  ]);
  const input = await loadRoutingInput(tx, {
    conversation,
    customer,
    reasons: handoff.reasons as HandoffReason[],
    intent,
    sentiment: null,
    policy: workspace?.policy,
  });
  return { assignee_name: assignee?.name ?? null, on_shift: decideRoute(input).on_shift };
}

/**
 * Rebuilds an open handoff's brief from the state now (a new customer line, an e-mail left, an
 * overflow, an agent who accepted or came on shift) and stores it.
 */
export async function rebuildBrief(tx: Executor, a: RebuildArgs): Promise<Brief> {
  const brief = await composeBrief(tx, a);
  await updateHandoff(tx, a.handoff.id, { brief });
  return brief;
}

type RebuildArgs = { conversation: ConversationRow; customer: CustomerRow; handoff: HandoffRow; routing: RoutingDecision };

/** An open handoff's brief from the transcript so far and the state now, keeping the escalating turn's signals. */
async function composeBrief(tx: Executor, a: RebuildArgs): Promise<Brief> {
  const transcript = await recentMessages(tx, a.conversation.id, TRANSCRIPT_LIMIT);
  const parsed = BriefSchema.safeParse(a.handoff.brief);
  const previous = parsed.success ? parsed.data : null;
  const signals: BriefSignals = previous
    ? {
        intent: previous.intent,
        sentiment: previous.sentiment?.score ?? null,
        confidence: previous.escalation.confidence,
        threshold: previous.escalation.threshold,
      }
    : signalsFromTranscript(transcript, a.conversation);
  const brief = await briefFor(tx, {
    conversation: a.conversation,
    customer: a.customer,
    transcript,
    reasons: a.handoff.reasons as HandoffReason[],
    signals,
    routing: a.routing,
    decision: null,
    previous,
    nowState: await stateNow(tx, a.conversation, a.customer, a.handoff, signals.intent?.id ?? null),
  });
  if (previous) brief.knowledge = [...brief.knowledge, ...previous.knowledge.filter((k) => !brief.knowledge.some((b) => b.id === k.id))];
  return brief;
}

const stateKey = (b: Brief | null) => JSON.stringify(b ? [b.state, b.transcript.last_seq, b.customer.email] : null);

/**
 * The brief as it reads now, for whoever opens it: an open handoff's brief is rebuilt when the
 * conversation moved on since (accepted, assigned, someone came on shift, a new line) and
 * stored; a resolved one stays as it was.
 */
export async function currentBrief(tx: Executor, conversation: ConversationRow, customer: CustomerRow | undefined, handoff: HandoffRow) {
  if (handoff.resolved_at || !customer) return handoff;
  const parsed = BriefSchema.safeParse(handoff.brief);
  if (!parsed.success) return handoff;
  const fresh = await composeBrief(tx, { conversation, customer, handoff, routing: handoff.routing as unknown as RoutingDecision });
  if (stateKey(fresh) === stateKey(parsed.data)) return handoff;
  await updateHandoff(tx, handoff.id, { brief: fresh });
  return { ...handoff, brief: fresh as unknown as HandoffRow['brief'] };
}

/** A conversation's handoffs with the latest one's brief as it reads now (see currentBrief). */
export async function withCurrentBrief(
  tx: Executor,
  conversation: ConversationRow,
  customer: CustomerRow | undefined,
  handoffs: HandoffRow[],
): Promise<HandoffRow[]> {
  const latest = handoffs.at(-1);
  if (!latest) return handoffs;
  return [...handoffs.slice(0, -1), await currentBrief(tx, conversation, customer, latest)];
}
