import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Decision, HandoffReason } from '../engine/types.ts';
import type { ConversationRow, MessageRow, Schema } from '../db/schema.ts';
import { findCustomer } from '../db/repositories/conversations.ts';
import { recentMessages } from '../db/repositories/messages.ts';
import { insertHandoff } from '../db/repositories/handoffs.ts';
import { listTeams } from '../db/repositories/agents.ts';
import { findWorkspace } from '../db/repositories/workspaces.ts';
import { appendEvent } from '../db/repositories/events.ts';
import { buildBrief } from '../handoff/brief.ts';
import { chooseTeam } from '../handoff/routing.ts';
import { readPolicy } from '../workspaces/policy.ts';
import { actorRef, type Actor } from './actor.ts';
import { countAvailableAgents } from './availability.ts';
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
  const [workspace, teams, customer, transcript] = await Promise.all([
    findWorkspace(tx, workspaceId),
    listTeams(tx, workspaceId),
    findCustomer(tx, workspaceId, conversation.customer_id),
    recentMessages(tx, conversation.id, 200),
  ]);
  const routing = chooseTeam(teams, readPolicy(workspace?.policy));
  const brief = buildBrief({ conversation, customer: customer!, messages: transcript, reasons, decision, routing });
  const handoff = await insertHandoff(tx, {
    id: randomUUID(),
    workspaceId,
    conversationId: conversation.id,
    reasons,
    brief,
    routing: { ...routing },
    teamId: routing.teamId,
  });
  let current = await service.move(tx, actor, conversation, 'handoff', { team_id: routing.teamId }, { reasons, handoff_id: handoff.id });
  await appendEvent(tx, {
    workspaceId,
    conversationId: conversation.id,
    type: 'conversation.handoff',
    actor: actorRef(actor),
    data: { handoff_id: handoff.id, reasons, team_id: routing.teamId },
  });

  const available = await countAvailableAgents(tx, workspaceId, routing.teamId);
  const system: Actor = { type: 'system', id: null, workspaceId };
  let notice: string;
  if (available === 0) {
    current = await service.move(tx, system, current, 'await_customer', {}, { why: 'no agent available' });
    notice =
      'Nobody from our team is available right now. Leave your e-mail address here and we will get back to you; this conversation stays open.';
  } else {
    notice = routing.teamName ? `Connecting you with the ${routing.teamName} team.` : 'Connecting you with a person.';
  }
  const message = await service.addMessage(tx, system, current, { author: 'system', text: notice });
  return { conversation: current, messages: [message] };
}
