import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffActor } from '../../plugins/auth.ts';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyRow } from '../../../auth/api-keys.ts';
import { IdParams } from '../schemas.ts';
import type { AppContext } from '../../context.ts';
import { adminAccess, tags } from './common.ts';

const KeyBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    scopes: z
      .array(z.enum(['read', 'write', 'admin']))
      .min(1)
      .max(3)
      .describe('read = viewer, write = agent, admin = admin'),
  })
  .strict();

const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(z.string()),
    created_at: z.string().nullable(),
    last_used_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
  })
  .meta({ id: 'ApiKey', description: 'An API key, never its secret' });
const NewApiKey = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  key: z.string().describe('The secret (bk_…): shown this once'),
});

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const presentKey = (k: ApiKeyRow) => ({
  id: k.id,
  name: k.name,
  scopes: k.scopes,
  created_at: iso(k.created_at),
  last_used_at: iso(k.last_used_at),
  revoked_at: iso(k.revoked_at),
});

// API keys: the secret is shown once, at creation; only its hash is stored.
export function keyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/admin/api-keys',
    {
      schema: {
        tags,
        operationId: 'listApiKeys',
        summary: 'API keys (never the secrets)',
        response: { 200: z.object({ api_keys: z.array(ApiKey) }) },
      },
      config: adminAccess,
    },
    async (request) => ({
      api_keys: (await listApiKeys(ctx.db, staffActor(request).workspaceId)).map(presentKey),
    }),
  );

  r.post(
    '/api/v1/admin/api-keys',
    {
      schema: {
        tags,
        operationId: 'createApiKey',
        summary: 'Create a key: the response holds the secret, once',
        body: KeyBody,
        response: { 201: z.object({ api_key: NewApiKey }) },
      },
      config: adminAccess,
    },
    async (request, reply) => {
      const api_key = await createApiKey(ctx.db, staffActor(request), request.body);
      reply.status(201);
      return { api_key };
    },
  );

  r.delete(
    '/api/v1/admin/api-keys/:id',
    {
      schema: {
        tags,
        operationId: 'revokeApiKey',
        summary: 'Revoke a key (at once, on every node)',
        params: IdParams,
        response: { 200: z.object({ api_key: ApiKey }) },
      },
      config: adminAccess,
    },
    async (request) => {
      const row = await revokeApiKey(ctx.db, staffActor(request), request.params.id);
      return { api_key: presentKey(row) };
    },
  );
}
