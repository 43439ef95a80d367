import type { FastifyInstance, RouteOptions } from 'fastify';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorEnvelope } from '../routes/responses.ts';
import { SESSION_COOKIE, type Access } from './auth.ts';

// The OpenAPI document (GET /api/v1/openapi.json, `baton openapi`, contracts/openapi.json):
// generated from the routes' zod schemas. This plugin fills in what every API route shares, from
// what the route already declares, so no route repeats it: the error envelope as its 4XX/5XX
// answer and its security from its declared access. Pages and files outside /api/v1 stay out.

const SECURITY_SCHEMES = {
  bearer: {
    type: 'http',
    scheme: 'bearer',
    description:
      'Authorization: Bearer <token>: an API key (bk_…, made by an admin), a customer token (ct_…, from starting a conversation) or a session token (bs_…, from login).',
  },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'The httpOnly session cookie login sets (the agent workspace). Unsafe methods must come from Baton’s own pages (Sec-Fetch-Site/Origin).',
  },
  conversationToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Conversation-Token',
    description: 'The customer token (ct_…), for clients that cannot set Authorization.',
  },
} as const;

/** Who may call a route, in OpenAPI terms: staff by token or cookie, customers by their token, or anyone. */
function securityFor(access: Access): Record<string, string[]>[] {
  if (access.kind === 'public') return [];
  if (access.kind === 'customer') return [{ bearer: [] }, { conversationToken: [] }];
  return [{ bearer: [] }, { session: [] }];
}

const TAGS = [
  { name: 'auth', description: 'Agent login, session and availability' },
  { name: 'widget', description: 'The customer side: what the chat widget (or a server acting for a customer) calls' },
  { name: 'conversations', description: 'Queues, conversations and the control moves agents make' },
  { name: 'workspace', description: 'Teams and agents, for any staff member' },
  { name: 'assist', description: 'The handoff brief, reply suggestions and macros' },
  { name: 'analytics', description: 'Support figures and the brief rating' },
  { name: 'qa', description: 'Monthly QA review of handoffs' },
  { name: 'admin', description: 'Workspace administration (role admin)' },
  { name: 'connectors', description: 'Helpdesk connectors and their inbound webhooks' },
  { name: 'webhooks', description: 'Outbound webhook subscriptions and deliveries' },
  { name: 'privacy', description: 'Data-subject requests: find, export, erase' },
  { name: 'ops', description: 'Health and the API document' },
];

const isApiRoute = (route: RouteOptions) =>
  route.url.startsWith('/api/v1') && !route.schema?.hide && !(route as { websocket?: boolean }).websocket;

/** Fills in each route's shared parts; refuses at boot an API route without an operationId or a response. */
function completeRoute(route: RouteOptions): void {
  if (!route.url.startsWith('/api/v1')) {
    route.schema = { ...route.schema, hide: true };
    return;
  }
  if (!isApiRoute(route)) return;
  const schema = (route.schema ??= {}) as NonNullable<RouteOptions['schema']> & { operationId?: string; security?: unknown };
  if (!schema.operationId || !schema.response) {
    throw new Error(
      `route ${String(route.method)} ${route.url} declares no ${schema.operationId ? 'response' : 'operationId'}: every API route must`,
    );
  }
  schema.response = { ...(schema.response as object), '4xx': ErrorEnvelope, '5xx': ErrorEnvelope };
  const access = route.config?.access;
  if (access && schema.security === undefined) schema.security = securityFor(access);
}

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

const ERROR_DESCRIPTION = 'The error envelope; the code says what went wrong (docs/api.md lists every code with its status)';

/**
 * The zod transform, plus: errors are always the JSON envelope, and a route that `produces`
 * another media type (the CSV export) has it for its success answer only.
 */
function transform(input: TransformInput): ReturnType<typeof jsonSchemaTransform> {
  const out = jsonSchemaTransform(input);
  const produces = (input.schema as { produces?: string[] } | undefined)?.produces;
  const response = (out.schema as { response?: Record<string, Record<string, unknown>> } | undefined)?.response;
  for (const [code, schema] of Object.entries(response ?? {})) {
    const failure = /^[45]/.test(code);
    if (!failure && !produces) continue;
    const { description, ...rest } = schema;
    const type = failure ? 'application/json' : produces![0]!;
    response![code] = { description: failure ? ERROR_DESCRIPTION : (description ?? 'OK'), content: { [type]: { schema: rest } } };
  }
  return out;
}

/** Named schemas, minus those no operation uses (zod's registry yields an input and an output copy of each). */
function transformObject(input: Parameters<typeof jsonSchemaTransformObject>[0]): ReturnType<typeof jsonSchemaTransformObject> {
  const doc = jsonSchemaTransformObject(input) as { components?: { schemas?: Record<string, unknown> } };
  const schemas = doc.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    const text = JSON.stringify(value) ?? '';
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (used.has(name!)) continue;
      used.add(name!);
      visit(schemas[name!]);
    }
  };
  visit({ ...doc, components: { ...doc.components, schemas: {} } });
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  return doc as ReturnType<typeof jsonSchemaTransformObject>;
}

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', completeRoute);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Baton API',
        version: '1',
        description: 'Self-hosted AI customer support with first-class handoff to humans. Errors: docs/api.md.',
        license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
      },
      servers: [{ url: '/', description: 'This Baton server' }],
      tags: TAGS,
      components: { securitySchemes: SECURITY_SCHEMES },
      security: securityFor({ kind: 'staff', role: 'viewer' }),
    },
    transform,
    transformObject,
  });
}

/** The document itself, as served. */
export const OpenApiDocument = z.record(z.string(), z.unknown()).describe('This document (OpenAPI 3.1)');
