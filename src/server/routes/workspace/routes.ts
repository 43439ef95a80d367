import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { agentsOf, databaseAnswers, teamsWithMembers } from '../../../workspaces/queries.ts';
import { presentAgent, presentTeam } from '../../../presenters/index.ts';
import { staffActor } from '../../plugins/auth.ts';
import type { AppContext } from '../../context.ts';

const read = { access: { kind: 'staff' as const, role: 'viewer' as const } };

export function workspaceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/teams', { schema: { tags: ['workspace'], summary: 'Teams with their members' }, config: read }, async (request) => {
    const actor = staffActor(request);
    const teams = await teamsWithMembers(ctx.db, actor.workspaceId);
    return { teams: teams.map((t) => presentTeam(t.team, t.memberIds)) };
  });

  r.get('/api/v1/agents', { schema: { tags: ['workspace'], summary: 'Agents of the workspace' }, config: read }, async (request) => {
    const actor = staffActor(request);
    return { agents: (await agentsOf(ctx.db, actor.workspaceId)).map(presentAgent) };
  });

  r.get('/api/v1/health', { schema: { tags: ['ops'], summary: 'Liveness and database reachability' }, config: { access: { kind: 'public' } } }, async () => {
    await databaseAnswers(ctx.db);
    return { ok: true, database: ctx.database.kind };
  });
}
