import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { staffActor } from '../../plugins/auth.ts';
import { transaction } from '../../../db/transaction.ts';
import type { RoutingRuleRow, Schema } from '../../../db/schema.ts';
import { findAgent, findTeam } from '../../../db/repositories/agents.ts';
import { deleteRule, findRuleRow, insertRule, listRuleRows, nextRulePosition, updateRule } from '../../../db/repositories/routing.ts';
import { RuleInput, RulePatch, type RuleTarget } from '../../../handoff/routing/schema.ts';
import { IdParams } from '../schemas.ts';
import type { AppContext } from '../../context.ts';
import { Ok } from '../responses.ts';
import { adminAccess, audit, tags } from './common.ts';

export const presentRule = (r: RoutingRuleRow) => ({
  id: r.id,
  position: r.position,
  name: r.name,
  enabled: r.enabled,
  conditions: r.conditions,
  target: r.target,
  skills: r.skills,
  priority: r.priority,
  created_at: new Date(r.created_at).toISOString(),
  updated_at: new Date(r.updated_at).toISOString(),
});

const RoutingRule = z
  .object({
    id: z.string(),
    position: z.number(),
    name: z.string(),
    enabled: z.boolean(),
    conditions: z.record(z.string(), z.unknown()).describe('As written (docs/routing.md): intents, languages, reasons, channels, customer, business_hours'),
    target: z.record(z.string(), z.unknown()).describe('{type: team, team_id} | {type: agent, agent_id, fallback_team_id?} | {type: queue}'),
    skills: z.array(z.string()),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'RoutingRule' });
const RuleResponse = z.object({ rule: RoutingRule });
const RulesResponse = z.object({ rules: z.array(RoutingRule) });

/** A target must name this workspace's team or agent. */
async function checkTarget(tx: Transaction<Schema>, workspaceId: string, t: RuleTarget): Promise<void> {
  const bad = (path: string, message: string) => new AppError('invalid_request', `target.${path}: ${message}`, [{ path: `/target/${path}`, message }]);
  if (t.type === 'team' && !(await findTeam(tx, workspaceId, t.team_id))) throw bad('team_id', 'no such team');
  if (t.type === 'agent') {
    const agent = await findAgent(tx, workspaceId, t.agent_id);
    if (!agent || agent.role === 'viewer') throw bad('agent_id', 'no such agent (viewers take no conversations)');
    if (t.fallback_team_id && !(await findTeam(tx, workspaceId, t.fallback_team_id))) throw bad('fallback_team_id', 'no such team');
  }
}

const OrderBody = z.object({ ids: z.array(z.string().uuid()).max(1000) }).strict();

// Ordered routing rules: the first enabled rule that matches a handoff decides where it goes.
export function ruleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/admin/routing-rules', { schema: { tags, operationId: 'listRoutingRules', summary: 'Routing rules in evaluation order', response: { 200: RulesResponse } }, config: adminAccess }, async (request) => ({
    rules: (await listRuleRows(ctx.db, staffActor(request).workspaceId)).map(presentRule),
  }));

  r.post('/api/v1/admin/routing-rules', { schema: { tags, operationId: 'createRoutingRule', summary: 'Add a rule (last in order)', body: RuleInput, response: { 201: RuleResponse } }, config: adminAccess }, async (request, reply) => {
    const actor = staffActor(request);
    const b = request.body;
    const row = await transaction(ctx.db, async (tx) => {
      await checkTarget(tx, actor.workspaceId, b.target);
      const row = await insertRule(tx, {
        id: randomUUID(),
        workspaceId: actor.workspaceId,
        position: await nextRulePosition(tx, actor.workspaceId),
        name: b.name,
        enabled: b.enabled,
        conditions: b.conditions,
        target: b.target,
        skills: b.skills ?? [],
        priority: b.priority,
      });
      await audit(tx, actor, 'admin.routing_rule.created', { rule_id: row.id, rule: presentRule(row) });
      return row;
    });
    reply.status(201);
    return { rule: presentRule(row) };
  });

  r.patch('/api/v1/admin/routing-rules/:id', { schema: { tags, operationId: 'updateRoutingRule', summary: 'Change a rule', params: IdParams, body: RulePatch, response: { 200: RuleResponse } }, config: adminAccess }, async (request) => {
    const actor = staffActor(request);
    const b = request.body;
    const row = await transaction(ctx.db, async (tx) => {
      const before = await findRuleRow(tx, actor.workspaceId, request.params.id);
      if (!before) throw new AppError('not_found');
      if (b.target) await checkTarget(tx, actor.workspaceId, b.target);
      const row = await updateRule(tx, actor.workspaceId, before.id, b);
      await audit(tx, actor, 'admin.routing_rule.updated', { rule_id: before.id, before: presentRule(before), after: presentRule(row!) });
      return row!;
    });
    return { rule: presentRule(row) };
  });

  r.delete('/api/v1/admin/routing-rules/:id', { schema: { tags, operationId: 'deleteRoutingRule', summary: 'Delete a rule', params: IdParams, response: { 200: Ok } }, config: adminAccess }, async (request) => {
    const actor = staffActor(request);
    await transaction(ctx.db, async (tx) => {
      const before = await findRuleRow(tx, actor.workspaceId, request.params.id);
      if (!before || !(await deleteRule(tx, actor.workspaceId, before.id))) throw new AppError('not_found');
      await audit(tx, actor, 'admin.routing_rule.deleted', { rule_id: before.id, rule: presentRule(before) });
    });
    return { ok: true };
  });

  r.put(
    '/api/v1/admin/routing-rules/order',
    { schema: { tags, operationId: 'reorderRoutingRules', summary: 'Reorder: name every rule id once, first to last', body: OrderBody, response: { 200: RulesResponse } }, config: adminAccess },
    async (request) => {
      const actor = staffActor(request);
      const ids = request.body.ids;
      const rows = await transaction(ctx.db, async (tx) => {
        const current = await listRuleRows(tx, actor.workspaceId);
        const known = new Set(current.map((c) => c.id));
        if (ids.length !== current.length || new Set(ids).size !== ids.length || !ids.every((id) => known.has(id))) {
          throw new AppError('invalid_request', 'ids: name every rule of the workspace exactly once', { expected: current.length, got: ids.length });
        }
        for (const [position, id] of ids.entries()) await updateRule(tx, actor.workspaceId, id, { position });
        await audit(tx, actor, 'admin.routing_rule.reordered', { before: current.map((c) => c.id), after: ids });
        return listRuleRows(tx, actor.workspaceId);
      });
      return { rules: rows.map(presentRule) };
    },
  );
}
