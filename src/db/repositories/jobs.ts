import { sql } from 'kysely';
import type { Executor } from './executor.ts';

/** The schema pg-boss keeps its tables in. */
export const JOB_SCHEMA = 'baton_jobs';

/** The channel a node hears "a job was enqueued" on (the payload is the job's name). */
export const JOBS_CHANNEL = 'baton_jobs';

export interface FailedJob {
  id: string;
  data: unknown;
  output: unknown;
  completed_on: Date | null;
}

/** Jobs of one name that used up their retries, newest first (the dead-letter list). */
export async function listFailedJobs(db: Executor, name: string, limit: number): Promise<FailedJob[]> {
  const { rows } = await sql<FailedJob>`
    select id, data, output, completed_on from ${sql.table(`${JOB_SCHEMA}.job`)}
    where name = ${name} and state = 'failed' order by completed_on desc limit ${limit}`.execute(db);
  return rows;
}
