import { randomUUID } from 'node:crypto';
import type { Decision, HandoffReason } from '../engine/types.ts';
import type { ConversationRow, CustomerRow, HandoffRow, MessageRow } from '../db/schema.ts';
import { findCustomer } from '../db/repositories/conversations.ts';
import { recentMessages } from '../db/repositories/messages.ts';
import { insertHandoff, updateHandoff } from '../db/repositories/handoffs.ts';
import { findWorkspace } from '../db/repositories/workspaces.ts';
import { appendEvent } from '../db/repositories/events.ts';
import { actorRef, type Actor } from '../conversations/actor.ts';
import { handoffNotice } from '../conversations/notices.ts';
import type { ConversationKernel, Tx } from '../conversations/kernel.ts';
import { signalsFromTranscript, type BriefSignals } from './brief/build.ts';
import { briefFor } from './brief/refresh.ts';
import type { Brief } from './brief/schema.ts';
import { decideRoute, type RoutingDecision } from './routing/engine.ts';
import { loadRoutingInput } from './routing/load.ts';
import { scheduleSla, type SlaTimer } from './routing/sla.ts';

/**
 * Passes control from the bot to humans, inside the caller's transaction: the handoff record
 * with its brief and routing, the move to `queued` (or `awaiting_customer` when nobody can
 * take it), and what the customer is told.
 */
export async function startHandoff(
  kernel: ConversationKernel,
  sla: SlaTimer | null,
  tx: Tx,
  actor: Actor,
  conversation: ConversationRow,
  reasons: HandoffReason[],
  decision: Decision | null,
): Promise<{ conversation: ConversationRow; messages: MessageRow[] }> {
  const workspaceId = conversation.workspace_id;
  const [workspace, customer, transcript] = await Promise.all([
    findWorkspace(tx, workspaceId),
    findCustomer(tx, workspaceId, conversation.customer_id),
    recentMessages(tx, conversation.id, 200),
  ]);
  // Routing (rules, team, agent, priority, who is on shift) and the brief.
  const { routing, brief } = await prepareHandoff(tx, {
    conversation,
    customer: customer!,
    transcript,
    reasons,
    decision,
    policy: workspace?.policy,
  });
  const handoff = await insertHandoff(tx, {
    id: randomUUID(),
    workspaceId,
    conversationId: conversation.id,
    reasons,
    brief,
    routing: { ...routing },
    teamId: routing.team_id,
  });
  let current = await kernel.move(tx, actor, conversation, 'handoff', routingPatch(routing), { reasons, handoff_id: handoff.id });
  await appendEvent(tx, {
    workspaceId,
    conversationId: conversation.id,
    type: 'conversation.handoff',
    actor: actorRef(actor),
    data: { handoff_id: handoff.id, reasons, team_id: routing.team_id },
  });
  await afterHandoff(sla, tx, { actor, conversation: current, handoff, routing });

  const system: Actor = { type: 'system', id: null, workspaceId };
  if (!routing.on_shift) current = await kernel.move(tx, system, current, 'await_customer', {}, { why: routing.why });
  const notice = handoffNotice(current.language, {
    onShift: routing.on_shift,
    teamName: routing.team_name,
    openHours: routing.business_hours.open,
    customerEmail: customer!.email,
  });
  // The bot's trace stays with the turn that handed off: an admin can see why.
  const trace = decision
    ? { action: 'handoff', confidence: decision.confidence, threshold: decision.threshold, reasons: decision.reasons, ...decision.trace }
    : { action: 'handoff', reasons };
  const message = await kernel.addMessage(tx, system, current, { author: 'system', text: notice, trace });
  return { conversation: current, messages: [message] };
}

/** Decides where the handoff goes and builds its brief. */
async function prepareHandoff(
  tx: Tx,
  a: {
    conversation: ConversationRow;
    customer: CustomerRow;
    transcript: MessageRow[];
    reasons: HandoffReason[];
    decision: Decision | null;
    policy: unknown;
  },
): Promise<{ routing: RoutingDecision; brief: Brief }> {
  const d = a.decision;
  const earlier = signalsFromTranscript(a.transcript, a.conversation);
  // A handoff turn that recognised no intent ("a person please") keeps the conversation's.
  const signals: BriefSignals = d
    ? { intent: d.intent ?? earlier.intent, sentiment: d.sentiment, confidence: d.confidence, threshold: d.threshold }
    : earlier;
  const input = await loadRoutingInput(tx, {
    conversation: a.conversation,
    customer: a.customer,
    reasons: a.reasons,
    intent: signals.intent?.id ?? null,
    sentiment: signals.sentiment,
    policy: a.policy,
  });
  const routing = decideRoute(input);
  const brief = await briefFor(tx, { ...a, signals, routing, previous: null });
  return { routing, brief };
}

/** The conversation fields routing sets on the handoff move. */
export const routingPatch = (r: RoutingDecision) => ({ team_id: r.team_id, assignee_id: r.agent_id, priority: r.priority });

/** After the handoff row exists: record the decision, mark the offer, start the SLA timer. */
async function afterHandoff(
  sla: SlaTimer | null,
  tx: Tx,
  a: { actor: Actor; conversation: ConversationRow; handoff: HandoffRow; routing: RoutingDecision },
): Promise<void> {
  const { routing, handoff, conversation } = a;
  const started = routing.on_shift
    ? await scheduleSla(sla, tx, routing, {
        workspaceId: conversation.workspace_id,
        conversationId: conversation.id,
        handoffId: handoff.id,
      })
    : false;
  if (routing.agent_id || started)
    await updateHandoff(tx, handoff.id, {
      ...(routing.agent_id ? { offered_at: new Date() } : {}),
      ...(started ? { routing: { ...routing, sla_scheduled: true } } : {}),
    });
  await appendEvent(tx, {
    workspaceId: conversation.workspace_id,
    conversationId: conversation.id,
    type: 'routing.decided',
    actor: actorRef(a.actor),
    data: {
      handoff_id: handoff.id,
      rule_id: routing.rule?.id ?? null,
      team_id: routing.team_id,
      agent_id: routing.agent_id,
      assignment: routing.assignment,
      priority: routing.priority,
      on_shift: routing.on_shift,
      sla_seconds: started ? routing.sla?.seconds : null,
      why: routing.why,
    },
  });
}
