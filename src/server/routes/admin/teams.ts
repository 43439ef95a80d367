import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { staffActor } from '../../plugins/auth.ts';
import { transaction } from '../../../db/transaction.ts';
import type { Schema } from '../../../db/schema.ts';
import { findTeam, insertTeam, listAgents, listTeamMemberIds, listTeams } from '../../../db/repositories/agents.ts';
import { deleteTeam, rulesReferencing, setTeamMembers, updateTeam } from '../../../db/repositories/admin.ts';
import { presentTeam } from '../../../presenters/index.ts';
import { IdParams } from '../schemas.ts';
import type { AppContext } from '../../context.ts';
import { Ok, Team } from '../responses.ts';
import { adminAccess, audit, Skills, tags, uniquely } from './common.ts';

const TeamFields = {
  name: z.string().trim().min(1).max(100),
  skills: Skills,
  sla_seconds: z.number().int().min(1).max(7 * 24 * 3600).describe('How long a handoff may wait unaccepted before it overflows to the fallback team'),
  fallback_team_id: z.string().uuid().nullable(),
  member_ids: z.array(z.string().uuid()).max(1000),
};
const TeamBody = z
  .object({ ...TeamFields, skills: TeamFields.skills.default([]), sla_seconds: TeamFields.sla_seconds.default(300), fallback_team_id: TeamFields.fallback_team_id.default(null), member_ids: TeamFields.member_ids.default([]) })
  .strict();
const TeamPatch = z.object(TeamFields).partial().strict();

async function checkRefs(tx: Transaction<Schema>, workspaceId: string, teamId: string | null, b: { fallback_team_id?: string | null; member_ids?: string[] }): Promise<void> {
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

export function teamRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const present = async (db: Parameters<typeof listTeamMemberIds>[0], t: Parameters<typeof presentTeam>[0]) => presentTeam(t, await listTeamMemberIds(db, t.id));

  r.get('/api/v1/admin/teams', { schema: { tags, operationId: 'listAdminTeams', summary: 'Teams with members, skills, SLA and fallback', response: { 200: z.object({ teams: z.array(Team) }) } }, config: adminAccess }, async (request) => {
    const teams = await listTeams(ctx.db, staffActor(request).workspaceId);
    return { teams: await Promise.all(teams.map((t) => present(ctx.db, t))) };
  });

  r.post('/api/v1/admin/teams', { schema: { tags, operationId: 'createTeam', summary: 'Create a team', body: TeamBody, response: { 201: z.object({ team: Team }) } }, config: adminAccess }, async (request, reply) => {
    const actor = staffActor(request);
    const b = request.body;
    const team = await uniquely('A team with this name', () =>
      transaction(ctx.db, async (tx) => {
        await checkRefs(tx, actor.workspaceId, null, b);
        const t = await insertTeam(tx, { id: randomUUID(), workspaceId: actor.workspaceId, name: b.name, skills: b.skills, slaSeconds: b.sla_seconds, fallbackTeamId: b.fallback_team_id });
        await setTeamMembers(tx, t.id, [...new Set(b.member_ids)]);
        const out = await present(tx, t);
        await audit(tx, actor, 'admin.team.created', { team_id: t.id, team: out });
        return out;
      }),
    );
    reply.status(201);
    return { team };
  });

  r.patch('/api/v1/admin/teams/:id', { schema: { tags, operationId: 'updateTeam', summary: 'Change a team', params: IdParams, body: TeamPatch, response: { 200: z.object({ team: Team }) } }, config: adminAccess }, async (request) => {
    const actor = staffActor(request);
    const b = request.body;
    const team = await uniquely('A team with this name', () =>
      transaction(ctx.db, async (tx) => {
        const before = await findTeam(tx, actor.workspaceId, request.params.id);
        if (!before) throw new AppError('not_found');
        await checkRefs(tx, actor.workspaceId, before.id, b);
        const beforeOut = await present(tx, before);
        const t = await updateTeam(tx, actor.workspaceId, before.id, { name: b.name, skills: b.skills, slaSeconds: b.sla_seconds, fallbackTeamId: b.fallback_team_id });
        if (b.member_ids) await setTeamMembers(tx, before.id, [...new Set(b.member_ids)]);
        const out = await present(tx, t!);
        await audit(tx, actor, 'admin.team.updated', { team_id: before.id, before: beforeOut, after: out });
        return out;
      }),
    );
    return { team };
  });

  r.delete('/api/v1/admin/teams/:id', { schema: { tags, operationId: 'deleteTeam', summary: 'Delete a team (its conversations go to the workspace queue)', params: IdParams, response: { 200: Ok } }, config: adminAccess }, async (request) => {
    const actor = staffActor(request);
    await transaction(ctx.db, async (tx) => {
      const before = await findTeam(tx, actor.workspaceId, request.params.id);
      if (!before) throw new AppError('not_found');
      const rules = await rulesReferencing(tx, actor.workspaceId, before.id);
      if (rules.length) throw new AppError('conflict', 'Routing rules send handoffs to this team: change them first.', { rules });
      await deleteTeam(tx, actor.workspaceId, before.id);
      await audit(tx, actor, 'admin.team.deleted', { team_id: before.id, name: before.name });
    });
    return { ok: true };
  });
}
