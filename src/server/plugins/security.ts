import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import pino, { type Logger } from 'pino';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../conversations/actor.ts';
import type { Role } from '../../db/schema.ts';
import { auditApiKeyUse } from '../../audit/auth.ts';
import { allows, credential, type Access } from './auth.ts';
import type { AppContext } from '../context.ts';
import { demoPage } from '../routes/static/demo-page.ts';
import { isWidgetScriptPath } from '../routes/static/widget-build.ts';
import { LANDING_STYLE } from '../routes/static/landing-page.ts';

// Response headers, CSRF protection for cookie sessions, the audit of API-key use, and the
// table of every route's declared access (docs/security.md).

/** Everything that is not a page: JSON answers load nothing and may not be framed. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The agent workspace: same-origin everything, never framed (routes/static sends it with the pages it serves). */
const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** CSP hashes of a page's inline event handlers (onclick="..."), so they run without 'unsafe-inline'. */
export function inlineHandlerHashes(html: string): string[] {
  const hashes = [...html.matchAll(/\son[a-z]+="([^"]*)"/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
  return [...new Set(hashes)];
}

/**
 * The demo host page: its scripts come from this origin only (the widget), inline styles are
 * allowed (the page's own, and the widget's shadow-root styles), and its one inline handler
 * (the "Open the chat" button) is allowed by hash, not by 'unsafe-inline'.
 */
const DEMO_CSP = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-hashes' ${inlineHandlerHashes(demoPage({})).join(' ')}`.trim(),
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
  "form-action 'none'",
].join('; ');

/** The landing page (/): no script at all, its one style block by hash, images (the icon) from here. */
const LANDING_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(LANDING_STYLE).digest('base64')}'`,
  "img-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Header, cookie and body fields that hold secrets: pino prints [redacted] instead. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-conversation-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  '*.apiKey',
  '*.api_key',
  '*.secret',
  '*.credentials',
  '*.identity_secret',
  '*.user_hash',
  '*.text',
  'body',
  '*.body',
];

/*
 * Database errors carry the values that failed: Postgres's `detail` ("Key (email)=(anna@...)
 * already exists"), `where` ("JSON data, line 1: ..."), `hint`, the internal query and its
 * parameters. None of that may reach a log; the code, constraint and message say enough.
 */
const ERROR_FIELDS_WITH_VALUES = new Set([
  'detail',
  'where',
  'hint',
  'internalQuery',
  'internalPosition',
  'position',
  'query',
  'parameters',
  'params',
]);

/** pino's error serializer, without the driver fields that hold the values of a row. */
export function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (typeof out !== 'object' || out === null) return out;
  for (const key of Object.keys(out)) if (ERROR_FIELDS_WITH_VALUES.has(key)) delete out[key];
  // 'invalid input syntax for type uuid: "anna@example.com"': the value ends the message.
  for (const key of ['message', 'stack'] as const) {
    if (typeof out[key] === 'string') out[key] = (out[key] as string).replace(/: "[^\n]*"(?=\n|$)/g, ': "[redacted]"');
  }
  if (out.cause) out.cause = serializeError((err as { cause?: unknown }).cause);
  return out;
}

/** Serializers for every logger of the process: errors without row values. */
export const LOG_SERIALIZERS = { err: serializeError, error: serializeError };

/** `?token=` (WebSocket logins) and other secret-looking query values never reach the log. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|key|secret|password|api_key)=)[^&#]*/gi, '$1[redacted]');
}

/** The logger the HTTP server uses: the process logger with secrets redacted. */
export function withRedaction(log: Logger): Logger {
  return log.child(
    {},
    {
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: {
        ...LOG_SERIALIZERS,
        req: (req: FastifyRequest) => ({ method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip }),
      },
    },
  );
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access | null;
}

const tables = new WeakMap<FastifyInstance, RouteAccess[]>();

/** Every route the server registered, with the access it declared (what the role walk checks). */
export function accessTable(app: FastifyInstance): RouteAccess[] {
  return tables.get(app) ?? [];
}

/** Who calls, in the role walk and in docs/security.md's table. */
export type Caller = 'anonymous' | 'customer' | 'viewer' | 'agent' | 'admin' | 'key:read' | 'key:write' | 'key:admin';
export const CALLERS: Caller[] = ['anonymous', 'customer', 'viewer', 'agent', 'admin', 'key:read', 'key:write', 'key:admin'];

