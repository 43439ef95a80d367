import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerErrorHandling } from './plugins/errors.ts';
import { registerAuth } from './plugins/auth.ts';
import { OpenApiDocument, registerOpenApi } from './plugins/openapi.ts';
import { registerInputChecks } from './plugins/input.ts';
import { registerCompression } from './plugins/compression.ts';
import { registerRequestLog } from './plugins/request-log.ts';
import { authRoutes } from './routes/auth/routes.ts';
import { widgetRoutes } from './routes/widget/routes.ts';
import { conversationRoutes } from './routes/conversations/routes.ts';
import { workspaceRoutes } from './routes/workspace/routes.ts';
import { realtimeRoutes } from './realtime/routes.ts';
import { staticRoutes } from './routes/static/routes.ts';
import { connectorRoutes } from './routes/connectors/routes.ts';
import { webhookRoutes } from './routes/webhooks/routes.ts';
import { adminRoutes } from './routes/admin/routes.ts';
import { assistRoutes } from './routes/assist/routes.ts';
import { analyticsRoutes } from './routes/analytics/routes.ts';
import { qaRoutes } from './routes/qa/routes.ts';
import type { AppContext } from './context.ts';
import { registerSecurity, withRedaction } from './plugins/security.ts';
import { auditRoutes } from './routes/audit/routes.ts';
import { privacyRoutes } from './routes/privacy/routes.ts';

/** TRUST_PROXY as Fastify takes it: n hops means the n addresses nearest to us are proxies. */
function trustedProxies(setting: number | string[] | false): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

/** Builds the HTTP + WebSocket server; listening is the caller's choice (tests use port 0). */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: withRedaction(ctx.log) as FastifyBaseLogger,
    // Requests are logged once each, by plugins/request-log.ts, at a level that depends on the answer.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: ctx.env.BODY_LIMIT,
    // request.ip is the client's behind the proxies TRUST_PROXY names, the peer's otherwise.
    trustProxy: trustedProxies(ctx.env.TRUST_PROXY),
    // A client that sends its headers or body slowly holds a connection: it gets 408 after
    // REQUEST_TIMEOUT_MS, checked every second (Node's default check is every 30 s).
    requestTimeout: ctx.env.REQUEST_TIMEOUT_MS,
    // An idle keep-alive connection is closed after KEEP_ALIVE_TIMEOUT_MS (Fastify's default
    // is 72 s); WebSockets have their own ping (realtime/routes.ts).
    keepAliveTimeout: ctx.env.KEEP_ALIVE_TIMEOUT_MS,
    maxRequestsPerSocket: ctx.env.MAX_REQUESTS_PER_SOCKET,
    http: { headersTimeout: Math.min(ctx.env.HEADERS_TIMEOUT_MS, ctx.env.REQUEST_TIMEOUT_MS), connectionsCheckingInterval: 1000 },
  });
  app.server.maxConnections = ctx.env.MAX_CONNECTIONS;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerRequestLog(app, { slowMs: ctx.env.SLOW_REQUEST_MS });
  // The API speaks JSON only: any other body type is refused with 415 rather than half-parsed.
  app.removeContentTypeParser('text/plain');

  // Before any route: it decides per route whether answers are compressed.
  await registerCompression(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false, errorResponseBuilder: () => ({ statusCode: 429, message: 'rate limited' }) });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await registerOpenApi(app);
  registerAuth(app, ctx.db);
  registerInputChecks(app);
  await registerSecurity(app, ctx);

  authRoutes(app, ctx);
  widgetRoutes(app, ctx);
  conversationRoutes(app, ctx);
  workspaceRoutes(app, ctx);
  realtimeRoutes(app, ctx);
  staticRoutes(app, ctx);
  connectorRoutes(app, ctx);
  webhookRoutes(app, ctx);
  adminRoutes(app, ctx);
  assistRoutes(app, ctx);
  analyticsRoutes(app, ctx);
  qaRoutes(app, ctx);
  auditRoutes(app, ctx);
  privacyRoutes(app, ctx);

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/openapi.json',
    {
      schema: {
        tags: ['ops'],
        operationId: 'getOpenApiDocument',
        summary: 'This API described (OpenAPI 3.1)',
        response: { 200: OpenApiDocument },
      },
      config: { access: { kind: 'public' } },
    },
    async () => app.swagger() as unknown as Record<string, unknown>,
  );
  return app;
}
