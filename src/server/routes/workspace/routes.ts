import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { agentsOf, databaseAnswers, teamsWithMembers } from '../../../workspaces/queries.ts';
import { presentAgent, presentTeam } from '../../../presenters/index.ts';
import { staffActor } from '../../plugins/auth.ts';
import type { AppContext } from '../../context.ts';
import { z } from 'zod';
import { Agent, Team } from '../responses.ts';

const Health = z.object({ ok: z.boolean(), database: z.enum(['pglite', 'postgres']) });

const read = { access: { kind: 'staff' as const, role: 'viewer' as const } };

export function workspaceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/teams',
    {
      schema: {
        tags: ['workspace'],
        operationId: 'listTeams',
        summary: 'Teams with their members',
        response: { 200: z.object({ teams: z.array(Team) }) },
      },
      config: read,
    },
    async (request) => {
      const actor = staffActor(request);
      const teams = await teamsWithMembers(ctx.db, actor.workspaceId);
      return { teams: teams.map((t) => presentTeam(t.team, t.memberIds)) };
    },
  );

  r.get(
    '/api/v1/agents',
    {
      schema: {
        tags: ['workspace'],
        operationId: 'listAgents',
        summary: 'Agents of the workspace',
        response: { 200: z.object({ agents: z.array(Agent) }) },
      },
      config: read,
    },
    async (request) => {
      const actor = staffActor(request);
      return { agents: (await agentsOf(ctx.db, actor.workspaceId)).map(presentAgent) };
    },
  );

  r.get(
    '/api/v1/health',
    {
      schema: { tags: ['ops'], operationId: 'getHealth', summary: 'Liveness and database reachability', response: { 200: Health } },
      config: { access: { kind: 'public' } },
    },
    async () => {
      await databaseAnswers(ctx.db);
      return { ok: true, database: ctx.database.kind };
    },
  );
}
