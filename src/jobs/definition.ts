import type { z } from 'zod';

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
  /**
   * How many run at once on each node (default 1), and at most `perKey` of those with the same
   * `key` (e.g. one webhook subscriber, one helpdesk), so one slow vendor cannot hold every slot.
   */
  concurrency?: { perNode: number; perKey?: number; key?: (payload: z.infer<S>) => string | null };
  handler: (payload: z.infer<S>, meta: { id: string; attempt: number }) => Promise<void>;
}

export const defineJob = <S extends z.ZodType>(job: JobDefinition<S>): JobDefinition<S> => job;
