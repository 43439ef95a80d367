import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { z } from 'zod';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { defineJob, JobQueue } from '../../src/jobs/queue.ts';

const log = pino({ level: 'silent' });

async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('job queue (pg-boss on the same database)', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await openTestDatabase();
  });
  afterAll(async () => tdb?.dispose());

  it('enqueues with the transaction: a rollback leaves no job, a commit runs it', async () => {
    const seen: string[] = [];
    const job = defineJob({
      name: 'test.echo.v1',
      schema: z.object({ word: z.string() }),
      retryLimit: 0,
      retryDelaySeconds: 1,
      handler: async ({ word }) => void seen.push(word),
    });
    const queue = new JobQueue(tdb.database, log, { pollingIntervalSeconds: 0.5 });
    queue.register(job);
    await queue.start();
    await expect(
      tdb.database.db.transaction().execute(async (tx) => {
        await queue.enqueue(job, { word: 'rolled-back' }, { tx });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await tdb.database.db.transaction().execute(async (tx) => {
      await queue.enqueue(job, { word: 'committed' }, { tx });
    });
    await waitFor(() => seen.includes('committed'));
    await new Promise((r) => setTimeout(r, 1000));
    expect(seen).toEqual(['committed']);
    await queue.stop();
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const attempts: number[] = [];
    const job = defineJob({
      name: 'test.flaky.v1',
      schema: z.object({}),
      retryLimit: 3,
      retryDelaySeconds: 1,
      handler: async (_p, meta) => {
        attempts.push(meta.attempt);
        if (meta.attempt < 2) throw new Error('transient');
      },
    });
    const queue = new JobQueue(tdb.database, log, { pollingIntervalSeconds: 0.5 });
    queue.register(job);
    await queue.start();
    await queue.enqueue(job, {});
    await waitFor(() => attempts.length >= 2);
    expect(attempts).toEqual([1, 2]);
    await queue.stop();
  });

  it('keeps jobs across a restart of the queue', async () => {
    const seen: number[] = [];
    const job = defineJob({
      name: 'test.durable.v1',
      schema: z.object({ n: z.number() }),
      retryLimit: 0,
      retryDelaySeconds: 1,
      handler: async ({ n }) => void seen.push(n),
    });
    const producer = new JobQueue(tdb.database, log);
    producer.register(job);
    await producer.start({ work: false });
    for (const n of [1, 2, 3]) await producer.enqueue(job, { n });
    await producer.stop();
    expect(seen).toEqual([]);

    const consumer = new JobQueue(tdb.database, log, { pollingIntervalSeconds: 0.5 });
    consumer.register(job);
    await consumer.start();
    await waitFor(() => seen.length === 3);
    expect(seen.sort()).toEqual([1, 2, 3]);
    await consumer.stop();
  });

  it('refuses a payload that does not match the schema at enqueue', async () => {
    const job = defineJob({
      name: 'test.strict.v1',
      schema: z.object({ n: z.number() }),
      retryLimit: 0,
      retryDelaySeconds: 1,
      handler: async () => {},
    });
    const queue = new JobQueue(tdb.database, log);
    queue.register(job);
    await queue.start({ work: false });
    await expect(queue.enqueue(job, { n: 'x' } as never)).rejects.toThrow();
    await queue.stop();
  });

  it('wakes on enqueue instead of waiting for the poll, and runs a backlog several at once, capped per key', async () => {
    let running = 0;
    let most = 0;
    const perKey = new Map<string, number>();
    let mostPerKey = 0;
    const done: number[] = [];
    const job = defineJob({
      name: 'test.parallel.v1',
      schema: z.object({ n: z.number(), vendor: z.string() }),
      retryLimit: 0,
      retryDelaySeconds: 1,
      concurrency: { perNode: 6, perKey: 2, key: (p) => p.vendor },
      handler: async ({ n, vendor }) => {
        running++;
        perKey.set(vendor, (perKey.get(vendor) ?? 0) + 1);
        most = Math.max(most, running);
        mostPerKey = Math.max(mostPerKey, perKey.get(vendor)!);
        await new Promise((r) => setTimeout(r, 150));
        perKey.set(vendor, perKey.get(vendor)! - 1);
        running--;
        done.push(n);
      },
    });
    // A poll this slow would leave every job below waiting: only the wake-up can run them in time.
    const queue = new JobQueue(tdb.database, log, { pollingIntervalSeconds: 60 });
    queue.register(job);
    await queue.start();
    await new Promise((r) => setTimeout(r, 500));
    const first = Date.now();
    await queue.enqueue(job, { n: 0, vendor: 'a' });
    await waitFor(() => done.length === 1, 10_000);
    expect(Date.now() - first).toBeLessThan(5_000);

    for (let n = 1; n <= 30; n++) await queue.enqueue(job, { n, vendor: ['a', 'b', 'c', 'd'][n % 4]! });
    const started = Date.now();
    await waitFor(() => done.length === 31, 15_000);
    // One at a time would take 30 x 150 ms = 4.5 s; six at once well under half that.
    expect(most).toBe(6);
    expect(mostPerKey).toBe(2);
    expect(Date.now() - started).toBeLessThan(4_500);
    await queue.stop();
  });
});
