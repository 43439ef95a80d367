import {
  CompiledQuery,
  PostgresDialect,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type PostgresPoolClient,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';
import { isConnectionLost } from './errors.ts';
import { preparedConfig, queryPrepared } from './prepared.ts';

// Surviving a Postgres restart (or an administrator ending sessions): no connection error may
// go unheard (an 'error' event without a listener ends the process), opening a connection waits
// out the restart, and a read that found its pooled connection dead runs once more on a new one.

export type ConnectionReport = (err: Error) => void;

/** How long opening a connection keeps trying while Postgres is down or starting up. */
const CONNECT_PATIENCE_MS = 15_000;
const CONNECT_DELAYS_MS = [50, 100, 250, 500, 1000];

/**
 * Every error a pool or its clients raise goes to `report`. pg-pool listens on idle clients
 * only: a client that is checked out but between statements (inside a transaction, or just
 * released by its query) would otherwise raise its error to nobody.
 */
export function hearPoolErrors(pool: pg.Pool, report: ConnectionReport): pg.Pool {
  pool.on('connect', (client) => client.on('error', report));
  // An idle client's error reaches the pool too: already reported by the line above.
  pool.on('error', () => {});
  return pool;
}

/**
 * A client from the pool, retrying while the server refuses connections (restarting, starting
 * up, shutting down). Safe for every statement: nothing has been sent yet.
 */
export async function connectPatiently(pool: pg.Pool, patienceMs = CONNECT_PATIENCE_MS): Promise<pg.PoolClient> {
  const giveUpAt = Date.now() + patienceMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await pool.connect();
    } catch (err) {
      if (!isConnectionLost(err) || Date.now() >= giveUpAt) throw err;
      await sleep(CONNECT_DELAYS_MS[Math.min(attempt, CONNECT_DELAYS_MS.length - 1)]!);
    }
  }
}

/** Runs one statement on a patiently opened client; pg-boss's `db` executor on Postgres. */
export async function queryPatiently(pool: pg.Pool, text: string, values?: unknown[]): Promise<{ rows: any[] }> {
  const client = await connectPatiently(pool);
  try {
    const result = await client.query(text, values);
    client.release();
    return result;
  } catch (err) {
    // A failed client leaves the pool rather than serving the next caller.
    client.release(isConnectionLost(err) ? (err as Error) : undefined);
    throw err;
  }
}

/** Kysely over `pool`, opening connections patiently and retrying reads that lost theirs. */
export function resilientPostgresDialect(pool: pg.Pool): Dialect {
  const inner = new PostgresDialect({ pool: { connect: async () => dropWhenLost(await connectPatiently(pool)), end: () => pool.end() } });
  return {
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createDriver: () => new RetryReadsDriver(inner.createDriver()),
  };
}

/**
 * The client as Kysely sees it: one whose connection was lost goes back to the pool with the
 * error, so the pool destroys it instead of lending it out again. Statements marked
 * `PREPARED` run as named statements (db/prepared.ts).
 */
function dropWhenLost(client: pg.PoolClient): PostgresPoolClient {
  let lost: Error | undefined;
  const query = (...args: unknown[]) => {
    const prepared = preparedConfig(args[0], args[1]);
    const result = prepared ? queryPrepared(client, prepared) : (client.query as (...a: unknown[]) => unknown)(...args);
    if (!(result instanceof Promise)) return result; // a cursor
    return result.catch((err: unknown) => {
      if (isConnectionLost(err)) lost = err as Error;
      throw err;
    });
  };
  return { query, release: () => client.release(lost) } as PostgresPoolClient;
}

/**
 * A connection that may be swapped for a fresh one. Only a SELECT outside a transaction is
 * retried: a write whose connection died may have committed, and a transaction's earlier
 * statements died with its connection.
 */
/** How long a read that lost its connection keeps trying (about a restart's length). */
const READ_RETRY_MS = 15_000;

class RetryingConnection implements DatabaseConnection {
  inTransaction = false;
  constructor(
    public current: DatabaseConnection,
    private readonly driver: Driver,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // A restart can end the fresh connection too (taken just before the server went down): a
    // read keeps taking fresh connections, each acquired patiently, for as long as a restart takes.
    let giveUpAt = 0;
    for (;;) {
      try {
        return await this.current.executeQuery<R>(query);
      } catch (err) {
        if (this.inTransaction || query.query.kind !== 'SelectQueryNode' || !isConnectionLost(err)) throw err;
        giveUpAt ||= Date.now() + READ_RETRY_MS;
        if (Date.now() >= giveUpAt) throw err;
        await this.replace();
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.current.streamQuery<R>(query, chunkSize);
  }

  /** Gives back the dead connection (the pool drops it: it is no longer queryable) and takes a new one. */
  async replace(): Promise<void> {
    await this.driver.releaseConnection(this.current);
    this.current = await this.driver.acquireConnection();
  }
}

class RetryReadsDriver implements Driver {
  constructor(private readonly inner: Driver) {}
  init = () => this.inner.init();
  destroy = () => this.inner.destroy();
  acquireConnection = async () => new RetryingConnection(await this.inner.acquireConnection(), this.inner);
  releaseConnection = (c: DatabaseConnection) => this.inner.releaseConnection(own(c).current);

  async beginTransaction(c: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const conn = own(c);
    try {
      await this.inner.beginTransaction(conn.current, settings);
    } catch (err) {
      // Nothing ran yet: BEGIN on a dead pooled connection may start again on a new one.
      if (!isConnectionLost(err)) throw err;
      await conn.replace();
      await this.inner.beginTransaction(conn.current, settings);
    }
    conn.inTransaction = true;
  }

  async commitTransaction(c: DatabaseConnection): Promise<void> {
    own(c).inTransaction = false;
    await this.inner.commitTransaction(own(c).current);
  }

  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    own(c).inTransaction = false;
    await this.inner.rollbackTransaction(own(c).current);
  }

  savepoint: Driver['savepoint'] = (c, name, compile) => this.inner.savepoint!(own(c).current, name, compile);
  rollbackToSavepoint: Driver['rollbackToSavepoint'] = (c, name, compile) => this.inner.rollbackToSavepoint!(own(c).current, name, compile);
  releaseSavepoint: Driver['releaseSavepoint'] = (c, name, compile) => this.inner.releaseSavepoint!(own(c).current, name, compile);
}

const own = (c: DatabaseConnection) => c as RetryingConnection;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
