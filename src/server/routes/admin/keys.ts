import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { staffActor } from '../../plugins/auth.ts';
import { hashToken, newToken } from '../../../auth/secrets.ts';
import { transaction } from '../../../db/transaction.ts';
import { announceRevoked, insertApiKey } from '../../../db/repositories/auth.ts';
import { listApiKeys, revokeApiKey } from '../../../db/repositories/admin.ts';
import { IdParams } from '../schemas.ts';
import type { AppContext } from '../../context.ts';
import { adminAccess, audit, tags } from './common.ts';

const KeyBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    scopes: z.array(z.enum(['read', 'write', 'admin'])).min(1).max(3).describe('read = viewer, write = agent, admin = admin'),
  })
  .strict();

const ApiKey = z
  .object({ id: z.string(), name: z.string(), scopes: z.array(z.string()), created_at: z.string().nullable(), last_used_at: z.string().nullable(), revoked_at: z.string().nullable() })
  .meta({ id: 'ApiKey', description: 'An API key, never its secret' });
const NewApiKey = z.object({ id: z.string(), name: z.string(), scopes: z.array(z.string()), key: z.string().describe('The secret (bk_…): shown this once') });

type KeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const presentKey = (k: KeyRow) => ({ id: k.id, name: k.name, scopes: k.scopes, created_at: iso(k.created_at), last_used_at: iso(k.last_used_at), revoked_at: iso(k.revoked_at) });

// API keys: the secret is shown once, at creation; only its hash is stored.
export function keyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/admin/api-keys', { schema: { tags, operationId: 'listApiKeys', summary: 'API keys (never the secrets)', response: { 200: z.object({ api_keys: z.array(ApiKey) }) } }, config: adminAccess }, async (request) => ({
    api_keys: (await listApiKeys(ctx.db, staffActor(request).workspaceId)).map(presentKey),
  }));

  r.post('/api/v1/admin/api-keys', { schema: { tags, operationId: 'createApiKey', summary: 'Create a key: the response holds the secret, once', body: KeyBody, response: { 201: z.object({ api_key: NewApiKey }) } }, config: adminAccess }, async (request, reply) => {
    const actor = staffActor(request);
    const key = newToken('bk');
    const id = randomUUID();
    const scopes = [...new Set(request.body.scopes)];
    await transaction(ctx.db, async (tx) => {
      await insertApiKey(tx, { id, workspaceId: actor.workspaceId, name: request.body.name, keyHash: hashToken(key), scopes });
      await audit(tx, actor, 'admin.api_key.created', { api_key_id: id, name: request.body.name, scopes });
    });
    reply.status(201);
    return { api_key: { id, name: request.body.name, scopes, key } };
  });

  r.delete('/api/v1/admin/api-keys/:id', { schema: { tags, operationId: 'revokeApiKey', summary: 'Revoke a key (at once, on every node)', params: IdParams, response: { 200: z.object({ api_key: ApiKey }) } }, config: adminAccess }, async (request) => {
    const actor = staffActor(request);
    const row = await transaction(ctx.db, async (tx) => {
      const k = await revokeApiKey(tx, actor.workspaceId, request.params.id, new Date());
      if (!k) throw new AppError('not_found');
      await audit(tx, actor, 'admin.api_key.revoked', { api_key_id: k.id, name: k.name });
      // Sockets opened with this key close, on every node, once the revocation commits.
      await announceRevoked(tx, { kind: 'api_key', id: k.id });
      return k;
    });
    return { api_key: presentKey(row) };
  });
}
