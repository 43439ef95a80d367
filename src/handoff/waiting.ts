import { emailThanksNotice } from '../conversations/notices.ts';
import type { ConversationRow, MessageRow } from '../db/schema.ts';
import { appendEvent } from '../db/repositories/events.ts';
import { findOpenHandoff } from '../db/repositories/handoffs.ts';
import { findCustomer, updateCustomer } from '../db/repositories/conversations.ts';
import { actorRef, type Actor } from '../conversations/actor.ts';
import type { ConversationKernel, Tx } from '../conversations/kernel.ts';
import { rebuildBrief } from './brief/refresh.ts';
import type { RoutingDecision } from './routing/engine.ts';

const EMAIL_RE = /^[\w.+-]+@[\w-]+(\.[\w-]+)+$/;

/**
 * The e-mail address a customer left for us to reply to. The PII shield has turned it into a
 * token (<EMAIL_1>); the conversation's sealed state holds the value, restored for this one use.
 */
function leftEmail(kernel: ConversationKernel, conversation: ConversationRow, message: MessageRow): string | undefined {
  const token = /<EMAIL_\d+>/.exec(message.redacted_text)?.[0];
  const plain = /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(message.redacted_text)?.[0];
  const value = token ? kernel.privacy.restore(token, conversation.pii_state) : plain;
  return value && EMAIL_RE.test(value) ? value : undefined;
}

/**
 * A customer wrote while waiting for a person (queued or awaiting_customer): the brief takes
 * the new message in, and an e-mail address left while nobody was on shift goes on the
 * customer record.
 */
export async function customerWroteWhileWaiting(
  kernel: ConversationKernel,
  tx: Tx,
  actor: Actor,
  conversation: ConversationRow,
  message: MessageRow,
): Promise<void> {
  const ws = conversation.workspace_id;
  const handoff = await findOpenHandoff(tx, ws, conversation.id);
  if (!handoff) return;
  let customer = await findCustomer(tx, ws, conversation.customer_id);
  if (!customer) return;
  const email = conversation.status === 'awaiting_customer' && !customer.email ? leftEmail(kernel, conversation, message) : undefined;
  if (email) {
    await updateCustomer(tx, customer.id, { email });
    customer = { ...customer, email };
    await appendEvent(tx, {
      workspaceId: ws,
      conversationId: conversation.id,
      type: 'customer.contact_collected',
      actor: actorRef(actor),
      data: { customer_id: customer.id, field: 'email' },
    });
    const system: Actor = { type: 'system', id: null, workspaceId: ws };
    await kernel.addMessage(tx, system, conversation, {
      author: 'system',
      text: emailThanksNotice(conversation.language),
    });
  }
  await rebuildBrief(tx, { conversation, customer, handoff, routing: handoff.routing as unknown as RoutingDecision });
  await appendEvent(tx, {
    workspaceId: ws,
    conversationId: conversation.id,
    type: 'handoff.brief_updated',
    actor: actorRef(actor),
    data: { handoff_id: handoff.id, seq: message.seq },
  });
}
