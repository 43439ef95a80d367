import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db/repositories/executor.ts';

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
      const m = await tx.selectFrom('messages').select((eb) => eb.fn.countAll<string>().as('n')).where('conversation_id', 'in', ids).executeTakeFirst();
      const h = await tx.selectFrom('handoffs').select((eb) => eb.fn.countAll<string>().as('n')).where('conversation_id', 'in', ids).executeTakeFirst();
      counts.messages = Number(m?.n ?? 0);
      counts.handoffs = Number(h?.n ?? 0);
      const deleted = await tx.deleteFrom('conversations').where('workspace_id', '=', workspaceId).where('id', 'in', ids).executeTakeFirst();
      counts.conversations = Number(deleted.numDeletedRows);
    }
  }
  if (opts.customerIds?.length) {
    const deleted = await tx
      .deleteFrom('customers')
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', opts.customerIds)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('conversations').select(sql`1`.as('one')).whereRef('conversations.customer_id', '=', 'customers.id'))))
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
