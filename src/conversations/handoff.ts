import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Decision, HandoffReason } from '../engine/types.ts';
import type { ConversationRow, MessageRow, Schema } from '../db/schema.ts';
import { findCustomer } from '../db/repositories/conversations.ts';
import { recentMessages } from '../db/repositories/messages.ts';
import { insertHandoff } from '../db/repositories/handoffs.ts';
import { findWorkspace } from '../db/repositories/workspaces.ts';
import { appendEvent } from '../db/repositories/events.ts';
import { afterHandoff, handoffNotice, prepareHandoff, routingPatch } from '../handoff/service.ts';
import { actorRef, type Actor } from './actor.ts';
import type { ConversationService } from './service.ts';

/**
 * Passes control from the bot to humans, inside the caller's transaction: the handoff record
 * with its brief and routing, the move to `queued` (or `awaiting_customer` when nobody can
 * take it), and what the customer is told.
 */
export async function startHandoff(
  service: ConversationService,
  tx: Transaction<Schema>,
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
  // Routing (rules, team, agent, priority, who is on shift) and the brief: src/handoff.
  const { routing, brief } = await prepareHandoff(tx, { conversation, customer: customer!, transcript, reasons, decision, policy: workspace?.policy });
  const handoff = await insertHandoff(tx, {
    id: randomUUID(),
    workspaceId,
    conversationId: conversation.id,
    reasons,
    brief,
    routing: { ...routing },
    teamId: routing.team_id,
  });
  let current = await service.move(tx, actor, conversation, 'handoff', routingPatch(routing), { reasons, handoff_id: handoff.id });
  await appendEvent(tx, {
    workspaceId,
    conversationId: conversation.id,
    type: 'conversation.handoff',
    actor: actorRef(actor),
    data: { handoff_id: handoff.id, reasons, team_id: routing.team_id },
  });
  await afterHandoff(service, tx, { actor, conversation: current, handoff, routing });

  const system: Actor = { type: 'system', id: null, workspaceId };
  if (!routing.on_shift) current = await service.move(tx, system, current, 'await_customer', {}, { why: routing.why });
  const notice = handoffNotice(routing, customer!);
  // The bot's trace stays with the turn that handed off: an admin can see why.
  const trace = decision
    ? { action: 'handoff', confidence: decision.confidence, threshold: decision.threshold, reasons: decision.reasons, ...decision.trace }
    : { action: 'handoff', reasons };
  const message = await service.addMessage(tx, system, current, { author: 'system', text: notice, trace });
  return { conversation: current, messages: [message] };
}
