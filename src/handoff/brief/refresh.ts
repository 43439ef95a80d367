import type { Decision, HandoffReason } from '../../engine/types.ts';
import type { ConversationRow, CustomerRow, HandoffRow, MessageRow } from '../../db/schema.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { updateHandoff } from '../../db/repositories/handoffs.ts';
import { recentMessages } from '../../db/repositories/messages.ts';
import { articlesByIds } from '../../db/repositories/briefs.ts';
import { listEventsOfTypes } from '../../db/repositories/events.ts';
import { TOOL_CALLED } from '../../conversations/tool-calls.ts';
import type { VerifiedIdentity } from '../../actions/types.ts';
import type { RoutingDecision } from '../routing/engine.ts';
import { buildBrief, signalsFromTranscript, type BriefSignals } from './build.ts';
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
  },
): Promise<Brief> {
  const [articles, toolCalls] = await Promise.all([
    articlesByIds(tx, args.conversation.workspace_id, citedIds(args.transcript, args.decision)),
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
  });
}

/** Rebuilds an open handoff's brief (a new customer line, an overflow) and stores it. */
export async function rebuildBrief(
  tx: Executor,
  a: { conversation: ConversationRow; customer: CustomerRow; handoff: HandoffRow; routing: RoutingDecision; update?: MessageRow },
): Promise<Brief> {
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
  });
  if (previous) brief.knowledge = [...brief.knowledge, ...previous.knowledge.filter((k) => !brief.knowledge.some((b) => b.id === k.id))];
  if (a.update) brief.updates = [...brief.updates, { at: new Date().toISOString(), message_id: a.update.id, seq: a.update.seq }];
  await updateHandoff(tx, a.handoff.id, { brief });
  return brief;
}
