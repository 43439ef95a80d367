import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { z } from 'zod';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { defineJob, JobQueue } from '../../src/jobs/queue.ts';

// Two nodes (two connections, two queues) on one Postgres: each job runs exactly once.
describe('job queue across nodes', () => {
  let tdb: TestDatabase;
  let second: Database;
  beforeAll(async () => {
    tdb = await openTestDatabase();
    second = await openDatabase({ url: tdb.url! });
  });
  afterAll(async () => {
    await second?.close();
    await tdb?.dispose();
  });

  it('runs each of 40 jobs once', async () => {
    const runs: { node: string; n: number }[] = [];
    const make = (node: string) =>
      defineJob({
        name: 'test.once.v1',
        schema: z.object({ n: z.number() }),
        retryLimit: 0,
        retryDelaySeconds: 1,
        handler: async ({ n }) => {
          runs.push({ node, n });
          await new Promise((r) => setTimeout(r, 20));
        },
      });
    const log = pino({ level: 'silent' });
    const a = new JobQueue(tdb.database, log, { pollingIntervalSeconds: 0.5 });
    const b = new JobQueue(second, log, { pollingIntervalSeconds: 0.5 });
    a.register(make('a'));
    b.register(make('b'));
    await a.start({ work: false });
    for (let n = 0; n < 40; n++) await a.enqueue(make('a'), { n });
    await a.stop();
    await Promise.all([a.start(), b.start()]);
    const until = Date.now() + 30_000;
    while (runs.length < 40 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500));
    await Promise.all([a.stop(), b.stop()]);
    expect(runs.map((r) => r.n).sort((x, y) => x - y)).toEqual([...Array(40).keys()]);
  });
});
