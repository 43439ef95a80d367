import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';

// Postgres restarts and administrators end sessions: Baton's connections must survive that
// without an unhandled error (which ends a Node process) and keep receiving notices.
describe('losing database connections', () => {
  let tdb: TestDatabase;
  let database: Database;
  const reported: string[] = [];
  beforeAll(async () => {
    tdb = await openTestDatabase();
    database = await openDatabase({ url: tdb.url! }, { onConnectionError: (_err, connection) => reported.push(connection) });
  });
  afterAll(async () => {
    await database?.close();
    await tdb?.dispose();
  });

  /** Ends every session of this test's own database except the admin one. */
  async function terminateAll(): Promise<number> {
    const admin = new pg.Client({ connectionString: tdb.url! });
    await admin.connect();
    const { rows } = await admin.query(
      'select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    await admin.end();
    return rows.length;
  }

  async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('reports lost pooled and LISTEN connections, then queries and hears notices again', async () => {
    const heard: string[] = [];
    await database.listen('baton_test_loss', (payload) => heard.push(payload));
    // Fill the pool with idle connections, then end them all (and the LISTEN connection).
    await Promise.all(Array.from({ length: 4 }, () => sql`select pg_sleep(0.05)`.execute(database.db)));
    await sql`select pg_notify('baton_test_loss', 'before')`.execute(database.db);
    await until(() => heard.includes('before'));

    expect(await terminateAll()).toBeGreaterThanOrEqual(2);
    await until(() => reported.includes('pool') && reported.includes('listener'));

    // The pool drops each dead client as it learns of its end (a query that draws one first
    // fails: Postgres ended it) and opens new ones; the listener comes back by itself.
    await until(async () => {
      return sql<{ one: number }>`select 1 as one`.execute(database.db).then(
        (r) => r.rows[0].one === 1,
        () => false,
      );
    });
    await until(async () => {
      await sql`select pg_notify('baton_test_loss', 'after')`.execute(database.db).catch(() => undefined);
      return heard.includes('after');
    });
  });
});
