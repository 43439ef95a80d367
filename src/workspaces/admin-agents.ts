import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../errors.ts';
import type { AgentRow, Role, Schema } from '../db/schema.ts';
import { findAgent, insertAgent, listTeams } from '../db/repositories/agents.ts';
import {
  agentTeamIds,
  countAdmins,
  deleteAgent,
  deleteAgentSessions,
  listAgentsPage,
  rulesReferencing,
  setAgentTeams,
  updateAgent,
} from '../db/repositories/admin.ts';
import { hashPassword } from '../auth/secrets.ts';
import { presentAgent } from '../presenters/index.ts';
import type { Actor } from '../conversations/actor.ts';
import { adminChange } from './admin-change.ts';

// Agents as admins manage them: each change in one transaction with its audit event.

export interface AgentFields {
  name: string;
  role: Role;
  skills: string[];
  languages: string[];
  capacity: number;
  team_ids: string[];
  password: string;
}

export const withTeams = (a: AgentRow, teams: string[] = []) => ({ ...presentAgent(a), team_ids: teams });
export type AdminAgentView = ReturnType<typeof withTeams>;

async function checkTeams(tx: Transaction<Schema>, workspaceId: string, ids: string[] | undefined): Promise<void> {
  if (!ids?.length) return;
  const known = new Set((await listTeams(tx, workspaceId)).map((t) => t.id));
  const bad = ids.filter((id) => !known.has(id));
  if (bad.length) throw new AppError('invalid_request', 'team_ids: no such team', { team_ids: bad });
}

/** A page of agents (fetched with limit + 1 by the caller's paging) and each one's teams. */
export async function agentsPage(
  db: Kysely<Schema>,
  workspaceId: string,
  p: { afterId?: string; limit: number },
): Promise<{ rows: AgentRow[]; teams: Map<string, string[]> }> {
  const rows = await listAgentsPage(db, workspaceId, p);
  return {
    rows,
    teams: await agentTeamIds(
      db,
      rows.map((a) => a.id),
    ),
  };
}

export async function inviteAgent(db: Kysely<Schema>, actor: Actor, b: AgentFields & { email: string }): Promise<AdminAgentView> {
  const passwordHash = await hashPassword(b.password);
  return adminChange(db, actor, async (tx, audit) => {
    await checkTeams(tx, actor.workspaceId, b.team_ids);
    const a = await insertAgent(tx, {
      id: randomUUID(),
      workspaceId: actor.workspaceId,
      email: b.email,
      name: b.name,
      passwordHash,
      role: b.role,
      skills: b.skills,
      languages: b.languages,
      capacity: b.capacity,
    });
    await setAgentTeams(tx, actor.workspaceId, a.id, [...new Set(b.team_ids)]);
    const out = withTeams(a, [...new Set(b.team_ids)]);
    await audit('admin.agent.created', { agent_id: a.id, agent: out });
    return out;
  });
}

export async function changeAgent(db: Kysely<Schema>, actor: Actor, id: string, b: Partial<AgentFields>): Promise<AdminAgentView> {
  const passwordHash = b.password ? await hashPassword(b.password) : undefined;
  return adminChange(db, actor, async (tx, audit) => {
    const before = await findAgent(tx, actor.workspaceId, id);
    if (!before) throw new AppError('not_found');
    if (before.role === 'admin' && b.role && b.role !== 'admin' && (await countAdmins(tx, actor.workspaceId)) <= 1) {
      throw new AppError('conflict', 'This is the last admin of the workspace.');
    }
    await checkTeams(tx, actor.workspaceId, b.team_ids);
    const a = await updateAgent(tx, actor.workspaceId, before.id, {
      name: b.name,
      role: b.role,
      skills: b.skills,
      languages: b.languages,
      capacity: b.capacity,
      passwordHash,
    });
    if (b.team_ids) await setAgentTeams(tx, actor.workspaceId, before.id, [...new Set(b.team_ids)]);
    // A new password (or a lower role) ends the agent's sessions.
    if (passwordHash || (b.role && b.role !== before.role)) await deleteAgentSessions(tx, before.id);
    const teams = (await agentTeamIds(tx, [before.id])).get(before.id);
    const out = withTeams(a!, teams);
    const changed = Object.keys(b).map((k) => (k === 'password' ? 'password' : k));
    await audit('admin.agent.updated', { agent_id: before.id, changed, before: presentAgent(before), after: presentAgent(a!) });
    return out;
  });
}

export function removeAgent(db: Kysely<Schema>, actor: Actor, id: string): Promise<void> {
  return adminChange(db, actor, async (tx, audit) => {
    const before = await findAgent(tx, actor.workspaceId, id);
    if (!before) throw new AppError('not_found');
    if (actor.type === 'agent' && actor.id === before.id) throw new AppError('conflict', 'You cannot remove yourself.');
    if (before.role === 'admin' && (await countAdmins(tx, actor.workspaceId)) <= 1)
      throw new AppError('conflict', 'This is the last admin of the workspace.');
    const rules = await rulesReferencing(tx, actor.workspaceId, before.id);
    if (rules.length) throw new AppError('conflict', 'Routing rules name this agent: change them first.', { rules });
    await deleteAgent(tx, actor.workspaceId, before.id);
    await audit('admin.agent.deleted', { agent_id: before.id, email: before.email });
  });
}
