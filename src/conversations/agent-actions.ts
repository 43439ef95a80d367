import { backWithBotNotice, joinedNotice } from './notices.ts';
import type { ConversationRow, MessageRow, Priority } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { findOpenHandoff, updateHandoff } from '../db/repositories/handoffs.ts';
import { findAgent, findTeam } from '../db/repositories/agents.ts';
import { findWorkspace } from '../db/repositories/workspaces.ts';
import { appendEvent } from '../db/repositories/events.ts';
import { readPolicy } from '../workspaces/policy.ts';
import { findCustomer } from '../db/repositories/conversations.ts';
import { hasMacroFields, renderMacro } from './macro-fields.ts';
import type { Actor } from './actor.ts';
import type { ConversationKernel, Tx } from './kernel.ts';

type StaffActor = Actor & { type: 'agent' | 'api_key' };

// What humans do to a conversation. Each runs in one transaction with the row locked.

export function accept(service: ConversationKernel, actor: StaffActor, id: string): Promise<ConversationRow> {
  return service.run(actor, id, async (tx, c) => {
    // Checked after the lookup, so another workspace's key learns nothing about the id.
    if (actor.type !== 'agent') throw new AppError('forbidden', 'Only a logged-in agent can accept; an API key can assign to an agent.');
    const updated = await service.move(tx, actor, c, 'accept', { assignee_id: actor.id });
    const handoff = await findOpenHandoff(tx, c.workspace_id, c.id);
    if (handoff) await updateHandoff(tx, handoff.id, { accepted_at: new Date() });
    await service.addMessage(tx, actor, updated, { author: 'system', text: joinedNotice(updated.language, actor.name) });
    return updated;
  });
}

/**
 * A reply the customer sees (only while a human holds it), or an internal note (any time).
 * Visible before durable, like a customer's line (decisions/0004): the customer's screen gets
 * it at commit, the agent's answer waits for the disk.
 */
export function reply(
  service: ConversationKernel,
  actor: StaffActor,
  id: string,
  input: { text: string; internal: boolean; clientMessageId?: string },
): Promise<MessageRow> {
  const store = () =>
    service.run(
      actor,
      id,
      async (tx, found, policy) => {
        if (found.status === 'closed') throw new AppError('conversation_closed');
        if (!input.internal && found.status !== 'with_agent') {
          throw new AppError('illegal_transition', `Accept the conversation before replying (it is ${found.status}).`, {
            status: found.status,
          });
        }
        // A macro inserted with its fields unfilled is filled here, before the shield reads it.
        const written = hasMacroFields(input.text) ? await withMacroFields(tx, actor, found, input.text) : input.text;
        // Agents paste card numbers and e-mails too: the same shield as the customer's words.
        const { text, conversation: c } = await service.shield(tx, found, policy, written);
        const message = await service.addMessage(tx, actor, c, {
          author: 'agent',
          text,
          internal: input.internal,
          clientMessageId: input.clientMessageId,
        });
        if (!input.internal) {
          const handoff = await findOpenHandoff(tx, c.workspace_id, c.id);
          if (handoff && !handoff.first_agent_reply_at) await updateHandoff(tx, handoff.id, { first_agent_reply_at: new Date() });
        }
        return message;
      },
      { visibleFirst: true },
    );
  // Sent again with the same id (the agent's answer was lost): the reply already kept.
  return service.once(actor, id, input.clientMessageId, 'agent', store, async (kept) => kept);
}

async function withMacroFields(tx: Tx, actor: StaffActor, c: ConversationRow, text: string): Promise<string> {
  const customer = await findCustomer(tx, c.workspace_id, c.customer_id);
  return renderMacro(text, { customerName: customer?.name ?? null, agentName: actor.type === 'agent' ? actor.name : null });
}

export function resolve(service: ConversationKernel, actor: StaffActor, id: string): Promise<ConversationRow> {
  return service.run(actor, id, async (tx, c) => {
    const updated = await service.move(tx, actor, c, 'resolve');
    await closeHandoff(tx, c);
    return updated;
  });
}

export function returnToBot(service: ConversationKernel, actor: StaffActor, id: string): Promise<ConversationRow> {
  return service.run(actor, id, async (tx, c) => {
    const updated = await service.move(tx, actor, c, 'return_to_bot', { assignee_id: null });
    await closeHandoff(tx, c);
    await service.addMessage(tx, actor, updated, { author: 'system', text: backWithBotNotice(updated.language) });
    return updated;
  });
}

export function close(service: ConversationKernel, actor: StaffActor, id: string): Promise<ConversationRow> {
  return service.run(actor, id, async (tx, c) => {
    const updated = await service.move(tx, actor, c, 'close');
    await closeHandoff(tx, c);
    return updated;
  });
}

/** Give it to a named agent (with_agent), or transfer it to a team's queue. */
export function assign(
  service: ConversationKernel,
  actor: StaffActor,
  id: string,
  target: { agentId?: string; teamId?: string; priority?: Priority },
): Promise<ConversationRow> {
  return service.run(actor, id, async (tx, c) => {
    const patch: Partial<Pick<ConversationRow, 'assignee_id' | 'team_id' | 'priority'>> = {};
    if (target.priority) patch.priority = target.priority;
    if (target.teamId) {
      if (!(await findTeam(tx, c.workspace_id, target.teamId))) throw new AppError('not_found', 'No such team.');
      patch.team_id = target.teamId;
    }
    if (target.agentId) {
      const agent = await findAgent(tx, c.workspace_id, target.agentId);
      if (!agent || agent.role === 'viewer') throw new AppError('not_found', 'No such agent.');
      return service.move(tx, actor, c, 'assign_agent', { ...patch, assignee_id: agent.id }, { agent_id: agent.id });
    }
    if (target.teamId) return service.move(tx, actor, c, 'transfer_team', { ...patch, assignee_id: null }, { team_id: target.teamId });
    throw new AppError('invalid_request', 'Name an agentId or a teamId.');
  });
}

/** The conversation's redacted values in clear, for a role the workspace allows; recorded as an event. */
/** Reveals a conversation's redacted values to staff whose role the policy allows, with the reason given (audited). */
export function reveal(service: ConversationKernel, actor: StaffActor, id: string, reason?: string): Promise<Record<string, string>> {
  return service.run(actor, id, async (tx, c) => {
    const workspace = await findWorkspace(tx, c.workspace_id);
    const policy = readPolicy(workspace?.policy);
    const role = actor.type === 'agent' ? actor.role : actor.scopes.includes('admin') ? 'admin' : null;
    if (!role || role === 'viewer' || !policy.revealRoles.includes(role))
      throw new AppError('forbidden', 'Your role may not reveal personal data in this workspace.');
    if (policy.revealRequiresReason && !reason) {
      throw new AppError('invalid_request', 'reason: this workspace asks why you reveal personal data', [
        { path: 'body/reason', message: 'required by the workspace policy' },
      ]);
    }
    const state = service.privacy.open(c.pii_state);
    await appendEvent(tx, {
      workspaceId: c.workspace_id,
      conversationId: c.id,
      type: 'pii.revealed',
      actor: { type: actor.type, id: actor.id },
      data: { tokens: Object.keys(state.values), ...(reason ? { reason } : {}) },
    });
    return state.values;
  });
}

async function closeHandoff(tx: Tx, c: ConversationRow): Promise<void> {
  const handoff = await findOpenHandoff(tx, c.workspace_id, c.id);
  if (handoff) await updateHandoff(tx, handoff.id, { resolved_at: new Date() });
}
