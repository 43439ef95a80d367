import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from './schema.ts';

/**
 * Announcements (NOTIFY payloads) waiting for their transaction to commit.
 *
 * Why not NOTIFY inside the transaction: Postgres serialises the commits of notifying
 * transactions behind one lock held through the WAL flush, so every conversation on the
 * server would queue behind every other's fsync. The data commits concurrently; the
 * announcement follows in its own tiny transaction that need not wait for the disk (a
 * notice lost in a crash only delays a live push: clients re-read on reconnect).
 */
const pending = new WeakMap<object, { channel: string; payload: string }[]>();

/** Runs `fn` in a transaction and, once it has committed, announces what it queued. */
export async function transaction<T>(db: Kysely<Schema>, fn: (tx: Transaction<Schema>) => Promise<T>): Promise<T> {
  let queued: { channel: string; payload: string }[] = [];
  const result = await db.transaction().execute(async (tx) => {
    queued = [];
    pending.set(tx, queued);
    return fn(tx);
  });
  if (queued.length > 0) await announce(db, queued);
  return result;
}

/**
 * Queues a NOTIFY for after the commit when `db` is a transaction opened by `transaction`;
 * otherwise notifies at once (inside the caller's transaction, delivered at its commit).
 */
export async function notifyAfterCommit(db: Kysely<Schema> | Transaction<Schema>, channel: string, payload: string): Promise<void> {
  const queue = pending.get(db);
  if (queue) queue.push({ channel, payload });
  else await sql`select pg_notify(${channel}, ${payload})`.execute(db);
}

async function announce(db: Kysely<Schema>, notices: { channel: string; payload: string }[]): Promise<void> {
  // One statement, its own implicit transaction, committed without waiting for the disk.
  await sql`
    select set_config('synchronous_commit', 'off', true),
           pg_notify(n.channel, n.payload)
    from jsonb_to_recordset(${JSON.stringify(notices)}::jsonb) as n(channel text, payload text)`.execute(db);
}
