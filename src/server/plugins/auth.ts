import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import { AppError } from '../../errors.ts';
import { hashToken } from '../../auth/secrets.ts';
import type { Actor } from '../../conversations/actor.ts';
import type { Role, Schema } from '../../db/schema.ts';
import { findApiKey, findSessionAgent, touchApiKey } from '../../db/repositories/auth.ts';
import { findConversationByTokenHash } from '../../db/repositories/conversations.ts';

/** What a route needs. Every /api/v1 route must declare one: a route without it fails at boot. */
export type Access = { kind: 'public' } | { kind: 'customer' } | { kind: 'staff'; role: Role };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const SESSION_COOKIE = 'baton_session';
const ROLE_RANK: Record<Role, number> = { viewer: 0, agent: 1, admin: 2 };
/** API-key scopes that stand for each role. */
const SCOPE_FOR_ROLE: Record<Role, string> = { viewer: 'read', agent: 'write', admin: 'admin' };

/** Where a request's secret comes from; the CSRF check (plugins/security.ts) needs to know. */
export type CredentialSource = 'header' | 'cookie' | 'query';

/** The secret a request authenticates with, and where it came from; null when it has none. */
export function credential(request: FastifyRequest): { token: string; source: CredentialSource } | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), source: 'header' };
  const convToken = request.headers['x-conversation-token'];
  if (typeof convToken === 'string') return { token: convToken, source: 'header' };
  // Any other Authorization scheme ("Basic ...") is not ours: the cookie, if any, decides.
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) return { token: cookie, source: 'cookie' };
  // Browsers cannot set headers on a WebSocket: the socket routes take ?token=.
  const query = request.query as { token?: unknown } | undefined;
  if (request.routeOptions.url?.endsWith('/ws') && typeof query?.token === 'string') return { token: query.token, source: 'query' };
  return null;
}

/** The secret a request authenticates with (logout, sockets), wherever it came from. */
export const bearer = (request: FastifyRequest): string | null => credential(request)?.token ?? null;

/**
 * Customer tokens by hash. What a conversation token stands for (workspace, customer,
 * conversation) never changes, and every customer route reads its conversation anyway (an
 * erased one is "not found"), so a short-lived cache only saves the lookup on each message.
 */
export type CustomerTokenCache = LRUCache<string, Actor & { type: 'customer' }>;
export const customerTokenCache = (): CustomerTokenCache => new LRUCache({ max: 10_000, ttl: 60_000 });

/** Resolves a bearer secret to who holds it; null when it is unknown or expired. */
export async function resolveActor(db: Kysely<Schema>, token: string, customers?: CustomerTokenCache): Promise<Actor | null> {
  const hash = hashToken(token);
  if (token.startsWith('bs_')) {
    const agent = await findSessionAgent(db, hash, new Date());
    return agent ? { type: 'agent', id: agent.id, workspaceId: agent.workspace_id, role: agent.role, name: agent.name } : null;
  }
  if (token.startsWith('bk_')) {
    const key = await findApiKey(db, hash);
    if (!key) return null;
    await touchApiKey(db, key.id, new Date());
    return { type: 'api_key', id: key.id, workspaceId: key.workspace_id, scopes: key.scopes };
  }
  if (token.startsWith('ct_')) {
    const cached = customers?.get(hash);
    if (cached) return cached;
    const c = await findConversationByTokenHash(db, hash);
    if (!c) return null;
    const actor = { type: 'customer' as const, id: c.customer_id, workspaceId: c.workspace_id, conversationId: c.id };
    customers?.set(hash, Object.freeze(actor));
    return actor;
  }
  return null;
}

export function allows(actor: Actor | null, access: Access): boolean {
  if (access.kind === 'public') return true;
  if (!actor) return false;
  if (access.kind === 'customer') return actor.type === 'customer';
  if (actor.type === 'agent') return ROLE_RANK[actor.role] >= ROLE_RANK[access.role];
  if (actor.type === 'api_key') {
    return Object.entries(SCOPE_FOR_ROLE).some(
      ([role, scope]) => actor.scopes.includes(scope) && ROLE_RANK[role as Role] >= ROLE_RANK[access.role],
    );
  }
  return false;
}

export function registerAuth(app: FastifyInstance, db: Kysely<Schema>): void {
  app.decorateRequest('actor', null);
  const customers = customerTokenCache();
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && !route.config?.access) {
      throw new Error(`route ${route.method} ${route.url} declares no access: every API route must`);
    }
  });
  // Before validation, so an anonymous caller learns nothing from schema errors.
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access || access.kind === 'public') return;
    const token = credential(request)?.token;
    request.actor = token ? await resolveActor(db, token, customers) : null;
    if (!request.actor) throw new AppError('unauthenticated');
    // A customer token on a staff route, or a viewer on a write route: the same answer as
    // for something that does not exist, so ids leak nothing.
    if (!allows(request.actor, access))
      throw new AppError(access.kind === 'staff' && request.actor.type !== 'customer' ? 'forbidden' : 'not_found');
  });
}

/** Narrowing helpers for handlers that declared their access. */
export function staffActor(request: FastifyRequest): Actor & { type: 'agent' | 'api_key' } {
  const a = request.actor;
  if (!a || (a.type !== 'agent' && a.type !== 'api_key')) throw new AppError('unauthenticated');
  return a;
}

export function agentActor(request: FastifyRequest): Actor & { type: 'agent' } {
  const a = request.actor;
  if (!a || a.type !== 'agent') throw new AppError('forbidden', 'Only a logged-in agent can do this.');
  return a;
}

export function customerActor(request: FastifyRequest): Actor & { type: 'customer' } {
  const a = request.actor;
  if (!a || a.type !== 'customer') throw new AppError('unauthenticated');
  return a;
}
