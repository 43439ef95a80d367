import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { notifyAfterCommit, transaction } from '../../src/db/transaction.ts';

const CHANNEL = 'baton_test_announce';

// Announcements (db/transaction.ts): made after commit, never for a rollback, batched while
// one is in flight, and none lost or doubled when many transactions commit at once.
describe('announcements after commit', () => {
  let tdb: TestDatabase;
  const heard: string[] = [];
  let unlisten: () => Promise<void>;

  beforeAll(async () => {
    tdb = await openTestDatabase();
    unlisten = await tdb.database.listen(CHANNEL, (payload) => heard.push(payload));
  });
  afterAll(async () => {
    await unlisten?.();
    await tdb?.dispose();
  });

  const until = async (check: () => boolean) => {
    const end = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > end) throw new Error(`not heard in time: ${JSON.stringify(heard)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('announces each committed transaction once, even when many commit at once', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `many-${i}`);
    await Promise.all(names.map((name) => transaction(tdb.database.db, (tx) => notifyAfterCommit(tx, CHANNEL, name))));
    await until(() => names.every((n) => heard.includes(n)));
    expect(heard.filter((h) => h.startsWith('many-')).sort()).toEqual([...names].sort());
  });

  it('never announces a transaction that rolled back', async () => {
    await expect(
      transaction(tdb.database.db, async (tx) => {
        await notifyAfterCommit(tx, CHANNEL, 'rolled-back');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await transaction(tdb.database.db, (tx) => notifyAfterCommit(tx, CHANNEL, 'after-rollback'));
    await until(() => heard.includes('after-rollback'));
    expect(heard).not.toContain('rolled-back');
  });

  it('announces at once outside a transaction, and at commit inside one it did not open', async () => {
    await notifyAfterCommit(tdb.database.db, CHANNEL, 'alone');
    await until(() => heard.includes('alone'));
    await tdb.database.db.transaction().execute(async (tx) => {
      await notifyAfterCommit(tx, CHANNEL, 'foreign');
      await new Promise((r) => setTimeout(r, 100));
      expect(heard).not.toContain('foreign');
    });
    await until(() => heard.includes('foreign'));
  });
});
