import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { JobDefinition } from './definition.ts';

/**
 * Runs one job type on this node: fetches as many jobs as it has room for in one statement,
 * runs up to `perNode` at once (and `perKey` per key, e.g. per webhook subscriber, so one slow
 * receiver cannot take every slot), and sleeps between empty fetches until woken: by a notice
 * that a job was enqueued, by a finished job freeing room, or by the polling interval (for
 * delayed jobs and missed notices).
 */
export class JobWorker {
  private running = 0;
  private stopped = false;
  private woken = false;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> = Promise.resolve();
  private readonly active = new Set<Promise<void>>();
  private readonly perKey = new Map<string, number>();
  private readonly keyWaiters = new Map<string, (() => void)[]>();

  constructor(
    private readonly boss: PgBoss,
    private readonly def: JobDefinition<z.ZodType>,
    private readonly log: Logger,
    private readonly pollingMs: number,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  /** Something may be waiting: fetch now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Stops fetching and waits (up to `timeoutMs`) for the jobs already running. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(this.active), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
  }

  private get perNode(): number {
    return this.def.concurrency?.perNode ?? 1;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.woken = false;
      const room = this.perNode - this.running;
      if (room > 0) {
        // pg-boss's fetch answers [] when the database is unreachable: the next poll tries again.
        const jobs = await this.boss.fetch(this.def.name, { batchSize: room, includeMetadata: true }).catch((err: unknown) => {
          this.log.error({ err, job: this.def.name }, 'could not fetch jobs');
          return [];
        });
        for (const job of jobs) this.launch(job);
        // A full batch: more may be waiting, fetch again once there is room.
        if (jobs.length === room) continue;
      }
      if (this.woken || this.stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.pollingMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wakeUp = done;
      });
      this.wakeUp = null;
    }
  }

  private launch(job: PgBoss.JobWithMetadata<unknown>): void {
    this.running++;
    const run = this.execute(job).finally(() => {
      this.running--;
      this.active.delete(run);
      this.wake();
    });
    this.active.add(run);
  }

  private async execute(job: PgBoss.JobWithMetadata<unknown>): Promise<void> {
    const { name } = this.def;
    try {
      const parsed = this.def.schema.safeParse(job.data);
      if (!parsed.success) {
        // A payload no version of this job understands will never succeed: fail it for good.
        this.log.error({ job: name, id: job.id }, 'job payload does not match its schema');
        await this.boss.fail(name, job.id, { error: 'invalid payload' });
        return;
      }
      const key = this.def.concurrency?.key?.(parsed.data) ?? null;
      await this.withKey(key, () => this.def.handler(parsed.data, { id: job.id, attempt: job.retryCount + 1 }));
      await this.boss.complete(name, job.id);
    } catch (err) {
      // Failed jobs retry with the queue's backoff; if even recording that fails (the database
      // is away), the job's expiry puts it back in the queue later.
      await this.boss
        .fail(name, job.id, err as object)
        .catch((e: unknown) => this.log.error({ err: e, job: name, id: job.id }, 'could not record a failed job'));
    }
  }

  /** Runs `fn` once fewer than `perKey` jobs of the same key are running on this node. */
  private async withKey<T>(key: string | null, fn: () => Promise<T>): Promise<T> {
    const cap = this.def.concurrency?.perKey;
    if (key === null || !cap) return fn();
    while ((this.perKey.get(key) ?? 0) >= cap) {
      await new Promise<void>((resolve) => this.keyWaiters.set(key, [...(this.keyWaiters.get(key) ?? []), resolve]));
    }
    this.perKey.set(key, (this.perKey.get(key) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      const left = (this.perKey.get(key) ?? 1) - 1;
      if (left === 0) this.perKey.delete(key);
      else this.perKey.set(key, left);
      const waiters = this.keyWaiters.get(key);
      const next = waiters?.shift();
      if (waiters?.length === 0) this.keyWaiters.delete(key);
      next?.();
    }
  }
}
