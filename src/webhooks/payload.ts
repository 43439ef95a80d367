import type { Executor } from '../db/repositories/executor.ts';
import type { EventRow } from '../db/schema.ts';
import { findConversation } from '../db/repositories/conversations.ts';
import { findMessage } from '../db/repositories/messages.ts';
import { findHandoffById } from '../db/repositories/briefs.ts';
import { presentConversation } from '../presenters/index.ts';

/**
 * The body of one delivery. Only redacted text leaves Baton: messages carry redacted_text, the
 * brief is built from redacted text, and the customer's name and e-mail are left out.
 */
export async function buildPayload(db: Executor, e: EventRow, type: string, deliveryId: string): Promise<Record<string, unknown>> {
  const data: Record<string, unknown> = {};
  if (e.type === 'message.created') {
    const m = await findMessage(db, e.workspace_id, String(e.data.message_id));
    if (m) {
      data.message = {
        id: m.id,
        conversation_id: m.conversation_id,
        seq: m.seq,
        author: m.author,
        text: m.redacted_text,
        internal: m.internal,
        created_at: new Date(m.created_at).toISOString(),
      };
    }
  } else if (e.type === 'conversation.handoff') {
    const h = await findHandoffById(db, e.workspace_id, String(e.data.handoff_id));
    if (h) {
      const { customer, ...brief } = h.brief as { customer?: Record<string, unknown> };
      data.handoff = {
        id: h.id,
        reasons: h.reasons,
        team_id: h.team_id,
        brief: { ...brief, customer: customer ? { id: customer.id, verified: customer.verified } : null },
        requested_at: new Date(h.requested_at).toISOString(),
      };
    }
  } else {
    Object.assign(data, e.data);
  }
  if (e.conversation_id && e.type.startsWith('conversation.')) {
    const c = await findConversation(db, e.workspace_id, e.conversation_id);
    if (c) data.conversation = presentConversation(c);
  }
  return {
    id: `evt_${e.id}`,
    delivery_id: deliveryId,
    type,
    created_at: new Date(e.created_at).toISOString(),
    workspace_id: e.workspace_id,
    conversation_id: e.conversation_id,
    data,
  };
}
