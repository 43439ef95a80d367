import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffActor } from '../../plugins/auth.ts';
import { RuleInput, RulePatch } from '../../../handoff/routing/schema.ts';
import { changeRule, createRule, listRules, presentRule, removeRule, reorderRules } from '../../../handoff/routing/rules.ts';
import { IdParams } from '../schemas.ts';
import type { AppContext } from '../../context.ts';
import { Ok } from '../responses.ts';
import { adminAccess, tags } from './common.ts';

const RoutingRule = z
  .object({
    id: z.string(),
    position: z.number(),
    name: z.string(),
    enabled: z.boolean(),
    conditions: z
      .record(z.string(), z.unknown())
      .describe('As written (docs/routing.md): intents, languages, reasons, channels, customer, business_hours'),
    target: z
      .record(z.string(), z.unknown())
      .describe('{type: team, team_id} | {type: agent, agent_id, fallback_team_id?} | {type: queue}'),
    skills: z.array(z.string()),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'RoutingRule' });
const RuleResponse = z.object({ rule: RoutingRule });
const RulesResponse = z.object({ rules: z.array(RoutingRule) });

const OrderBody = z.object({ ids: z.array(z.string().uuid()).max(1000) }).strict();

// Ordered routing rules: the first enabled rule that matches a handoff decides where it goes.
export function ruleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/admin/routing-rules',
    {
      schema: { tags, operationId: 'listRoutingRules', summary: 'Routing rules in evaluation order', response: { 200: RulesResponse } },
      config: adminAccess,
    },
    async (request) => ({
      rules: (await listRules(ctx.db, staffActor(request).workspaceId)).map(presentRule),
    }),
  );

  r.post(
    '/api/v1/admin/routing-rules',
    {
      schema: {
        tags,
        operationId: 'createRoutingRule',
        summary: 'Add a rule (last in order)',
        body: RuleInput,
        response: { 201: RuleResponse },
      },
      config: adminAccess,
    },
    async (request, reply) => {
      const row = await createRule(ctx.db, staffActor(request), request.body);
      reply.status(201);
      return { rule: presentRule(row) };
    },
  );

  r.patch(
    '/api/v1/admin/routing-rules/:id',
    {
      schema: {
        tags,
        operationId: 'updateRoutingRule',
        summary: 'Change a rule',
        params: IdParams,
        body: RulePatch,
        response: { 200: RuleResponse },
      },
      config: adminAccess,
    },
    async (request) => {
      const row = await changeRule(ctx.db, staffActor(request), request.params.id, request.body);
      return { rule: presentRule(row) };
    },
  );

  r.delete(
    '/api/v1/admin/routing-rules/:id',
    {
      schema: { tags, operationId: 'deleteRoutingRule', summary: 'Delete a rule', params: IdParams, response: { 200: Ok } },
      config: adminAccess,
    },
    async (request) => {
      await removeRule(ctx.db, staffActor(request), request.params.id);
      return { ok: true };
    },
  );

  r.put(
    '/api/v1/admin/routing-rules/order',
    {
      schema: {
        tags,
        operationId: 'reorderRoutingRules',
        summary: 'Reorder: name every rule id once, first to last',
        body: OrderBody,
        response: { 200: RulesResponse },
      },
      config: adminAccess,
    },
    async (request) => {
      const rows = await reorderRules(ctx.db, staffActor(request), request.body.ids);
      return { rules: rows.map(presentRule) };
    },
  );
}
