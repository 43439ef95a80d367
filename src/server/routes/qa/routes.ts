import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agentActor, staffActor } from '../../plugins/auth.ts';
import { RUBRIC, RUBRIC_IDS, SCORE_MAX, SCORE_MIN, monthSeed, seededSample, toPercent } from '../../../quality/rubric.ts';
import { monthUnderReview, submitReview } from '../../../quality/reviews.ts';
import type { AppContext } from '../../context.ts';

const read = { access: { kind: 'staff' as const, role: 'viewer' as const } };
const write = { access: { kind: 'staff' as const, role: 'agent' as const } };
const tags = ['qa'];

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'use YYYY-MM');
const SampleQuery = z.object({ month: Month, n: z.coerce.number().int().min(1).max(500).default(20) });
const Score = z.number().int().min(SCORE_MIN).max(SCORE_MAX);
const ReviewBody = z.object({
  handoff_id: z.string().uuid(),
  scores: z.object(Object.fromEntries(RUBRIC_IDS.map((id) => [id, Score])) as Record<(typeof RUBRIC_IDS)[number], typeof Score>).strict(),
  comment: z.string().trim().max(4000).optional(),
});

const Rubric = z.object({
  scale: z.object({ min: z.number(), max: z.number() }),
  items: z.array(z.object({ id: z.string(), title: z.string(), description: z.string(), counts_for_brief_score: z.boolean() })),
});
const Sample = z.object({
  month: z.string(),
  population: z.number().describe('Handoffs requested in the month'),
  n: z.number(),
  seed: z.number(),
  items: z.array(
    z.object({
      handoff_id: z.string(),
      conversation_id: z.string(),
      requested_at: z.string(),
      reasons: z.array(z.string()),
      team_id: z.string().nullable(),
      intent: z.string().nullable(),
      summary: z.string().nullable(),
      brief_useful: z.boolean().nullable(),
      reviews: z.number(),
      reviewed_by_me: z.boolean(),
    }),
  ),
});
const Review = z.object({
  id: z.string(),
  handoff_id: z.string(),
  month: z.string(),
  scores: z.record(z.string(), z.number()),
  comment: z.string().nullable(),
  reviewer_id: z.string(),
});
const Report = z.object({
  month: z.string(),
  handoffs: z.number(),
  reviews: z.number(),
  handoffs_reviewed: z.number(),
  brief_quality_score: z.number().nullable().describe('0-100'),
  overall_score: z.number().nullable().describe('0-100'),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      mean: z.number().nullable(),
      score: z.number().nullable(),
      counts_for_brief_score: z.boolean(),
    }),
  ),
  agent_ratings: z.object({ rated: z.number(), useful: z.number(), useful_rate: z.number().nullable() }),
});

const mean = (xs: number[]) => (xs.length ? Number((xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2)) : null);

// Monthly QA of handoffs: a deterministic random sample per month, a rubric, reviews, a report.
export function qaRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/qa/rubric',
    { schema: { tags, operationId: 'getQaRubric', summary: 'The QA rubric: items scored 1..5', response: { 200: Rubric } }, config: read },
    async () => ({
      scale: { min: SCORE_MIN, max: SCORE_MAX },
      items: RUBRIC.map(({ id, title, description, brief }) => ({ id, title, description, counts_for_brief_score: brief })),
    }),
  );

  r.get(
    '/api/v1/qa/sample',
    {
      schema: {
        tags,
        summary: 'N handoffs of a month drawn at random for review (the same month always draws the same ones)',
        querystring: SampleQuery,
        operationId: 'getQaSample',
        response: { 200: Sample },
      },
      config: read,
    },
    async (request) => {
      const actor = staffActor(request);
      const { month, n } = request.query;
      const { handoffs: population, reviews } = await monthUnderReview(ctx.db, actor.workspaceId, month);
      const seed = monthSeed(actor.workspaceId, month);
      const picked = seededSample(population, n, seed);
      return {
        month,
        population: population.length,
        n: picked.length,
        seed,
        items: picked.map((h) => {
          const brief = h.brief as { summary?: unknown; intent?: { title?: unknown } | null };
          const mine = reviews.filter((rv) => rv.handoff_id === h.id);
          return {
            handoff_id: h.id,
            conversation_id: h.conversation_id,
            requested_at: h.requested_at.toISOString(),
            reasons: h.reasons,
            team_id: h.team_id,
            intent: typeof brief.intent?.title === 'string' ? brief.intent.title : null,
            summary: typeof brief.summary === 'string' ? brief.summary : null,
            brief_useful: h.brief_useful,
            reviews: mine.length,
            reviewed_by_me: actor.type === 'agent' && mine.some((rv) => rv.reviewer_id === actor.id),
          };
        }),
      };
    },
  );

  r.post(
    '/api/v1/qa/reviews',
    {
      schema: {
        tags,
        operationId: 'submitQaReview',
        summary: 'Score a handoff on every rubric item (again: replaces your earlier review)',
        body: ReviewBody,
        response: { 200: Review },
      },
      config: write,
    },
    async (request) => {
      const actor = agentActor(request);
      const row = await submitReview(ctx.db, actor, {
        handoffId: request.body.handoff_id,
        scores: request.body.scores,
        comment: request.body.comment || null,
      });
      return {
        id: row.id,
        handoff_id: row.handoff_id,
        month: row.month,
        scores: row.scores,
        comment: row.comment,
        reviewer_id: row.reviewer_id,
      };
    },
  );

  r.get(
    '/api/v1/qa/report',
    {
      schema: {
        tags,
        summary: "A month's brief-quality score from QA reviews, per rubric item, with agents' one-click ratings",
        querystring: z.object({ month: Month }),
        operationId: 'getQaReport',
        response: { 200: Report },
      },
      config: read,
    },
    async (request) => {
      const actor = staffActor(request);
      const { month } = request.query;
      const { handoffs, reviews } = await monthUnderReview(ctx.db, actor.workspaceId, month);
      const items = RUBRIC.map((item) => {
        const m = mean(reviews.map((rv) => rv.scores[item.id]).filter((x): x is number => typeof x === 'number'));
        return { id: item.id, title: item.title, mean: m, score: m === null ? null : toPercent(m), counts_for_brief_score: item.brief };
      });
      const briefMeans = reviews.map((rv) => mean(RUBRIC.filter((i) => i.brief).map((i) => rv.scores[i.id]!)) ?? 0);
      const overallMeans = reviews.map((rv) => mean(RUBRIC.map((i) => rv.scores[i.id]!)) ?? 0);
      const briefMean = mean(briefMeans);
      const overallMean = mean(overallMeans);
      const rated = handoffs.filter((h) => h.brief_useful !== null);
      const useful = rated.filter((h) => h.brief_useful).length;
      return {
        month,
        handoffs: handoffs.length,
        reviews: reviews.length,
        handoffs_reviewed: new Set(reviews.map((rv) => rv.handoff_id)).size,
        brief_quality_score: briefMean === null ? null : toPercent(briefMean),
        overall_score: overallMean === null ? null : toPercent(overallMean),
        items,
        agent_ratings: { rated: rated.length, useful, useful_rate: rated.length ? Number((useful / rated.length).toFixed(4)) : null },
      };
    },
  );
}
