import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../errors.ts';
import type { Schema, TeamRow } from '../db/schema.ts';
import { findTeam, insertTeam, listAgents, listTeamMemberIds, listTeams } from '../db/repositories/agents.ts';
import { deleteTeam, rulesReferencing, setTeamMembers, updateTeam } from '../db/repositories/admin.ts';
import { presentTeam } from '../presenters/index.ts';
import type { Actor } from '../conversations/actor.ts';
import { adminChange } from './admin-change.ts';

// Teams as admins manage them: each change in one transaction with its audit event.

export interface TeamFields {
  name: string;
  skills: string[];
  sla_seconds: number;
  fallback_team_id: string | null;
  member_ids: string[];
}

export type TeamView = ReturnType<typeof presentTeam>;

const present = async (db: Kysely<Schema>, t: TeamRow): Promise<TeamView> => presentTeam(t, await listTeamMemberIds(db, t.id));

async function checkRefs(
  tx: Transaction<Schema>,
  workspaceId: string,
  teamId: string | null,
  b: { fallback_team_id?: string | null; member_ids?: string[] },
): Promise<void> {
  if (b.fallback_team_id) {
    if (b.fallback_team_id === teamId) throw new AppError('invalid_request', 'fallback_team_id: a team cannot fall back to itself');
    if (!(await findTeam(tx, workspaceId, b.fallback_team_id))) throw new AppError('invalid_request', 'fallback_team_id: no such team');
  }
  if (b.member_ids?.length) {
    const agents = new Map((await listAgents(tx, workspaceId)).map((a) => [a.id, a]));
    const bad = b.member_ids.filter((id) => !agents.has(id));
    if (bad.length) throw new AppError('invalid_request', 'member_ids: no such agent', { member_ids: bad });
  }
}

/** Teams with their members. */
export async function teamsWithMembers(db: Kysely<Schema>, workspaceId: string): Promise<TeamView[]> {
  const teams = await listTeams(db, workspaceId);
  return Promise.all(teams.map((t) => present(db, t)));
}

export function createTeam(db: Kysely<Schema>, actor: Actor, b: TeamFields): Promise<TeamView> {
  return adminChange(db, actor, async (tx, audit) => {
    await checkRefs(tx, actor.workspaceId, null, b);
    const t = await insertTeam(tx, {
      id: randomUUID(),
      workspaceId: actor.workspaceId,
      name: b.name,
      skills: b.skills,
      slaSeconds: b.sla_seconds,
      fallbackTeamId: b.fallback_team_id,
    });
    await setTeamMembers(tx, t.id, [...new Set(b.member_ids)]);
    const out = await present(tx, t);
    await audit('admin.team.created', { team_id: t.id, team: out });
    return out;
  });
}

export function changeTeam(db: Kysely<Schema>, actor: Actor, id: string, b: Partial<TeamFields>): Promise<TeamView> {
  return adminChange(db, actor, async (tx, audit) => {
    const before = await findTeam(tx, actor.workspaceId, id);
    if (!before) throw new AppError('not_found');
    await checkRefs(tx, actor.workspaceId, before.id, b);
    const beforeOut = await present(tx, before);
    const t = await updateTeam(tx, actor.workspaceId, before.id, {
      name: b.name,
      skills: b.skills,
      slaSeconds: b.sla_seconds,
      fallbackTeamId: b.fallback_team_id,
    });
    if (b.member_ids) await setTeamMembers(tx, before.id, [...new Set(b.member_ids)]);
    const out = await present(tx, t!);
    await audit('admin.team.updated', { team_id: before.id, before: beforeOut, after: out });
    return out;
  });
}

export function removeTeam(db: Kysely<Schema>, actor: Actor, id: string): Promise<void> {
  return adminChange(db, actor, async (tx, audit) => {
    const before = await findTeam(tx, actor.workspaceId, id);
    if (!before) throw new AppError('not_found');
    const rules = await rulesReferencing(tx, actor.workspaceId, before.id);
    if (rules.length) throw new AppError('conflict', 'Routing rules send handoffs to this team: change them first.', { rules });
    await deleteTeam(tx, actor.workspaceId, before.id);
    await audit('admin.team.deleted', { team_id: before.id, name: before.name });
  });
}
