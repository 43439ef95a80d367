import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { transaction } from '../db/transaction.ts';
import { appendEvent } from '../db/repositories/events.ts';
import { actorRef, type Actor } from '../conversations/actor.ts';

/** Records the change as a conversation-less event, in the change's transaction. */
export type Audit = (type: string, data: Record<string, unknown>) => Promise<unknown>;

/**
 * Every admin change runs in one transaction with its audit event: a change that fails leaves
 * no event, and an event is never missing for a change that committed.
 */
export function adminChange<T>(db: Kysely<Schema>, actor: Actor, fn: (tx: Transaction<Schema>, audit: Audit) => Promise<T>): Promise<T> {
  return transaction(db, (tx) =>
    fn(tx, (type, data) => appendEvent(tx, { workspaceId: actor.workspaceId, conversationId: null, type, actor: actorRef(actor), data })),
  );
}
