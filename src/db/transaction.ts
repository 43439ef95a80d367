import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from './schema.ts';
import { Coalescer } from './coalesce.ts';
import { walFlushed } from './durability.ts';
import { PREPARED } from './prepared.ts';

/**
 * Announcements (NOTIFY payloads) waiting for their transaction to commit.
 *
 * Why not NOTIFY inside the transaction: Postgres serialises the commits of notifying
 * transactions behind one lock held through the WAL flush, so every conversation on the
 * server would queue behind every other's fsync. The data commits concurrently; the
 * announcement follows in its own tiny transaction that need not wait for the disk (a
 * notice lost in a crash only delays a live push: clients re-read on reconnect).
 */
const pending = new WeakMap<object, Notice[]>();

export interface TransactionOptions {
  /**
   * Commit without waiting for the disk and announce at once, but resolve only once the WAL is
   * flushed past the commit (decisions/0004): others see the change sooner, the caller's answer
   * still means "on disk". Only for writes that nothing outside Baton acts on before the flush
   * (no job enqueued in the transaction).
   */
  visibleFirst?: boolean;
}

/** Runs `fn` in a transaction and, once it has committed, announces what it queued. */
export async function transaction<T>(
  db: Kysely<Schema>,
  fn: (tx: Transaction<Schema>) => Promise<T>,
  opts: TransactionOptions = {},
): Promise<T> {
  let queued: Notice[] = [];
  const result = await db.transaction().execute(async (tx) => {
    queued = [];
    pending.set(tx, queued);
    const out = await fn(tx);
    // Read at commit, so setting it last works, and only for a transaction that got this far.
    if (opts.visibleFirst) await sql`select set_config('synchronous_commit', 'off', true)`.execute(tx);
    return out;
  });
  if (queued.length > 0) await announce(db, queued);
  if (opts.visibleFirst) await walFlushed(db);
  return result;
}

/**
 * Queues a NOTIFY for after the commit when `db` is a transaction opened by `transaction`;
 * inside another transaction, notifies there (delivered at its commit); on the database itself
 * (a statement that commits alone), announces at once.
 */
export async function notifyAfterCommit(db: Kysely<Schema> | Transaction<Schema>, channel: string, payload: string): Promise<void> {
  const queue = pending.get(db);
  if (queue) queue.push({ channel, payload });
  else if (db.isTransaction) await sql`select pg_notify(${channel}, ${payload})`.execute(db);
  else await announce(db, [{ channel, payload }]);
}

type Notice = { channel: string; payload: string };

/** In-process observers of what this process announces, by database. */
const observers = new WeakMap<Kysely<Schema>, Set<(notice: Notice) => void>>();

/**
 * Calls `fn` with each notice this process announces on `db` once it is sent, before the
 * announcing call returns: a node's caches are dropped before its own answer leaves, without
 * waiting for the notice to come back through LISTEN (other nodes still learn it from there).
 */
export function onAnnounced(db: Kysely<Schema>, fn: (notice: Notice) => void): () => void {
  let set = observers.get(db);
  if (!set) observers.set(db, (set = new Set()));
  set.add(fn);
  return () => set.delete(fn);
}

/** Announcements go one statement at a time per database; those made meanwhile share the next. */
const announcers = new WeakMap<Kysely<Schema>, Coalescer<Notice>>();

function announce(db: Kysely<Schema>, notices: Notice[]): Promise<void> {
  let announcer = announcers.get(db);
  if (!announcer) announcers.set(db, (announcer = new Coalescer((batch) => send(db, batch))));
  return announcer.add(...notices);
}

async function send(db: Kysely<Schema>, notices: Notice[]): Promise<void> {
  // One statement, its own implicit transaction, committed without waiting for the disk.
  await sql`${PREPARED}
    select set_config('synchronous_commit', 'off', true),
           pg_notify(n.channel, n.payload)
    from jsonb_to_recordset(${JSON.stringify(notices)}::jsonb) as n(channel text, payload text)`.execute(db);
  announcedByStatement(db, notices);
}

/**
 * Notices a statement on `db` itself sent (a write that commits alone, with pg_notify in it, so
 * the notice needs no statement of its own): this process's observers hear of them as of any
 * announcement.
 */
export function announcedByStatement(db: Kysely<Schema>, notices: Notice[]): void {
  for (const fn of observers.get(db) ?? []) for (const n of notices) fn(n);
}
