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
  if (to.getTime() - from.getTime() > MAX_DAYS * DAY)
    throw new AppError('invalid_request', `the range may span at most ${MAX_DAYS} days`, [
      { path: '/from', message: `at most ${MAX_DAYS} days` },
    ]);
  return { from, to };
}

export const BriefFeedbackBody = z.object({
  useful: z.boolean(),
  comment: z.string().trim().max(2000).optional(),
});

// Answers (docs/analytics.md says what each figure means).
const Stat = z.object({ count: z.number(), mean: z.number().nullable(), median: z.number().nullable(), p90: z.number().nullable() });
const Mean = z.object({ count: z.number(), mean: z.number().nullable() });
export const Metrics = z
  .object({
    conversations: z.number(),
    automated_resolutions: z.number(),
    automated_resolution_rate: z.number(),
    handed_off: z.number(),
    handoff_rate: z.number(),
    handoffs: z.number(),
    handoff_reasons: z.record(z.string(), z.number()).describe('Each handoff once, under its main reason: adds up to `handoffs`'),
    handoff_rate_by_reason: z.record(z.string(), z.number()),
    handoff_reasons_any: z.record(z.string(), z.number()).describe('Handoffs carrying each reason at all (a handoff may carry several)'),
    first_response_seconds: Stat,
    time_to_human_seconds: Stat,
    bot_handle_seconds: Stat,
    human_handle_seconds: Stat,
    csat: z.object({
      bot_only: Mean,
      handed_off: Mean,
      by_path: z.object({ bot: Mean, human: Mean, handed_off: Mean }).describe('The bot alone, people alone, the bot then a person'),
    }),
    reexplain: z.object({ audited: z.number(), reexplained: z.number(), rate: z.number() }),
    brief_feedback: z.object({ rated: z.number(), useful: z.number(), useful_rate: z.number() }),
  })
  .meta({ id: 'Metrics' });
export const AnalyticsOverview = z.object({
  from: z.string(),
  to: z.string(),
  bucket: z.enum(['day', 'week']),
  totals: Metrics,
  series: z.array(z.object({ period: z.string(), metrics: Metrics })),
});
export const KnowledgeGapsResponse = z.object({
  from: z.string(),
  to: z.string(),
  knowledge_gaps: z.array(
    z.object({
      topic: z.string(),
      intent_id: z.string().nullable(),
      handoffs: z.number(),
      mean_confidence: z.number().nullable(),
      examples: z.array(z.string()),
    }),
  ),
});
export const BriefFeedbackResponse = z.object({
  handoff_id: z.string(),
  useful: z.boolean(),
  comment: z.string().nullable(),
  rated_at: z.string(),
});
