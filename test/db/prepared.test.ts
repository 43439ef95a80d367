import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { PREPARED } from '../../src/db/prepared.ts';

// The hot statements marked PREPARED (db/prepared.ts): planned once per connection on Postgres,
// still right after another node changes the columns they return, and plain SQL on PGlite.
describe('prepared statements', () => {
  let tdb: TestDatabase;

  beforeAll(async () => {
    tdb = await openTestDatabase();
    await sql`create table prepared_probe (n int)`.execute(tdb.database.db);
    await sql`insert into prepared_probe values (1), (2)`.execute(tdb.database.db);
  });
  afterAll(async () => tdb?.dispose());

  const probe = (n: number) => sql<Record<string, unknown>>`${PREPARED}select * from prepared_probe where n = ${n}`;

  it('runs a marked statement as a named one on Postgres, and as given on PGlite', async () => {
    // One transaction holds one connection: the statement and the catalogue read see the same session.
    const { rows, prepared } = await tdb.database.db.transaction().execute(async (tx) => ({
      rows: (await probe(2).execute(tx)).rows,
      prepared: (
        await sql<{
          n: number;
        }>`select count(*)::int as n from pg_prepared_statements where statement like '/* baton:prepared */%'`.execute(tx)
      ).rows[0]!.n,
    }));
    expect(rows).toEqual([{ n: 2 }]);
    expect(prepared).toBe(tdb.database.kind === 'postgres' ? 1 : 0);
  });

  it('prepares again when the table it returns gained a column since (a migration on another node)', async () => {
    const db = tdb.database.db;
    // Statements one after another reuse the pool's last connection, where the statement is prepared.
    expect((await probe(1).execute(db)).rows).toEqual([{ n: 1 }]);
    await sql`alter table prepared_probe add column note text default 'new'`.execute(db);
    expect((await probe(1).execute(db)).rows).toEqual([{ n: 1, note: 'new' }]);
    expect((await probe(2).execute(db)).rows).toEqual([{ n: 2, note: 'new' }]);
  });
});
