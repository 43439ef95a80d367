import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffActor } from '../../plugins/auth.ts';
import { changeTeam, createTeam, removeTeam, teamsWithMembers } from '../../../workspaces/admin-teams.ts';
import { IdParams } from '../schemas.ts';
import type { AppContext } from '../../context.ts';
import { Ok, Team } from '../responses.ts';
import { adminAccess, Skills, tags, uniquely } from './common.ts';

const TeamFields = {
  name: z.string().trim().min(1).max(100),
  skills: Skills,
  sla_seconds: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .describe('How long a handoff may wait unaccepted before it overflows to the fallback team'),
  fallback_team_id: z.string().uuid().nullable(),
  member_ids: z.array(z.string().uuid()).max(1000),
};
const TeamBody = z
  .object({
    ...TeamFields,
    skills: TeamFields.skills.default([]),
    sla_seconds: TeamFields.sla_seconds.default(300),
    fallback_team_id: TeamFields.fallback_team_id.default(null),
    member_ids: TeamFields.member_ids.default([]),
  })
  .strict();
const TeamPatch = z.object(TeamFields).partial().strict();

export function teamRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/admin/teams',
    {
      schema: {
        tags,
        operationId: 'listAdminTeams',
        summary: 'Teams with members, skills, SLA and fallback',
        response: { 200: z.object({ teams: z.array(Team) }) },
      },
      config: adminAccess,
    },
    async (request) => {
      return { teams: await teamsWithMembers(ctx.db, staffActor(request).workspaceId) };
    },
  );

  r.post(
    '/api/v1/admin/teams',
    {
      schema: { tags, operationId: 'createTeam', summary: 'Create a team', body: TeamBody, response: { 201: z.object({ team: Team }) } },
      config: adminAccess,
    },
    async (request, reply) => {
      const team = await uniquely('A team with this name', () => createTeam(ctx.db, staffActor(request), request.body));
      reply.status(201);
      return { team };
    },
  );

  r.patch(
    '/api/v1/admin/teams/:id',
    {
      schema: {
        tags,
        operationId: 'updateTeam',
        summary: 'Change a team',
        params: IdParams,
        body: TeamPatch,
        response: { 200: z.object({ team: Team }) },
      },
      config: adminAccess,
    },
    async (request) => {
      const team = await uniquely('A team with this name', () => changeTeam(ctx.db, staffActor(request), request.params.id, request.body));
      return { team };
    },
  );

  r.delete(
    '/api/v1/admin/teams/:id',
    {
      schema: {
        tags,
        operationId: 'deleteTeam',
        summary: 'Delete a team (its conversations go to the workspace queue)',
        params: IdParams,
        response: { 200: Ok },
      },
      config: adminAccess,
    },
    async (request) => {
      await removeTeam(ctx.db, staffActor(request), request.params.id);
      return { ok: true };
    },
  );
}
