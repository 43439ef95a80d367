import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { Actor } from '../conversations/actor.ts';
import { actorRef } from '../conversations/actor.ts';
import type { ConversationPrivacy } from '../conversations/privacy.ts';
import { transaction } from '../db/transaction.ts';
import { recordAudit } from '../audit/log.ts';
import { findCustomer } from '../db/repositories/conversations.ts';
import { conversationRecord, conversationsOf, findCustomersBy } from '../db/repositories/privacy.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Puts a conversation's original values back into every string of a JSON value. */
function restoreDeep(value: unknown, restore: (text: string) => string): unknown {
  if (typeof value === 'string') return restore(value);
  if (Array.isArray(value)) return value.map((v) => restoreDeep(v, restore));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restoreDeep(v, restore)]));
  return value;
}

export const EXPORT_FORMAT = 'baton.customer-export.v1';

/**
 * Everything Baton holds about one customer (GDPR art. 15 and 20, CCPA access): the customer
 * record, each conversation with its messages (internal notes included, marked), handoffs
 * with their briefs, and events. Redacted values are restored from the vault for the export
 * only; the stored data stays redacted. The export is recorded in the audit log.
 */
export async function exportCustomer(db: Kysely<Schema>, privacy: ConversationPrivacy, actor: Actor, customerId: string) {
  return transaction(db, async (tx) => {
    const customer = await findCustomer(tx, actor.workspaceId, customerId);
    if (!customer) return null;
    const conversations = await conversationsOf(tx, actor.workspaceId, customer.id);
    const out = [];
    let messageCount = 0;
    for (const c of conversations) {
      const restore = (text: string) => privacy.restore(text, c.pii_state);
      const { messages, handoffs, events } = await conversationRecord(tx, c.id);
      messageCount += messages.length;
      out.push({
        id: c.id,
        channel: c.channel,
        language: c.language,
        status: c.status,
        priority: c.priority,
        intent: c.intent,
        tags: c.tags,
        csat: c.csat,
        created_at: iso(c.created_at),
        updated_at: iso(c.updated_at),
        messages: messages.map((m) => ({
          id: m.id,
          seq: m.seq,
          author: m.author,
          internal: m.internal,
          text: restore(m.text),
          created_at: iso(m.created_at),
        })),
        handoffs: handoffs.map((h) => ({
          id: h.id,
          reasons: h.reasons,
          brief: restoreDeep(h.brief, restore),
          requested_at: iso(h.requested_at),
          accepted_at: iso(h.accepted_at),
          resolved_at: iso(h.resolved_at),
        })),
        events: events.map((e) => ({
          id: String(e.id),
          type: e.type,
          actor: { type: e.actor_type, id: e.actor_id },
          data: e.data,
          created_at: iso(e.created_at),
        })),
      });
    }
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      type: 'privacy.customer_exported',
      actor: actorRef(actor),
      subject: { type: 'customer', id: customer.id },
      data: { conversations: conversations.length, messages: messageCount },
    });
    return {
      format: EXPORT_FORMAT,
      exported_at: new Date().toISOString(),
      customer: {
        id: customer.id,
        external_id: customer.external_id,
        name: customer.name,
        email: customer.email,
        verified: customer.verified,
        attributes: customer.attributes,
        created_at: iso(customer.created_at),
      },
      conversations: out,
    };
  });
}

/** Customers matching a data-subject request (by external id and/or e-mail), at most 100. */
export const findCustomersForRequest = (db: Kysely<Schema>, workspaceId: string, by: { externalId?: string; email?: string }) =>
  findCustomersBy(db, workspaceId, by);
