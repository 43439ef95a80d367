import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { Mutex } from './mutex.ts';
import { lockFolder } from './folder-lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';
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
  /** What the job queue runs its SQL through, or a connection string for its own pool. */
  readonly jobConnection: { executor: SqlExecutor } | { connectionString: string };
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return 'url' in config ? openPostgres(config.url) : openPGlite(config.dataDir);
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
    jobConnection: { executor },
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

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  // A dedicated client holds LISTENs: pooled connections come and go.
  let listener: pg.Client | null = null;
  const handlers = new Map<string, Set<(payload: string) => void>>();
  const ensureListener = async (): Promise<pg.Client> => {
    if (listener) return listener;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    client.on('notification', (msg) => {
      for (const handler of handlers.get(msg.channel) ?? []) handler(msg.payload ?? '');
    });
    listener = client;
    return client;
  };
  return {
    kind: 'postgres',
    db,
    jobConnection: { connectionString: url },
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
      await listener?.end();
      await db.destroy();
    },
  };
}
