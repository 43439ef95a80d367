import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../errors.ts';
import type { RoutingRuleRow, Schema } from '../../db/schema.ts';
import { findAgent, findTeam } from '../../db/repositories/agents.ts';
import { deleteRule, findRuleRow, insertRule, listRuleRows, nextRulePosition, updateRule } from '../../db/repositories/routing.ts';
import type { Actor } from '../../conversations/actor.ts';
import { adminChange } from '../../workspaces/admin-change.ts';
import type { RuleInput, RulePatch, RuleTarget } from './schema.ts';

// Ordered routing rules as admins change them: each change in one transaction with its audit event.

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

/** A target must name this workspace's team or agent. */
async function checkTarget(tx: Transaction<Schema>, workspaceId: string, t: RuleTarget): Promise<void> {
  const bad = (path: string, message: string) =>
    new AppError('invalid_request', `target.${path}: ${message}`, [{ path: `/target/${path}`, message }]);
  if (t.type === 'team' && !(await findTeam(tx, workspaceId, t.team_id))) throw bad('team_id', 'no such team');
  if (t.type === 'agent') {
    const agent = await findAgent(tx, workspaceId, t.agent_id);
    if (!agent || agent.role === 'viewer') throw bad('agent_id', 'no such agent (viewers take no conversations)');
    if (t.fallback_team_id && !(await findTeam(tx, workspaceId, t.fallback_team_id))) throw bad('fallback_team_id', 'no such team');
  }
}

export const listRules = (db: Kysely<Schema>, workspaceId: string): Promise<RoutingRuleRow[]> => listRuleRows(db, workspaceId);

/** Adds a rule, last in order. */
export function createRule(db: Kysely<Schema>, actor: Actor, b: RuleInput): Promise<RoutingRuleRow> {
  return adminChange(db, actor, async (tx, audit) => {
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
    await audit('admin.routing_rule.created', { rule_id: row.id, rule: presentRule(row) });
    return row;
  });
}

export function changeRule(db: Kysely<Schema>, actor: Actor, id: string, b: RulePatch): Promise<RoutingRuleRow> {
  return adminChange(db, actor, async (tx, audit) => {
    const before = await findRuleRow(tx, actor.workspaceId, id);
    if (!before) throw new AppError('not_found');
    if (b.target) await checkTarget(tx, actor.workspaceId, b.target);
    const row = await updateRule(tx, actor.workspaceId, before.id, b);
    await audit('admin.routing_rule.updated', { rule_id: before.id, before: presentRule(before), after: presentRule(row!) });
    return row!;
  });
}

export function removeRule(db: Kysely<Schema>, actor: Actor, id: string): Promise<void> {
  return adminChange(db, actor, async (tx, audit) => {
    const before = await findRuleRow(tx, actor.workspaceId, id);
    if (!before || !(await deleteRule(tx, actor.workspaceId, before.id))) throw new AppError('not_found');
    await audit('admin.routing_rule.deleted', { rule_id: before.id, rule: presentRule(before) });
  });
}

/** Puts the rules in the order of `ids`, which must name every rule of the workspace once. */
export function reorderRules(db: Kysely<Schema>, actor: Actor, ids: string[]): Promise<RoutingRuleRow[]> {
  return adminChange(db, actor, async (tx, audit) => {
    const current = await listRuleRows(tx, actor.workspaceId);
    const known = new Set(current.map((c) => c.id));
    if (ids.length !== current.length || new Set(ids).size !== ids.length || !ids.every((id) => known.has(id))) {
      throw new AppError('invalid_request', 'ids: name every rule of the workspace exactly once', {
        expected: current.length,
        got: ids.length,
      });
    }
    for (const [position, id] of ids.entries()) await updateRule(tx, actor.workspaceId, id, { position });
    await audit('admin.routing_rule.reordered', { before: current.map((c) => c.id), after: ids });
    return listRuleRows(tx, actor.workspaceId);
  });
}
