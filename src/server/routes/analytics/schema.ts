import { z } from 'zod';
import { AppError } from '../../../errors.ts';

const DateOrTime = z
  .string()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(s) && !Number.isNaN(new Date(s).getTime()), 'use YYYY-MM-DD or an ISO 8601 time');

export const AnalyticsQuery = z.object({
  /** Start, inclusive (a date is its midnight UTC). Default: 30 days before `to`. */
  from: DateOrTime.optional(),
  /** End: a date is inclusive (through its last second, UTC), a time exclusive. Default: today. */
  to: DateOrTime.optional(),
  bucket: z.enum(['day', 'week']).default('day'),
  team_id: z.string().uuid().optional(),
  intent: z.string().trim().min(1).max(200).optional(),
  language: z.string().trim().min(2).max(10).optional(),
  include_imported: z.enum(['true', 'false']).default('false'),
});
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;

const MAX_DAYS = 400;
const DAY = 86_400_000;

/** The query's [from, to) in UTC, checked. */
export function rangeOf(q: AnalyticsQuery, now = new Date()): { from: Date; to: Date } {
  const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const to = q.to ? (isDate(q.to) ? new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY) : new Date(q.to)) : new Date(today + DAY);
  const from = q.from ? (isDate(q.from) ? new Date(`${q.from}T00:00:00Z`) : new Date(q.from)) : new Date(to.getTime() - 30 * DAY);
  if (from >= to) throw new AppError('invalid_request', 'from: must be before to', [{ path: '/from', message: 'must be before to' }]);
  if (to.getTime() - from.getTime() > MAX_DAYS * DAY) throw new AppError('invalid_request', `the range may span at most ${MAX_DAYS} days`, [{ path: '/from', message: `at most ${MAX_DAYS} days` }]);
  return { from, to };
}

export const BriefFeedbackBody = z.object({
  useful: z.boolean(),
  comment: z.string().trim().max(2000).optional(),
});
