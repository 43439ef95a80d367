import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { AgentRow, Schema, TeamRow, WorkspaceRow } from '../db/schema.ts';
import { listAgents, listTeamMemberIds, listTeams } from '../db/repositories/agents.ts';
import { findWorkspace, pingDatabase } from '../db/repositories/workspaces.ts';

// What any staff member reads about the workspace, and whether the database answers.

export async function teamsWithMembers(db: Kysely<Schema>, workspaceId: string): Promise<{ team: TeamRow; memberIds: string[] }[]> {
  const teams = await listTeams(db, workspaceId);
  return Promise.all(teams.map(async (team) => ({ team, memberIds: await listTeamMemberIds(db, team.id) })));
}

export const agentsOf = (db: Kysely<Schema>, workspaceId: string): Promise<AgentRow[]> => listAgents(db, workspaceId);

export const databaseAnswers = (db: Kysely<Schema>): Promise<void> => pingDatabase(db);

/** The actor's own workspace; not found when it was deleted under them. */
export async function ownWorkspace(db: Kysely<Schema>, workspaceId: string): Promise<WorkspaceRow> {
  const ws = await findWorkspace(db, workspaceId);
  if (!ws) throw new AppError('not_found');
  return ws;
}
