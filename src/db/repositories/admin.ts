import type { Role, TeamRow, AgentRow } from '../schema.ts';
import { json, type Executor } from './executor.ts';

// What the admin API changes on teams, agents and API keys (the core repositories read them).

export async function updateTeam(
  db: Executor,
  workspaceId: string,
  id: string,
  patch: { name?: string; skills?: string[]; slaSeconds?: number; fallbackTeamId?: string | null },
): Promise<TeamRow | undefined> {
  return db
    .updateTable('teams')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.skills !== undefined ? { skills: json(patch.skills) } : {}),
      ...(patch.slaSeconds !== undefined ? { sla_seconds: patch.slaSeconds } : {}),
      ...(patch.fallbackTeamId !== undefined ? { fallback_team_id: patch.fallbackTeamId } : {}),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteTeam(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('teams').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Replaces a team's members. */
export async function setTeamMembers(db: Executor, teamId: string, agentIds: string[]): Promise<void> {
  await db.deleteFrom('team_members').where('team_id', '=', teamId).execute();
  if (agentIds.length)
    await db
      .insertInto('team_members')
      .values(agentIds.map((agent_id) => ({ team_id: teamId, agent_id })))
      .execute();
}

/** Replaces the teams an agent belongs to (within the given workspace's teams). */
export async function setAgentTeams(db: Executor, workspaceId: string, agentId: string, teamIds: string[]): Promise<void> {
  const teams = db.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId);
  await db.deleteFrom('team_members').where('agent_id', '=', agentId).where('team_id', 'in', teams).execute();
  if (teamIds.length)
    await db
      .insertInto('team_members')
      .values(teamIds.map((team_id) => ({ team_id, agent_id: agentId })))
      .execute();
}

export async function agentTeamIds(db: Executor, agentIds: string[]): Promise<Map<string, string[]>> {
  if (agentIds.length === 0) return new Map();
  const rows = await db.selectFrom('team_members').select(['agent_id', 'team_id']).where('agent_id', 'in', agentIds).execute();
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.agent_id, [...(map.get(r.agent_id) ?? []), r.team_id]);
  return map;
}

export function listAgentsPage(db: Executor, workspaceId: string, page: { afterId?: string; limit: number }): Promise<AgentRow[]> {
  let q = db.selectFrom('agents').selectAll().where('workspace_id', '=', workspaceId);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q.orderBy('id').limit(page.limit).execute();
}

export async function updateAgent(
  db: Executor,
  workspaceId: string,
  id: string,
  patch: { name?: string; role?: Role; skills?: string[]; languages?: string[]; capacity?: number; passwordHash?: string },
): Promise<AgentRow | undefined> {
  return db
    .updateTable('agents')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.skills !== undefined ? { skills: json(patch.skills) } : {}),
      ...(patch.languages !== undefined ? { languages: json(patch.languages) } : {}),
      ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
      ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteAgent(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('agents').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function deleteAgentSessions(db: Executor, agentId: string): Promise<void> {
  await db.deleteFrom('sessions').where('agent_id', '=', agentId).execute();
}

export async function countAdmins(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('agents')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'admin')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function listApiKeys(db: Executor, workspaceId: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'scopes', 'created_at', 'last_used_at', 'revoked_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function revokeApiKey(db: Executor, workspaceId: string, id: string, at: Date) {
  return db
    .updateTable('api_keys')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(at)) }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returning(['id', 'name', 'scopes', 'created_at', 'last_used_at', 'revoked_at'])
    .executeTakeFirst();
}

/** Routing rules that point at a team or agent (a delete would leave them dangling). */
export async function rulesReferencing(db: Executor, workspaceId: string, id: string): Promise<string[]> {
  const rows = await db.selectFrom('routing_rules').select(['name', 'target']).where('workspace_id', '=', workspaceId).execute();
  return rows.filter((r) => Object.values(r.target).includes(id)).map((r) => r.name);
}
