import type { Kysely } from 'kysely';
import type { AgentRow, Schema, TeamRow } from '../db/schema.ts';
import { listAgents, listTeamMemberIds, listTeams } from '../db/repositories/agents.ts';
import { pingDatabase } from '../db/repositories/workspaces.ts';

// What any staff member reads about the workspace, and whether the database answers.

export async function teamsWithMembers(db: Kysely<Schema>, workspaceId: string): Promise<{ team: TeamRow; memberIds: string[] }[]> {
  const teams = await listTeams(db, workspaceId);
  return Promise.all(teams.map(async (team) => ({ team, memberIds: await listTeamMemberIds(db, team.id) })));
}

export const agentsOf = (db: Kysely<Schema>, workspaceId: string): Promise<AgentRow[]> => listAgents(db, workspaceId);

export const databaseAnswers = (db: Kysely<Schema>): Promise<void> => pingDatabase(db);
