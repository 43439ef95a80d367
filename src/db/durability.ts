import { sql, type Kysely } from 'kysely';
import { Coalescer } from './coalesce.ts';
import type { Schema } from './schema.ts';

/**
 * "Visible before durable" (decisions/0004): a line is committed without waiting for the disk,
 * announced at once, and acknowledged only after this resolves. It resolves once a transaction
 * that began after the call has committed with the session's own `synchronous_commit` (durable
 * by default; with synchronous replicas, as durable as they make it): the WAL is sequential,
 * so flushing that commit record flushes every commit before it. Callers waiting at the same
 * time share one flush.
 */
export function walFlushed(db: Kysely<Schema>): Promise<void> {
  let flusher = flushers.get(db);
  if (!flusher) flushers.set(db, (flusher = new Coalescer<void>(() => flush(db))));
  return flusher.add();
}

const flushers = new WeakMap<Kysely<Schema>, Coalescer<void>>();

async function flush(db: Kysely<Schema>): Promise<void> {
  // Postgres flushes at commit only for a transaction that wrote WAL and took a transaction id
  // (otherwise it commits like an asynchronous one). A transactional logical message does both,
  // with no table to write and nothing for other nodes to contend on; any role may send one.
  await sql`select pg_logical_emit_message(true, 'baton.flush', '')`.execute(db);
}
