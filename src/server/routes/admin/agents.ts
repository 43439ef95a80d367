import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { staffActor } from '../../plugins/auth.ts';
import { hashPassword } from '../../../auth/secrets.ts';
import { transaction } from '../../../db/transaction.ts';
import type { AgentRow, Schema } from '../../../db/schema.ts';
import { findAgent, insertAgent, listTeams } from '../../../db/repositories/agents.ts';
import { agentTeamIds, countAdmins, deleteAgent, deleteAgentSessions, listAgentsPage, rulesReferencing, setAgentTeams, updateAgent } from '../../../db/repositories/admin.ts';
import { presentAgent } from '../../../presenters/index.ts';
import { IdParams } from '../schemas.ts';
import type { AppContext } from '../../context.ts';
import { Agent, NextCursor, Ok } from '../responses.ts';
import { adminAccess, audit, decodeIdCursor, Languages, page, PageQuery, Skills, tags, uniquely } from './common.ts';

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
const AdminAgent = Agent.extend({ team_ids: z.array(z.string()) }).meta({ id: 'AdminAgent', description: 'An agent with the teams they belong to' });
const AgentResponse = z.object({ agent: AdminAgent });

const withTeams = (a: AgentRow, teams: string[] = []) => ({ ...presentAgent(a), team_ids: teams });

async function checkTeams(tx: Transaction<Schema>, workspaceId: string, ids: string[] | undefined): Promise<void> {
  if (!ids?.length) return;
  const known = new Set((await listTeams(tx, workspaceId)).map((t) => t.id));
  const bad = ids.filter((id) => !known.has(id));
  if (bad.length) throw new AppError('invalid_request', 'team_ids: no such team', { team_ids: bad });
}

export function agentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/admin/agents', { schema: { tags, operationId: 'listAdminAgents', summary: 'Agents (cursor-paginated)', querystring: PageQuery, response: { 200: z.object({ agents: z.array(AdminAgent), next_cursor: NextCursor }) } }, config: adminAccess }, async (request) => {
    const actor = staffActor(request);
    const rows = await listAgentsPage(ctx.db, actor.workspaceId, { afterId: decodeIdCursor(request.query.cursor), limit: request.query.limit + 1 });
    const { items, next_cursor } = page(rows, request.query.limit);
    const teams = await agentTeamIds(ctx.db, items.map((a) => a.id));
    return { agents: items.map((a) => withTeams(a, teams.get(a.id))), next_cursor };
  });

  r.post('/api/v1/admin/agents', { schema: { tags, operationId: 'inviteAgent', summary: 'Invite an agent with a first password', body: InviteBody, response: { 201: AgentResponse } }, config: adminAccess }, async (request, reply) => {
    const actor = staffActor(request);
    const b = request.body;
    const passwordHash = await hashPassword(b.password);
    const agent = await uniquely('An agent with this e-mail', () =>
      transaction(ctx.db, async (tx) => {
        await checkTeams(tx, actor.workspaceId, b.team_ids);
        const a = await insertAgent(tx, { id: randomUUID(), workspaceId: actor.workspaceId, email: b.email, name: b.name, passwordHash, role: b.role, skills: b.skills, languages: b.languages, capacity: b.capacity });
        await setAgentTeams(tx, actor.workspaceId, a.id, [...new Set(b.team_ids)]);
        const out = withTeams(a, [...new Set(b.team_ids)]);
        await audit(tx, actor, 'admin.agent.created', { agent_id: a.id, agent: out });
        return out;
      }),
    );
    reply.status(201);
    return { agent };
  });

  r.patch('/api/v1/admin/agents/:id', { schema: { tags, operationId: 'updateAgent', summary: 'Change an agent (role, skills, languages, capacity, teams, password)', params: IdParams, body: AgentPatch, response: { 200: AgentResponse } }, config: adminAccess }, async (request) => {
    const actor = staffActor(request);
    const b = request.body;
    const passwordHash = b.password ? await hashPassword(b.password) : undefined;
    const agent = await transaction(ctx.db, async (tx) => {
      const before = await findAgent(tx, actor.workspaceId, request.params.id);
      if (!before) throw new AppError('not_found');
      if (before.role === 'admin' && b.role && b.role !== 'admin' && (await countAdmins(tx, actor.workspaceId)) <= 1) {
        throw new AppError('conflict', 'This is the last admin of the workspace.');
      }
      await checkTeams(tx, actor.workspaceId, b.team_ids);
      const a = await updateAgent(tx, actor.workspaceId, before.id, { name: b.name, role: b.role, skills: b.skills, languages: b.languages, capacity: b.capacity, passwordHash });
      if (b.team_ids) await setAgentTeams(tx, actor.workspaceId, before.id, [...new Set(b.team_ids)]);
      // A new password (or a lower role) ends the agent's sessions.
      if (passwordHash || (b.role && b.role !== before.role)) await deleteAgentSessions(tx, before.id);
      const teams = (await agentTeamIds(tx, [before.id])).get(before.id);
      const out = withTeams(a!, teams);
      const changed = Object.keys(b).map((k) => (k === 'password' ? 'password' : k));
      await audit(tx, actor, 'admin.agent.updated', { agent_id: before.id, changed, before: presentAgent(before), after: presentAgent(a!) });
      return out;
    });
    return { agent };
  });

  r.delete('/api/v1/admin/agents/:id', { schema: { tags, operationId: 'deleteAgent', summary: 'Remove an agent (their messages stay)', params: IdParams, response: { 200: Ok } }, config: adminAccess }, async (request) => {
    const actor = staffActor(request);
    await transaction(ctx.db, async (tx) => {
      const before = await findAgent(tx, actor.workspaceId, request.params.id);
      if (!before) throw new AppError('not_found');
      if (actor.type === 'agent' && actor.id === before.id) throw new AppError('conflict', 'You cannot remove yourself.');
      if (before.role === 'admin' && (await countAdmins(tx, actor.workspaceId)) <= 1) throw new AppError('conflict', 'This is the last admin of the workspace.');
      const rules = await rulesReferencing(tx, actor.workspaceId, before.id);
      if (rules.length) throw new AppError('conflict', 'Routing rules name this agent: change them first.', { rules });
      await deleteAgent(tx, actor.workspaceId, before.id);
      await audit(tx, actor, 'admin.agent.deleted', { agent_id: before.id, email: before.email });
    });
    return { ok: true };
  });
}
