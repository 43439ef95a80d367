import PgBoss from 'pg-boss';
import { CompiledQuery } from 'kysely';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Database } from '../db/database.ts';
import { sqlState } from '../db/errors.ts';
import type { Executor } from '../db/repositories/executor.ts';
import { JOB_SCHEMA, JOBS_CHANNEL, listFailedJobs, type FailedJob } from '../db/repositories/jobs.ts';
import { notifyAfterCommit } from '../db/transaction.ts';
import { JobWorker } from './worker.ts';
import type { JobDefinition } from './definition.ts';

export { defineJob, type JobDefinition } from './definition.ts';

export interface EnqueueOptions {
  /** Enqueue inside this transaction: the job exists exactly when the change that asked for it commits. */
  tx?: Executor;
  startAfterSeconds?: number;
  /** At most one queued job with this key (e.g. one SLA timer per handoff). */
  singletonKey?: string;
}

/** Fetch again this often even without a notice: delayed jobs come due, a notice may be lost. */
const DEFAULT_POLLING_SECONDS = 2;

/**
 * Durable background work on pg-boss, stored in the same Postgres (embedded or real): jobs
 * survive restarts, retry with backoff, and each is fetched by one node only (SKIP LOCKED).
 * Enqueueing announces the job (NOTIFY, after its transaction commits), so idle workers on
 * every node fetch at once instead of at their next poll.
 */
export class JobQueue {
  private boss: PgBoss | null = null;
  private readonly definitions = new Map<string, JobDefinition<z.ZodType>>();
  private readonly workers = new Map<string, JobWorker>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
    private readonly opts: { pollingIntervalSeconds?: number } = {},
  ) {}

  register<S extends z.ZodType>(job: JobDefinition<S>): void {
    this.definitions.set(job.name, job as unknown as JobDefinition<z.ZodType>);
  }

  async start(opts: { work: boolean } = { work: true }): Promise<void> {
    const boss = new PgBoss({
      db: this.database.jobExecutor,
      schema: JOB_SCHEMA,
      // Maintenance (archiving, expiry) every minute; fine for both PGlite and Postgres.
      maintenanceIntervalSeconds: 60,
    } as PgBoss.ConstructorOptions);
    boss.on('error', (err) => this.log.error({ err }, 'job queue error'));
    await boss.start();
    this.boss = boss;
    for (const def of this.definitions.values()) {
      await createQueueOnce(boss, def);
      if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: 'UTC' });
    }
    if (!opts.work) return;
    const pollingMs = (this.opts.pollingIntervalSeconds ?? DEFAULT_POLLING_SECONDS) * 1000;
    for (const def of this.definitions.values()) this.workers.set(def.name, new JobWorker(boss, def, this.log, pollingMs));
    this.unlisten = await this.database.listen(JOBS_CHANNEL, (name) => this.workers.get(name)?.wake());
    for (const worker of this.workers.values()) worker.start();
  }

  async enqueue<S extends z.ZodType>(job: JobDefinition<S>, payload: z.infer<S>, opts: EnqueueOptions = {}): Promise<string | null> {
    if (!this.boss) throw new Error('job queue not started');
    const data = job.schema.parse(payload) as object;
    const options: PgBoss.SendOptions = {
      ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
      ...(opts.tx ? { db: kyselyExecutor(opts.tx) } : {}),
    };
    const id = await this.boss.send(job.name, data, options);
    // A delayed job is found by the poll when it comes due; announcing it now would wake nobody usefully.
    if (id && !opts.startAfterSeconds) await notifyAfterCommit(opts.tx ?? this.database.db, JOBS_CHANNEL, job.name);
    return id;
  }

  /** Jobs that used up their retries: the dead-letter list the admin shows. */
  failed(name: string, limit = 100): Promise<FailedJob[]> {
    return listFailedJobs(this.database.db, name, limit);
  }

  async retry(name: string, id: string): Promise<void> {
    await this.boss?.retry(name, id);
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = null;
    await Promise.all([...this.workers.values()].map((w) => w.stop(5000)));
    this.workers.clear();
    await this.boss?.stop({ graceful: true, wait: true, timeout: 5000 });
    this.boss = null;
  }
}

/** pg-boss runs its SQL through our transaction, so enqueueing commits or rolls back with it. */
function kyselyExecutor(tx: Executor): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const result = await tx.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as unknown[] };
    },
  } as PgBoss.Db;
}

/**
 * Creates a job's queue unless it exists. Nodes starting together race to create the same
 * queues and Postgres may pick one as a deadlock victim: that node looks again and retries.
 */
async function createQueueOnce(boss: PgBoss, def: JobDefinition<z.ZodType>): Promise<void> {
  const options = { name: def.name, retryLimit: def.retryLimit, retryDelay: def.retryDelaySeconds, retryBackoff: true };
  for (let attempt = 1; ; attempt++) {
    try {
      if (await boss.getQueue(def.name)) await boss.updateQueue(def.name, options);
      else await boss.createQueue(def.name, options);
      return;
    } catch (err) {
      const code = sqlState(err);
      // 40P01 deadlock, 23505 another node created it first.
      if (attempt >= 5 || (code !== '40P01' && code !== '23505')) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
    }
  }
}
