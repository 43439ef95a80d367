import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../../errors.ts';
import { staffActor } from '../../plugins/auth.ts';
import { transaction } from '../../../db/transaction.ts';
import { findWorkspace, updateWorkspacePolicy } from '../../../db/repositories/workspaces.ts';
import { findTeam } from '../../../db/repositories/agents.ts';
import { PolicySchema, readPolicy } from '../../../workspaces/policy.ts';
import type { AppContext } from '../../context.ts';
import { z } from 'zod';

const PolicyResponse = z.object({ policy: PolicySchema });
import { adminAccess, audit, tags } from './common.ts';

// The workspace policy: threshold, always-human intents and topics, languages, business hours, PII.
export function policyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/admin/policy', { schema: { tags, operationId: 'getPolicy', summary: 'The workspace policy (defaults filled in)', response: { 200: PolicyResponse } }, config: adminAccess }, async (request) => {
    const ws = await findWorkspace(ctx.db, staffActor(request).workspaceId);
    if (!ws) throw new AppError('not_found');
    return { policy: readPolicy(ws.policy) };
  });

  r.put(
    '/api/v1/admin/policy',
    { schema: { tags, operationId: 'replacePolicy', summary: 'Replace the workspace policy (omitted fields take their defaults)', body: PolicySchema.strict(), response: { 200: PolicyResponse } }, config: adminAccess },
    async (request) => {
      const actor = staffActor(request);
      const next = request.body;
      return transaction(ctx.db, async (tx) => {
        const ws = await findWorkspace(tx, actor.workspaceId);
        if (!ws) throw new AppError('not_found');
        if (next.defaultTeamId && !(await findTeam(tx, actor.workspaceId, next.defaultTeamId))) {
          throw new AppError('invalid_request', 'defaultTeamId: no such team', [{ path: '/defaultTeamId', message: 'no such team' }]);
        }
        const before = readPolicy(ws.policy);
        // Keys this version does not know are kept, so an older node never erases a newer setting.
        await updateWorkspacePolicy(tx, ws.id, { ...ws.policy, ...next });
        const changed = Object.keys(next).filter((k) => JSON.stringify(next[k as keyof typeof next]) !== JSON.stringify(before[k as keyof typeof before]));
        await audit(tx, actor, 'admin.policy.updated', { changed });
        return { policy: readPolicy({ ...ws.policy, ...next }) };
      });
    },
  );
}
