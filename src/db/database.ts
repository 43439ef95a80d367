import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import { Mutex } from './mutex.ts';
import { lockFolder } from './folder-lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { hearPoolErrors, queryPatiently, resilientPostgresDialect } from './reconnect.ts';
import type { Schema } from './schema.ts';

export type DatabaseConfig = { url: string } | { dataDir: string | null };

/** A raw SQL executor, in the shape pg-boss takes for its `db` option. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

/**
 * One Postgres, embedded (PGlite) or real (pg): typed queries through Kysely, LISTEN for
 * cross-node fan-out, and a raw executor for the job queue.
 */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Kysely<Schema>;
  /** Subscribe to a NOTIFY channel; resolves with an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** What the job queue runs its SQL through (on Postgres, a small pool of its own). */
  readonly jobExecutor: SqlExecutor;
  close(): Promise<void>;
}

export interface DatabaseHooks {
  /**
   * A connection failed outside any query (Postgres restarted, an administrator ended the
   * session): the pool drops the client and the LISTEN connection reconnects, so this is a
   * report, not a failure. Without a listener such an error would end the process.
   */
  onConnectionError?: (err: Error, connection: 'pool' | 'listener' | 'jobs') => void;
}

export async function openDatabase(config: DatabaseConfig, hooks: DatabaseHooks = {}): Promise<Database> {
  return 'url' in config ? openPostgres(config.url, hooks) : openPGlite(config.dataDir);
}

async function openPGlite(dataDir: string | null): Promise<Database> {
  const unlock = dataDir ? await lockFolder(dataDir) : async () => {};
  const pglite = await PGlite.create(dataDir ?? undefined).catch(async (err) => {
    await unlock();
    throw err;
  });
  const mutex = new Mutex();
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(pglite, mutex) });
  const executor: SqlExecutor = {
    // Parameterless SQL may hold several statements (the job queue's migrations): exec runs them all.
    executeSql: (text, values) =>
      mutex.run(async () => {
        if (values && values.length > 0) return { rows: (await pglite.query(text, values)).rows };
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }),
  };
  return {
    kind: 'pglite',
    db,
    jobExecutor: executor,
    listen: async (channel, onPayload) => {
      const unlisten = await mutex.run(() => pglite.listen(channel, onPayload));
      return () => mutex.run(() => unlisten());
    },
    close: async () => {
      await db.destroy();
      await mutex.run(() => pglite.close());
      await unlock();
    },
  };
}

/** Waits between attempts to bring the LISTEN connection back: 0.25 s doubling to 5 s. */
const RELISTEN_DELAYS_MS = [250, 500, 1000, 2000, 5000];

async function openPostgres(url: string, hooks: DatabaseHooks): Promise<Database> {
  const report = hooks.onConnectionError ?? (() => {});
  const pool = hearPoolErrors(new pg.Pool({ connectionString: url, max: 10 }), (err) => report(err, 'pool'));
  const db = new Kysely<Schema>({ dialect: resilientPostgresDialect(pool) });
  // The job queue's own connections: its polling never waits behind requests, nor they behind it.
  const jobPool = hearPoolErrors(new pg.Pool({ connectionString: url, max: 4, application_name: 'baton-jobs' }), (err) =>
    report(err, 'jobs'),
  );
  // A dedicated client holds LISTENs: pooled connections come and go. If it is lost, a new
  // one listens on every channel again (notices sent in between are missed: the dispatcher
  // also polls, and clients resync when they reconnect).
  let listener: Promise<pg.Client> | null = null;
  let closing = false;
  let retry: NodeJS.Timeout | null = null;
  const handlers = new Map<string, Set<(payload: string) => void>>();
  const connectListener = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: url });
    client.on('error', (err) => report(err, 'listener'));
    client.on('notification', (msg) => {
      for (const handler of handlers.get(msg.channel) ?? []) handler(msg.payload ?? '');
    });
    await client.connect();
    client.on('end', () => {
      if (closing) return;
      listener = null;
      relisten(0);
    });
    for (const channel of handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    return client;
  };
  const ensureListener = (): Promise<pg.Client> => {
    listener ??= connectListener().catch((err) => {
      listener = null;
      throw err;
    });
    return listener;
  };
  const relisten = (attempt: number) => {
    if (closing || handlers.size === 0) return;
    retry = setTimeout(
      () => {
        retry = null;
        ensureListener().catch((err) => {
          report(err, 'listener');
          relisten(attempt + 1);
        });
      },
      RELISTEN_DELAYS_MS[Math.min(attempt, RELISTEN_DELAYS_MS.length - 1)],
    );
  };
  return {
    kind: 'postgres',
    db,
    jobExecutor: { executeSql: (text, values) => queryPatiently(jobPool, text, values) },
    listen: async (channel, onPayload) => {
      const client = await ensureListener();
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
      set.add(onPayload);
      return async () => {
        set.delete(onPayload);
      };
    },
    close: async () => {
      closing = true;
      if (retry) clearTimeout(retry);
      await (await listener?.catch(() => null))?.end();
      await db.destroy();
      await jobPool.end();
    },
  };
}