function actorFor(caller: Caller): Actor | null {
  const ws = '00000000-0000-4000-8000-000000000000';
  if (caller === 'anonymous') return null;
  if (caller === 'customer') return { type: 'customer', id: ws, workspaceId: ws, conversationId: ws };
  if (caller.startsWith('key:')) return { type: 'api_key', id: ws, workspaceId: ws, scopes: [caller.slice(4)] };
  return { type: 'agent', id: ws, workspaceId: ws, role: caller as Role, name: caller };
}

/**
 * The answer a caller gets from the access check (plugins/auth.ts), before anything else:
 * null when it lets the request through; otherwise 401 (nobody), 403 (staff without the role)
 * or 404 (the wrong kind of caller: "not found or no access").
 */
export function expectedDenial(access: Access, caller: Caller): 401 | 403 | 404 | null {
  if (access.kind === 'public') return null;
  const actor = actorFor(caller);
  if (!actor) return 401;
  if (allows(actor, access)) return null;
  return access.kind === 'staff' && actor.type !== 'customer' ? 403 : 404;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A request the session cookie authenticates: the same choice the access check makes, so
 * an Authorization header it ignores ("Basic ...") does not exempt a cookie request.
 */
function cookieAuthenticated(request: FastifyRequest): boolean {
  return credential(request)?.source === 'cookie';
}

/**
 * Browsers say where a request comes from: Sec-Fetch-Site (all current browsers), or Origin.
 * A request with neither is not a browser's cross-site request (SameSite=Strict covers the rest).
 */
export function sameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return true;
  try {
    const forwarded = request.headers['x-forwarded-host'];
    const host = typeof forwarded === 'string' ? forwarded.split(',')[0]!.trim() : request.headers.host;
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function registerSecurity(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const table: RouteAccess[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) table.push({ method, url: route.url, access: route.config?.access ?? null });
  });

  // Built once: @fastify/helmet built helmet's middleware again on every request (its options
  // parsed each time), a few percent of the event loop's time per line (decisions/0005, eighth pass).
  const secureHeaders = helmet({
    // API_CSP, for every answer that is not one of the pages below.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Only meaningful over HTTPS, which COOKIE_SECURE says Baton is served behind.
    strictTransportSecurity: ctx.env.COOKIE_SECURE ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  // helmet calls back with an Error or nothing, as fastify's `done` takes (no closure per request).
  app.addHook('onRequest', (request, reply, done) => secureHeaders(request.raw, reply.raw, done as (err?: unknown) => void));

  // Per kind of response: the widget loads on other sites, the pages get their own policy.
  app.addHook('onSend', async (request, reply, payload) => {
    const path = request.url.split('?')[0] ?? '';
    if (isWidgetScriptPath(path) || path.startsWith('/api/v1/widget/')) {
      reply.header('cross-origin-resource-policy', 'cross-origin');
    } else if (path === '/') {
      reply.header('content-security-policy', LANDING_CSP);
    } else if (path === '/demo') {
      reply.header('content-security-policy', DEMO_CSP);
      reply.header('x-frame-options', 'SAMEORIGIN');
    } else if (path === '/app' || path.startsWith('/app/')) {
      const type = String(reply.getHeader('content-type') ?? '');
      if (type.startsWith('text/html') && String(reply.getHeader('content-security-policy')).startsWith("default-src 'none'"))
        reply.header('content-security-policy', APP_CSP);
    }
    if (reply.getHeader('set-cookie') !== undefined) reply.header('cache-control', 'no-store');
    return payload;
  });

  // CSRF: an unsafe request (or a WebSocket upgrade) that only the session cookie
  // authenticates must come from Baton's own pages. Bearer tokens are never sent by a browser
  // on its own, so they need no such check.
  app.addHook('onRequest', async (request) => {
    const upgrade = String(request.headers.upgrade ?? '').toLowerCase() === 'websocket';
    if (!UNSAFE.has(request.method) && !upgrade) return;
    if (!cookieAuthenticated(request)) return;
    if (!sameOrigin(request))
      throw new AppError('forbidden', 'Cross-site request refused: use Baton from its own pages, or authenticate with a bearer token.');
  });

  // After the access check: an API key's first accepted request in an hour goes on record.
  app.addHook('preHandler', async (request) => {
    if (request.actor?.type !== 'api_key') return;
    try {
      await auditApiKeyUse(ctx.db, request);
    } catch (err) {
      request.log.error({ err }, 'could not record API-key use in the audit log');
    }
  });
}

export { API_CSP, APP_CSP, DEMO_CSP };
