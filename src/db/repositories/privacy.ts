import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from './executor.ts';
import type { ConversationRow, CustomerRow, EventRow, HandoffRow, MessageRow } from '../schema.ts';

export interface PurgeCounts {
  customers: number;
  conversations: number;
  messages: number;
  handoffs: number;
}

/**
 * Deletes conversations for good and leaves an anonymous tombstone (counts per channel and
 * status, CSAT sum) so analytics keep their totals. Deleting a conversation takes with it its
 * messages, events, handoffs and briefs, helpdesk threads and their queued operations, and
 * its sealed PII state (the only copy of the original values): nothing of it can be decrypted
 * afterwards. Customers named in `customerIds` are deleted once they have no conversation left.
 */
export async function purgeConversations(
  tx: Executor,
  workspaceId: string,
  conversationIds: string[],
  opts: { reason: 'request' | 'retention'; customerIds?: string[] },
): Promise<PurgeCounts> {
  const counts: PurgeCounts = { customers: 0, conversations: 0, messages: 0, handoffs: 0 };
  const channels: Record<string, number> = {};
  const statuses: Record<string, number> = {};
  let csatCount = 0;
  let csatSum = 0;
  if (conversationIds.length > 0) {
    const convs = await tx
      .selectFrom('conversations')
      .select(['id', 'channel', 'status', 'csat'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', conversationIds)
      .execute();
    const ids = convs.map((c) => c.id);
    for (const c of convs) {
      channels[c.channel] = (channels[c.channel] ?? 0) + 1;
      statuses[c.status] = (statuses[c.status] ?? 0) + 1;
      if (c.csat !== null) {
        csatCount++;
        csatSum += Number(c.csat);
      }
    }
    if (ids.length > 0) {
      const m = await tx
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('conversation_id', 'in', ids)
        .executeTakeFirst();
      const h = await tx
        .selectFrom('handoffs')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('conversation_id', 'in', ids)
        .executeTakeFirst();
      counts.messages = Number(m?.n ?? 0);
      counts.handoffs = Number(h?.n ?? 0);
      const deleted = await tx
        .deleteFrom('conversations')
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', ids)
        .executeTakeFirst();
      counts.conversations = Number(deleted.numDeletedRows);
    }
  }
  if (opts.customerIds?.length) {
    const deleted = await tx
      .deleteFrom('customers')
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', opts.customerIds)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('conversations')
              .select(sql`1`.as('one'))
              .whereRef('conversations.customer_id', '=', 'customers.id'),
          ),
        ),
      )
      .executeTakeFirst();
    counts.customers = Number(deleted.numDeletedRows);
  }
  if (counts.conversations > 0 || counts.customers > 0) {
    await tx
      .insertInto('erasure_tombstones')
      .values({
        id: randomUUID(),
        workspace_id: workspaceId,
        reason: opts.reason,
        customers: counts.customers,
        conversations: counts.conversations,
        messages: counts.messages,
        handoffs: counts.handoffs,
        channels: JSON.stringify(channels),
        statuses: JSON.stringify(statuses),
        csat_count: csatCount,
        csat_sum: csatSum,
      })
      .execute();
  }
  return counts;
}

/** The customer, locked for an erasure; undefined when not in this workspace. */
export const lockCustomer = (tx: Executor, workspaceId: string, customerId: string) =>
  tx
    .selectFrom('customers')
    .select(['id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', customerId)
    .forUpdate()
    .executeTakeFirst();

/** The ids of a customer's conversations, locked for an erasure. */
export const lockConversationsOf = (tx: Executor, workspaceId: string, customerId: string) =>
  tx
    .selectFrom('conversations')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .forUpdate()
    .execute();

/** A customer's conversations, oldest first (the export). */
export const conversationsOf = (tx: Executor, workspaceId: string, customerId: string): Promise<ConversationRow[]> =>
  tx
    .selectFrom('conversations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

/** Everything recorded in one conversation, in order: messages, handoffs, events. One after another: a transaction is one connection. */
export async function conversationRecord(
  tx: Executor,
  conversationId: string,
): Promise<{ messages: MessageRow[]; handoffs: HandoffRow[]; events: EventRow[] }> {
  const messages = await tx.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId).orderBy('seq').execute();
  const handoffs = await tx
    .selectFrom('handoffs')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .orderBy('requested_at')
    .execute();
  const events = await tx.selectFrom('events').selectAll().where('conversation_id', '=', conversationId).orderBy('id').execute();
  return { messages, handoffs, events };
}

/** Customers by external id and/or e-mail (case-insensitive), for a data-subject request. */
export function findCustomersBy(
  db: Executor,
  workspaceId: string,
  by: { externalId?: string; email?: string },
): Promise<Pick<CustomerRow, 'id' | 'external_id' | 'verified' | 'created_at'>[]> {
  let q = db.selectFrom('customers').select(['id', 'external_id', 'verified', 'created_at']).where('workspace_id', '=', workspaceId);
  if (by.externalId) q = q.where('external_id', '=', by.externalId);
  if (by.email) q = q.where((eb) => eb(eb.fn('lower', ['email']), '=', by.email!));
  return q.orderBy('created_at').limit(100).execute();
}

/** Workspaces with their policy (retention), or just the one asked for. */
export function workspacePolicies(db: Executor, onlyWorkspace?: string) {
  let q = db.selectFrom('workspaces').select(['id', 'policy']);
  if (onlyWorkspace) q = q.where('id', '=', onlyWorkspace);
  return q.execute();
}

/** Conversations idle since before `cutoff`, oldest first, locked (skipping ones another node holds). */
export const staleConversations = (tx: Executor, workspaceId: string, cutoff: Date, limit: number) =>
  tx
    .selectFrom('conversations')
    .select(['id', 'customer_id'])
    .where('workspace_id', '=', workspaceId)
    .where('updated_at', '<', cutoff)
    .orderBy('updated_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();

/** Customers created before `cutoff` with no conversation active since. */
export const customersIdleSince = (tx: Executor, workspaceId: string, cutoff: Date, limit: number) =>
  tx
    .selectFrom('customers')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '<', cutoff)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('conversations')
            .select('conversations.id')
            .whereRef('conversations.customer_id', '=', 'customers.id')
            .where('conversations.updated_at', '>=', cutoff),
        ),
      ),
    )
    .limit(limit)
    .execute();
