import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { agentActor, staffActor } from '../../plugins/auth.ts';
import { rateBrief } from '../../../analytics/brief-feedback.ts';
import { analyticsReport, reportCsv } from '../../../analytics/service.ts';
import { IdParams } from '../schemas.ts';
import { AnalyticsOverview, AnalyticsQuery, BriefFeedbackBody, BriefFeedbackResponse, KnowledgeGapsResponse, rangeOf } from './schema.ts';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';

const read = { access: { kind: 'staff' as const, role: 'viewer' as const } };
const write = { access: { kind: 'staff' as const, role: 'agent' as const } };
const tags = ['analytics'];

// Live analytics (docs/analytics.md): computed on request from conversations, messages and handoffs.
export function analyticsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const report = (workspaceId: string, q: AnalyticsQuery) => {
    const { from, to } = rangeOf(q);
    return analyticsReport(
      ctx.db,
      { workspaceId, from, to, teamId: q.team_id, intent: q.intent, language: q.language, includeImported: q.include_imported === 'true' },
      q.bucket,
    );
  };

  r.get(
    '/api/v1/analytics/overview',
    {
      schema: {
        tags,
        operationId: 'getAnalyticsOverview',
        summary: 'Resolution, handoffs, response and handle times, CSAT by path, re-explain rate, brief ratings: totals and per day/week',
        querystring: AnalyticsQuery,
        response: { 200: AnalyticsOverview },
      },
      config: read,
    },
    async (request) => {
      const { knowledge_gaps: _gaps, ...rest } = await report(staffActor(request).workspaceId, request.query);
      return rest;
    },
  );

  r.get(
    '/api/v1/analytics/knowledge-gaps',
    {
      schema: {
        tags,
        operationId: 'getKnowledgeGaps',
        summary: 'Topics that keep escalating for low confidence, with example questions',
        querystring: AnalyticsQuery,
        response: { 200: KnowledgeGapsResponse },
      },
      config: read,
    },
    async (request) => {
      const rep = await report(staffActor(request).workspaceId, request.query);
      return { from: rep.from, to: rep.to, knowledge_gaps: rep.knowledge_gaps };
    },
  );

  r.get(
    '/api/v1/analytics/export.csv',
    {
      schema: {
        tags,
        operationId: 'exportAnalyticsCsv',
        summary: 'The overview as CSV: one row per day/week, then the total',
        querystring: AnalyticsQuery,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV with a header row') },
      },
      config: read,
    },
    async (request, reply) => {
      const rep = await report(staffActor(request).workspaceId, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="baton-analytics-${rep.from.slice(0, 10)}-${rep.to.slice(0, 10)}-${rep.bucket}.csv"`,
        )
        .send(reportCsv(rep));
    },
  );

  r.post(
    '/api/v1/conversations/:id/brief-feedback',
    {
      schema: {
        tags,
        operationId: 'rateBrief',
        summary: "The agent's one-click rating of the brief (on the latest handoff)",
        params: IdParams,
        body: BriefFeedbackBody,
        response: { 200: BriefFeedbackResponse },
      },
      config: write,
    },
    async (request) => {
      const staff = staffActor(request);
      return rateBrief(
        ctx.db,
        staff.workspaceId,
        request.params.id,
        { useful: request.body.useful, comment: request.body.comment || null },
        () => agentActor(request),
      );
    },
  );
}
