import { sql } from 'kysely';
import type { MacroRow, RoutingRuleRow } from '../schema.ts';
import { json, type Executor } from './executor.ts';

// Routing rules, macros and the load figures routing reads (migrations/0003_routing.ts).

export function listRuleRows(db: Executor, workspaceId: string): Promise<RoutingRuleRow[]> {
  return db.selectFrom('routing_rules').selectAll().where('workspace_id', '=', workspaceId).orderBy('position').orderBy('id').execute();
}

export function findRuleRow(db: Executor, workspaceId: string, id: string): Promise<RoutingRuleRow | undefined> {
  return db.selectFrom('routing_rules').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function insertRule(
  db: Executor,
  r: {
    id: string;
    workspaceId: string;
    position: number;
    name: string;
    enabled: boolean;
    conditions: object;
    target: object;
    skills: string[];
    priority: RoutingRuleRow['priority'];
  },
): Promise<RoutingRuleRow> {
  return db
    .insertInto('routing_rules')
    .values({
      id: r.id,
      workspace_id: r.workspaceId,
      position: r.position,
      name: r.name,
      enabled: r.enabled,
      conditions: json(r.conditions),
      target: json(r.target),
      skills: json(r.skills),
      priority: r.priority,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateRule(
  db: Executor,
  workspaceId: string,
  id: string,
  patch: {
    name?: string;
    enabled?: boolean;
    conditions?: object;
    target?: object;
    skills?: string[];
    priority?: RoutingRuleRow['priority'];
    position?: number;
  },
): Promise<RoutingRuleRow | undefined> {
  const { conditions, target, skills, ...rest } = patch;
  return db
    .updateTable('routing_rules')
    .set({
      ...rest,
      ...(conditions ? { conditions: json(conditions) } : {}),
      ...(target ? { target: json(target) } : {}),
      ...(skills ? { skills: json(skills) } : {}),
      updated_at: new Date(),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteRule(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('routing_rules').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function nextRulePosition(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('routing_rules')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

/** Open conversations each agent holds or has been offered: their load against capacity. */
export async function agentLoads(db: Executor, workspaceId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('conversations')
    .select(['assignee_id', (eb) => eb.fn.countAll<string>().as('count')])
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', ['queued', 'with_agent'])
    .where('assignee_id', 'is not', null)
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id as string, Number(r.count)]));
}

/** The agent who last replied to this customer (in any of their conversations but this one). */
export async function lastHelper(
  db: Executor,
  workspaceId: string,
  customerId: string,
  exceptConversationId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .select('messages.agent_id')
    .where('messages.workspace_id', '=', workspaceId)
    .where('conversations.customer_id', '=', customerId)
    .where('messages.conversation_id', '<>', exceptConversationId)
    .where('messages.author', '=', 'agent')
    .where('messages.internal', '=', false)
    .where('messages.agent_id', 'is not', null)
    .orderBy('messages.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.agent_id ?? null;
}

/** Members of every team of a workspace. */
export async function teamMembers(db: Executor, workspaceId: string): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('team_members')
    .innerJoin('teams', 'teams.id', 'team_members.team_id')
    .select(['team_members.team_id', 'team_members.agent_id'])
    .where('teams.workspace_id', '=', workspaceId)
    .execute();
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.team_id, [...(map.get(r.team_id) ?? []), r.agent_id]);
  return map;
}

/** Recent agent replies of a workspace, each with the customer messages (up to three) it answered (assist). */
export async function recentAgentReplies(db: Executor, workspaceId: string, exceptConversationId: string, limit: number) {
  const rows = await sql<{ reply_id: string; conversation_id: string; team_id: string | null; reply: string; asked: string | null }>`
    select m.id as reply_id, m.conversation_id, c.team_id, m.redacted_text as reply,
      (select string_agg(l.redacted_text, ' ' order by l.seq) from (
        select q.redacted_text, q.seq from messages q
        where q.conversation_id = m.conversation_id and q.author = 'customer' and q.seq < m.seq
        order by q.seq desc limit 3) l) as asked
    from messages m join conversations c on c.id = m.conversation_id
    where m.workspace_id = ${workspaceId} and m.author = 'agent' and m.internal = false
      and m.conversation_id <> ${exceptConversationId}
    order by m.created_at desc
    limit ${limit}`.execute(db);
  return rows.rows;
}

// Macros.

export function listMacros(db: Executor, workspaceId: string, page: { afterId?: string; limit: number }): Promise<MacroRow[]> {
  let q = db.selectFrom('macros').selectAll().where('workspace_id', '=', workspaceId);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q.orderBy('id').limit(page.limit).execute();
}

export function findMacro(db: Executor, workspaceId: string, id: string): Promise<MacroRow | undefined> {
  return db.selectFrom('macros').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function insertMacro(
  db: Executor,
  m: {
    id: string;
    workspaceId: string;
    title: string;
    body: string;
    tags: string[];
    language: string | null;
    teamId: string | null;
    createdBy: string | null;
  },
): Promise<MacroRow> {
  return db
    .insertInto('macros')
    .values({
      id: m.id,
      workspace_id: m.workspaceId,
      title: m.title,
      body: m.body,
      tags: json(m.tags),
      language: m.language,
      team_id: m.teamId,
      created_by: m.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateMacro(
  db: Executor,
  workspaceId: string,
  id: string,
  patch: { title?: string; body?: string; tags?: string[]; language?: string | null; teamId?: string | null },
): Promise<MacroRow | undefined> {
  return db
    .updateTable('macros')
    .set({
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.body !== undefined ? { body: patch.body } : {}),
      ...(patch.tags !== undefined ? { tags: json(patch.tags) } : {}),
      ...(patch.language !== undefined ? { language: patch.language } : {}),
      ...(patch.teamId !== undefined ? { team_id: patch.teamId } : {}),
      updated_at: new Date(),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteMacro(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('macros').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
