import { backWithBotNotice } from '../conversations/notices.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../conversations/actor.ts';
import { findOpenHandoff, updateHandoff } from '../db/repositories/handoffs.ts';
import { findConnector, findThreadByExternal, markInbound, updateThread } from '../db/repositories/connectors.ts';
import type { Outbound } from './outbound.ts';
import { SignatureError, type InboundRequest } from './types.ts';

export interface InboundResult {
  received: number;
  applied: number;
  duplicates: number;
  ignored: number;
}

const HUMAN = new Set(['queued', 'with_agent', 'awaiting_customer']);

/**
 * A vendor's webhook: verify (401 and nothing changes when it does not match), split, drop
 * echoes and what is not ours, dedupe, and apply each event in one transaction with its dedupe
 * mark. An agent's public reply becomes an agent message the customer sees live; the ticket
 * solved or closed gives control back to the bot.
 */
export async function receiveInbound(out: Outbound, vendor: string, workspaceId: string, req: InboundRequest): Promise<InboundResult> {
  const row = await findConnector(out.db, workspaceId, vendor);
  // Unknown workspace, vendor not configured, or disabled: the same answer as a bad signature.
  if (!row || !row.enabled) throw new AppError('unauthenticated', 'Signature does not match.');
  const instance = await out.instance(row);
  try {
    instance.verify(req);
  } catch (err) {
    if (err instanceof SignatureError) throw new AppError('unauthenticated', 'Signature does not match.');
    throw err;
  }
  const events = instance.parse(req);
  const result: InboundResult = { received: events.length, applied: 0, duplicates: 0, ignored: 0 };
  const via = `connector:${vendor}`;
  const system: Actor = { type: 'system', id: null, workspaceId };

  for (const ev of events) {
    if (ev.kind === 'ignored') {
      result.ignored++;
      continue;
    }
    const thread = await findThreadByExternal(out.db, row.id, ev.externalThreadId);
    if (!thread) {
      result.ignored++;
      continue;
    }
    const outcome = await out.conversations.run(system, thread.conversation_id, async (tx, c) => {
      if (!(await markInbound(tx, row.id, ev.id))) return 'duplicate' as const;
      if (c.status === 'closed') return 'ignored' as const;
      if (ev.kind === 'agent_message') {
        let current = c;
        // The first agent reply in the helpdesk is the helpdesk taking the conversation.
        if (current.status === 'queued' || current.status === 'awaiting_customer') {
          current = await out.conversations.move(tx, system, current, 'accept', {}, { via, agent_name: ev.agentName });
        }
        await out.conversations.addMessage(tx, system, current, {
          author: 'agent',
          text: ev.text,
          trace: { via, agent_name: ev.agentName, external_id: ev.externalThreadId },
        });
        const handoff = await findOpenHandoff(tx, c.workspace_id, c.id);
        // Only the first reply stamps the handoff (an empty update is a SQL error: a second reply answered 500).
        if (handoff && handoff.id === thread.handoff_id && (!handoff.accepted_at || !handoff.first_agent_reply_at)) {
          await updateHandoff(tx, handoff.id, {
            ...(handoff.accepted_at ? {} : { accepted_at: new Date() }),
            ...(handoff.first_agent_reply_at ? {} : { first_agent_reply_at: new Date() }),
          });
        }
        return 'applied' as const;
      }
      // closed: only for the thread of the handoff in progress, and only while humans hold it
      // (a late or replayed close for an older ticket changes nothing).
      const handoff = await findOpenHandoff(tx, c.workspace_id, c.id);
      if (thread.status === 'closed' || !handoff || handoff.id !== thread.handoff_id || !HUMAN.has(c.status)) {
        await updateThread(tx, thread.id, { status: 'closed' });
        return 'ignored' as const;
      }
      const back = await out.conversations.move(tx, system, c, 'return_to_bot', { assignee_id: null }, { via });
      await updateHandoff(tx, handoff.id, { resolved_at: new Date() });
      await updateThread(tx, thread.id, { status: 'closed' });
      await out.conversations.addMessage(tx, system, back, { author: 'system', text: backWithBotNotice(back.language) });
      return 'applied' as const;
    });
    if (outcome === 'applied') result.applied++;
    else if (outcome === 'duplicate') result.duplicates++;
    else result.ignored++;
  }
  return result;
}
