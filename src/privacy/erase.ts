import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { Actor } from '../conversations/actor.ts';
import { actorRef } from '../conversations/actor.ts';
import { transaction } from '../db/transaction.ts';
import { recordAudit } from '../audit/log.ts';
import { lockConversationsOf, lockCustomer, purgeConversations, type PurgeCounts } from '../db/repositories/privacy.ts';

/**
 * Erases a customer (GDPR art. 17, CCPA deletion): their record (name, e-mail, external id,
 * attributes), every conversation with its messages, events, handoffs and briefs, helpdesk
 * threads, and the sealed vault state. What stays: an anonymous tombstone with counts, and an
 * audit entry naming only the (now meaningless) customer id. Null when there is no such customer.
 */
export async function eraseCustomer(db: Kysely<Schema>, actor: Actor, customerId: string, reason?: string): Promise<PurgeCounts | null> {
  return transaction(db, async (tx) => {
    const customer = await lockCustomer(tx, actor.workspaceId, customerId);
    if (!customer) return null;
    const conversations = await lockConversationsOf(tx, actor.workspaceId, customer.id);
    const counts = await purgeConversations(
      tx,
      actor.workspaceId,
      conversations.map((c) => c.id),
      { reason: 'request', customerIds: [customer.id] },
    );
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      type: 'privacy.customer_erased',
      actor: actorRef(actor),
      subject: { type: 'customer', id: customer.id },
      data: { ...counts, ...(reason ? { reason } : {}) },
    });
    return counts;
  });
}
