import PgBoss from 'pg-boss';
import { CompiledQuery, sql } from 'kysely';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Database } from '../db/database.ts';
import { sqlState } from '../db/errors.ts';
import type { Executor } from '../db/repositories/executor.ts';

/**
 * A typed, versioned background job: its name carries the version, its payload a zod schema,
 * so a payload written by an older node is either understood or refused, never guessed at.
 */
export interface JobDefinition<S extends z.ZodType> {
  name: string;
  schema: S;
  /** Attempts after the first, with exponential backoff from retryDelaySeconds. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** Run on this cron schedule (UTC), by one node at a time: pg-boss `schedule`. */
  cron?: string;
  handler: (payload: z.infer<S>, meta: { id: string; attempt: number }) => Promise<void>;
}

export const defineJob = <S extends z.ZodType>(job: JobDefinition<S>): JobDefinition<S> => job;

export interface EnqueueOptions {
  /** Enqueue inside this transaction: the job exists exactly when the change that asked for it commits. */
  tx?: Executor;
  startAfterSeconds?: number;
  /** At most one queued job with this key (e.g. one SLA timer per handoff). */
  singletonKey?: string;
}

const SCHEMA = 'baton_jobs';

/**
 * Durable background work on pg-boss, stored in the same Postgres (embedded or real): jobs
 * survive restarts, retry with backoff, and each is fetched by one node only (SKIP LOCKED).
 */
export class JobQueue {
  private boss: PgBoss | null = null;
  private readonly definitions = new Map<string, JobDefinition<z.ZodType>>();

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
      schema: SCHEMA,
      // Maintenance (archiving, expiry) every minute; fine for both PGlite and Postgres.
      maintenanceIntervalSeconds: 60,
    } as PgBoss.ConstructorOptions);
    boss.on('error', (err) => this.log.error({ err }, 'job queue error'));
    await boss.start();
    this.boss = boss;
    for (const def of this.definitions.values()) {
      await createQueueOnce(boss, def);
      if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: 'UTC' });
      if (opts.work) await this.work(boss, def);
    }
  }

  private async work(boss: PgBoss, def: JobDefinition<z.ZodType>): Promise<void> {
    await boss.work(
      def.name,
      { batchSize: 1, pollingIntervalSeconds: this.opts.pollingIntervalSeconds ?? 1, includeMetadata: true },
      async ([job]: PgBoss.JobWithMetadata<unknown>[]) => {
        if (!job) return;
        const parsed = def.schema.safeParse(job.data);
        if (!parsed.success) {
          // A payload no version of this job understands will never succeed: fail it for good.
          this.log.error({ job: def.name, id: job.id }, 'job payload does not match its schema');
          await boss.fail(def.name, job.id, { error: 'invalid payload' });
          return;
        }
        await def.handler(parsed.data, { id: job.id, attempt: job.retryCount + 1 });
      },
    );
  }

  async enqueue<S extends z.ZodType>(job: JobDefinition<S>, payload: z.infer<S>, opts: EnqueueOptions = {}): Promise<string | null> {
    if (!this.boss) throw new Error('job queue not started');
    const data = job.schema.parse(payload) as object;
    const options: PgBoss.SendOptions = {
      ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
      ...(opts.tx ? { db: kyselyExecutor(opts.tx) } : {}),
    };
    return this.boss.send(job.name, data, options);
  }

  /** Jobs that used up their retries: the dead-letter list the admin shows. */
  async failed(name: string, limit = 100): Promise<{ id: string; data: unknown; output: unknown; completed_on: Date | null }[]> {
    const { rows } = await sql<{ id: string; data: unknown; output: unknown; completed_on: Date | null }>`
      select id, data, output, completed_on from ${sql.table(`${SCHEMA}.job`)}
      where name = ${name} and state = 'failed' order by completed_on desc limit ${limit}`.execute(this.database.db);
    return rows;
  }

  async retry(name: string, id: string): Promise<void> {
    await this.boss?.retry(name, id);
  }

  async stop(): Promise<void> {
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
