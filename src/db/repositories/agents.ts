import type { AgentRow, AgentStatus, Role, TeamRow } from '../schema.ts';
import { json, type Executor } from './executor.ts';

export interface NewAgent {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  skills?: string[];
  languages?: string[];
  capacity?: number;
}

export function insertAgent(db: Executor, a: NewAgent): Promise<AgentRow> {
  return db
    .insertInto('agents')
    .values({
      id: a.id,
      workspace_id: a.workspaceId,
      email: a.email.toLowerCase(),
      name: a.name,
      password_hash: a.passwordHash,
      role: a.role,
      skills: json(a.skills ?? []),
      languages: json(a.languages ?? []),
      capacity: a.capacity,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The agents with this e-mail, in every workspace or in the one whose slug is given. */
export function findAgentsByEmail(db: Executor, email: string, workspaceSlug?: string): Promise<AgentRow[]> {
  let q = db.selectFrom('agents').selectAll('agents').where('agents.email', '=', email.toLowerCase());
  if (workspaceSlug !== undefined)
    q = q.innerJoin('workspaces', 'workspaces.id', 'agents.workspace_id').where('workspaces.slug', '=', workspaceSlug);
  return q.orderBy('agents.created_at').limit(20).execute();
}

export function findAgent(db: Executor, workspaceId: string, id: string): Promise<AgentRow | undefined> {
  return db.selectFrom('agents').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function listAgents(db: Executor, workspaceId: string): Promise<AgentRow[]> {
  return db.selectFrom('agents').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();
}

export async function setAgentStatus(db: Executor, workspaceId: string, id: string, status: AgentStatus): Promise<void> {
  await db.updateTable('agents').set({ status }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export function insertTeam(
  db: Executor,
  t: { id: string; workspaceId: string; name: string; skills?: string[]; slaSeconds?: number; fallbackTeamId?: string | null },
): Promise<TeamRow> {
  return db
    .insertInto('teams')
    .values({
      id: t.id,
      workspace_id: t.workspaceId,
      name: t.name,
      skills: json(t.skills ?? []),
      sla_seconds: t.slaSeconds,
      fallback_team_id: t.fallbackTeamId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function addTeamMember(db: Executor, teamId: string, agentId: string): Promise<void> {
  await db
    .insertInto('team_members')
    .values({ team_id: teamId, agent_id: agentId })
    .onConflict((c) => c.doNothing())
    .execute();
}

export function findTeam(db: Executor, workspaceId: string, id: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function listTeams(db: Executor, workspaceId: string): Promise<TeamRow[]> {
  return db.selectFrom('teams').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();
}

export async function listTeamMemberIds(db: Executor, teamId: string): Promise<string[]> {
  const rows = await db.selectFrom('team_members').select('agent_id').where('team_id', '=', teamId).execute();
  return rows.map((r) => r.agent_id);
}
