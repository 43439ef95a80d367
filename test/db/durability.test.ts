import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { walFlushed } from '../../src/db/durability.ts';

// The flush barrier behind "visible before durable" (decisions/0004): a commit that did not
// wait for the disk is on disk once walFlushed resolves.
describe('walFlushed', () => {
  let tdb: TestDatabase;

  beforeAll(async () => {
    tdb = await openTestDatabase();
    await sql`create table durability_probe (n int)`.execute(tdb.database.db);
  });
  afterAll(async () => tdb?.dispose());

  const lsns = async () =>
    (
      await sql<{ insert: string; flushed: boolean }>`select pg_current_wal_insert_lsn()::text as insert, false as flushed`.execute(
        tdb.database.db,
      )
    ).rows[0]!;
  const flushedPast = async (lsn: string) =>
    (await sql<{ ok: boolean }>`select pg_current_wal_flush_lsn() >= ${lsn}::pg_lsn as ok`.execute(tdb.database.db)).rows[0]!.ok;

  it('flushes the WAL past an asynchronous commit made before the call', async () => {
    await sql`insert into durability_probe select n from (select 1 as n, set_config('synchronous_commit', 'off', true)) s`.execute(
      tdb.database.db,
    );
    // Read after that commit returned: at or past the end of its commit record.
    const { insert } = await lsns();
    await walFlushed(tdb.database.db);
    expect(await flushedPast(insert)).toBe(true);
  });

  it('serves many callers at once, each after a flush that began after its call', async () => {
    const marks: string[] = [];
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        await sql`insert into durability_probe select n from (select ${i}::int as n, set_config('synchronous_commit', 'off', true)) s`.execute(
          tdb.database.db,
        );
        const { insert } = await lsns();
        await walFlushed(tdb.database.db);
        if (!(await flushedPast(insert))) marks.push(insert);
      }),
    );
    expect(marks).toEqual([]);
    expect(Number((await sql<{ c: string }>`select count(*) as c from durability_probe`.execute(tdb.database.db)).rows[0]!.c)).toBe(31);
  });
});
