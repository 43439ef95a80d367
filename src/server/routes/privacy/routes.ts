import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { staffActor } from '../../plugins/auth.ts';
import { exportCustomer, findCustomersForRequest } from '../../../privacy/export.ts';
import { eraseCustomer } from '../../../privacy/erase.ts';
import { IdParams } from '../schemas.ts';
import type { AppContext } from '../../context.ts';

const admin = { access: { kind: 'staff' as const, role: 'admin' as const } };
const tags = ['privacy'];

const FindQuery = z
  .object({
    external_id: z.string().min(1).max(200).optional(),
    email: z.string().trim().toLowerCase().email().max(320).optional(),
  })
  .refine((q) => q.external_id || q.email, { message: 'give external_id or email' });

const EraseBody = z
  .object({ reason: z.string().max(200).optional().describe('For the record (no personal data, please): a ticket number, "GDPR art. 17"') })
  .optional();

const CustomerExport = z.looseObject({
  format: z.string().describe('baton.customer-export.v1 (docs/privacy.md)'),
  exported_at: z.string(),
  customer: z.looseObject({ id: z.string() }),
  conversations: z
    .array(z.looseObject({ id: z.string() }))
    .describe('Each with its messages, handoffs and events, personal values restored'),
});
const ErasedCounts = z.object({ customers: z.number(), conversations: z.number(), messages: z.number(), handoffs: z.number() });

// Data-subject requests (GDPR art. 15, 17, 20; CCPA): find, export, erase. Admins only; every
// export and erasure is written to the audit log in its transaction.
export function privacyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/privacy/customers',
    {
      schema: {
        tags,
        summary: 'Find a customer by external id or e-mail (for a data-subject request)',
        querystring: FindQuery,
        operationId: 'findCustomers',
        response: {
          200: z.object({
            customers: z.array(
              z.object({ id: z.string(), external_id: z.string().nullable(), verified: z.boolean(), created_at: z.string() }),
            ),
          }),
        },
      },
      config: admin,
    },
    async (request) => {
      const actor = staffActor(request);
      const rows = await findCustomersForRequest(ctx.db, actor.workspaceId, {
        externalId: request.query.external_id,
        email: request.query.email,
      });
      return {
        customers: rows.map((c) => ({
          id: c.id,
          external_id: c.external_id,
          verified: c.verified,
          created_at: new Date(c.created_at).toISOString(),
        })),
      };
    },
  );

  r.get(
    '/api/v1/privacy/customers/:id/export',
    {
      schema: {
        tags,
        summary: 'Everything about one customer as JSON, personal data restored from the vault (audited)',
        params: IdParams,
        operationId: 'exportCustomer',
        response: { 200: CustomerExport },
      },
      config: { ...admin, rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const actor = staffActor(request);
      const data = await exportCustomer(ctx.db, ctx.conversations.privacy, actor, request.params.id);
      if (!data) throw new AppError('not_found');
      reply.header('cache-control', 'no-store');
      reply.header('content-disposition', `attachment; filename="customer-${data.customer.id}.json"`);
      return data;
    },
  );

  r.post(
    '/api/v1/privacy/customers/:id/erase',
    {
      schema: {
        tags,
        summary: 'Erase a customer and all their conversations for good; anonymous counts stay (audited)',
        params: IdParams,
        body: EraseBody,
        operationId: 'eraseCustomer',
        response: { 200: z.object({ erased: ErasedCounts }) },
      },
      config: admin,
    },
    async (request) => {
      const actor = staffActor(request);
      const counts = await eraseCustomer(ctx.db, actor, request.params.id, request.body?.reason);
      if (!counts) throw new AppError('not_found');
      return { erased: counts };
    },
  );
}
