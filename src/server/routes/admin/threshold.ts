import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffActor } from '../../plugins/auth.ts';
import { getPolicy } from '../../../workspaces/admin-policy.ts';
import { checkThreshold, MAX_CHECK_TICKETS, ticketsFrom } from '../../../quality/threshold-check.ts';
import type { AppContext } from '../../context.ts';
import { adminAccess, tags } from './common.ts';

/** Bytes: two thousand tickets of a few turns each. */
const CHECK_BODY_LIMIT = 8 * 1024 * 1024;

const CheckBody = z
  .object({
    tickets: z
      .string()
      .min(1)
      .max(CHECK_BODY_LIMIT)
      .describe(
        `Labelled tickets as JSON Lines, one ticket a line, as \`baton eval\` reads them (docs/eval.md); at most ${MAX_CHECK_TICKETS}`,
      ),
    target_precision: z
      .number()
      .min(0.5)
      .max(1)
      .default(0.95)
      .describe('The answered precision to reach: the share of answers that cite an article the ticket accepts'),
  })
  .strict();

const Point = z.object({
  threshold: z.number(),
  coverage: z.number().describe('Share of tickets expecting an answer that the bot answers'),
  resolution_rate: z.number().describe('Share of tickets expecting an answer that get the right article'),
  answered_precision: z.number().describe('Share of answers that are right'),
  handoff_recall: z.number().describe('Share of tickets expecting a handoff that are handed off'),
});
const Figures = Point.extend({ answered: z.number().int().describe('Tickets the bot answers at this threshold') });
const CheckResponse = z
  .object({
    tickets: z.number().int(),
    answer_expected: z.number().int(),
    handoff_expected: z.number().int(),
    target_precision: z.number(),
    current: Figures.extend({
      source: z.enum(['policy', 'default']).describe("policy: the workspace's own threshold; default: the engine's"),
    }).describe('At the threshold in force now'),
    suggested: Figures.nullable().describe(
      'At the lowest threshold that reaches the target precision on these tickets; null when none does',
    ),
    curve: z.array(Point).describe('At every threshold from 0 to 1 in steps of 0.025'),
  })
  .meta({ id: 'ThresholdCheck', description: "The workspace's tickets played through its bot, read at every threshold" });

// The threshold read off the workspace's own tickets: nothing is changed (the policy sets it).
export function thresholdRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/admin/threshold-check',
    {
      bodyLimit: Math.max(CHECK_BODY_LIMIT + 1024, ctx.env.BODY_LIMIT),
      schema: {
        tags,
        operationId: 'checkThreshold',
        summary: "Play labelled tickets through the workspace's bot and read the confidence threshold off them",
        description:
          "Each ticket runs through the workspace's live engine (its knowledge as it is now) as customer traffic does, and the run is read at every threshold: the figures at the threshold in force and at the lowest one that reaches `target_precision`. Nothing is stored; to use the suggested threshold, set `confidenceThreshold` in the policy (PUT /api/v1/admin/policy). A bad line: 400 with every bad line in `error.details` as `{line, message}`, and nothing is run.",
        body: CheckBody,
        response: { 200: CheckResponse },
      },
      config: adminAccess,
    },
    async (request) => {
      const { workspaceId } = staffActor(request);
      const tickets = ticketsFrom(request.body.tickets);
      const policy = await getPolicy(ctx.db, workspaceId);
      return checkThreshold(ctx.bot, workspaceId, tickets, {
        targetPrecision: request.body.target_precision,
        policyThreshold: policy.confidenceThreshold,
      });
    },
  );
}
