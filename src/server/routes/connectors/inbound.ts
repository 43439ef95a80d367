import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { receiveInbound } from '../../../connectors/inbound.ts';
import type { AppContext } from '../../context.ts';
import { InboundParams, InboundResponse } from './schema.ts';

/**
 * Vendors' webhooks. Public (the vendor signs instead), so the body is kept raw: signatures are
 * over the exact bytes. A bad signature is 401 and changes nothing.
 */
export function inboundRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/api/v1/connectors/:vendor/webhook/:workspaceId',
      {
        schema: {
          tags: ['connectors'],
          operationId: 'receiveConnectorWebhook',
          summary: 'Inbound helpdesk webhook (signature-verified)',
          params: InboundParams,
          response: { 200: InboundResponse },
        },
        config: { access: { kind: 'public' }, rateLimit: { max: 1200, timeWindow: '1 minute' } },
      },
      async (request) => {
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return receiveInbound(ctx.outbound, request.params.vendor, request.params.workspaceId, {
          headers: request.headers,
          rawBody,
          now: new Date(),
        });
      },
    );
  });
}
