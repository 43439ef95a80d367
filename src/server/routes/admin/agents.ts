import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffActor } from '../../plugins/auth.ts';
import { agentsPage, changeAgent, inviteAgent, removeAgent, withTeams } from '../../../workspaces/admin-agents.ts';
import { IdParams } from '../schemas.ts';
import type { AppContext } from '../../context.ts';
import { Agent, NextCursor, Ok } from '../responses.ts';
import { adminAccess, decodeIdCursor, Languages, page, PageQuery, Skills, tags, uniquely } from './common.ts';

const Role = z.enum(['admin', 'agent', 'viewer']);
const Fields = {
  name: z.string().trim().min(1).max(200),
  role: Role,
  skills: Skills,
  languages: Languages,
  capacity: z.number().int().min(0).max(100).describe('How many open conversations the agent takes at once'),
  team_ids: z.array(z.string().uuid()).max(100),
  password: z.string().min(10, 'at least 10 characters').max(1024),
};
const InviteBody = z
  .object({
    email: z.string().trim().email().max(320),
    ...Fields,
    role: Fields.role.default('agent'),
    skills: Fields.skills.default([]),
    languages: Fields.languages.default([]),
    capacity: Fields.capacity.default(5),
    team_ids: Fields.team_ids.default([]),
  })
  .strict();
const AgentPatch = z.object(Fields).partial().strict();
const AdminAgent = Agent.extend({ team_ids: z.array(z.string()) }).meta({
  id: 'AdminAgent',
  description: 'An agent with the teams they belong to',
});
const AgentResponse = z.object({ agent: AdminAgent });

export function agentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/admin/agents',
    {
      schema: {
        tags,
        operationId: 'listAdminAgents',
        summary: 'Agents (cursor-paginated)',
        querystring: PageQuery,
        response: { 200: z.object({ agents: z.array(AdminAgent), next_cursor: NextCursor }) },
      },
      config: adminAccess,
    },
    async (request) => {
      const { rows, teams } = await agentsPage(ctx.db, staffActor(request).workspaceId, {
        afterId: decodeIdCursor(request.query.cursor),
        limit: request.query.limit + 1,
      });
      const { items, next_cursor } = page(rows, request.query.limit);
      return { agents: items.map((a) => withTeams(a, teams.get(a.id))), next_cursor };
    },
  );

  r.post(
    '/api/v1/admin/agents',
    {
      schema: {
        tags,
        operationId: 'inviteAgent',
        summary: 'Invite an agent with a first password',
        body: InviteBody,
        response: { 201: AgentResponse },
      },
      config: adminAccess,
    },
    async (request, reply) => {
      const agent = await uniquely('An agent with this e-mail', () => inviteAgent(ctx.db, staffActor(request), request.body));
      reply.status(201);
      return { agent };
    },
  );

  r.patch(
    '/api/v1/admin/agents/:id',
    {
      schema: {
        tags,
        operationId: 'updateAgent',
        summary: 'Change an agent (role, skills, languages, capacity, teams, password)',
        params: IdParams,
        body: AgentPatch,
        response: { 200: AgentResponse },
      },
      config: adminAccess,
    },
    async (request) => {
      const agent = await changeAgent(ctx.db, staffActor(request), request.params.id, request.body);
      return { agent };
    },
  );

  r.delete(
    '/api/v1/admin/agents/:id',
    {
      schema: {
        tags,
        operationId: 'deleteAgent',
        summary: 'Remove an agent (their messages stay)',
        params: IdParams,
        response: { 200: Ok },
      },
      config: adminAccess,
    },
    async (request) => {
      await removeAgent(ctx.db, staffActor(request), request.params.id);
      return { ok: true };
    },
  );
}
