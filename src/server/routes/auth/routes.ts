import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { hashToken, newToken, verifyPassword } from '../../../auth/secrets.ts';
import { deleteSession, insertSession } from '../../../db/repositories/auth.ts';
import { findAgent, findAgentByEmail, setAgentStatus } from '../../../db/repositories/agents.ts';
import { presentAgent } from '../../../presenters/index.ts';
import { agentActor, SESSION_COOKIE } from '../../plugins/auth.ts';
import type { AppContext } from '../../context.ts';
import { auditLogin, auditLogout } from '../../../audit/auth.ts';

const LoginBody = z.object({ email: z.string().trim().email().max(320), password: z.string().min(1).max(1024) });
const StatusBody = z.object({ status: z.enum(['online', 'away', 'offline']) });

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Log in as an agent; sets a session cookie and returns the token', body: LoginBody },
      config: { access: { kind: 'public' }, rateLimit: { max: ctx.env.RATE_LIMIT_LOGIN_PER_MINUTE, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const agent = await findAgentByEmail(ctx.db, request.body.email);
      // Verify against a real hash even when the e-mail is unknown, so timing does not tell.
      const ok = await verifyPassword(request.body.password, agent?.password_hash ?? DUMMY_HASH);
      await auditLogin(ctx.db, request, request.body.email, agent, ok);
      if (!agent || !ok) throw new AppError('invalid_credentials');
      const token = newToken('bs');
      const expiresAt = new Date(Date.now() + ctx.env.SESSION_TTL_HOURS * 3600_000);
      await insertSession(ctx.db, { tokenHash: hashToken(token), agentId: agent.id, workspaceId: agent.workspace_id, expiresAt });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.env.COOKIE_SECURE,
        path: '/',
        expires: expiresAt,
      });
      return { token, expires_at: expiresAt.toISOString(), agent: presentAgent(agent) };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the current session' }, config: { access: { kind: 'staff', role: 'viewer' } } },
    async (request, reply) => {
      const header = request.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7) : request.cookies[SESSION_COOKIE];
      if (token) await deleteSession(ctx.db, hashToken(token));
      await auditLogout(ctx.db, request);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  r.get(
    '/api/v1/me',
    { schema: { tags: ['auth'], summary: 'The logged-in agent' }, config: { access: { kind: 'staff', role: 'viewer' } } },
    async (request) => {
      const actor = agentActor(request);
      const agent = await findAgent(ctx.db, actor.workspaceId, actor.id);
      if (!agent) throw new AppError('not_found');
      return { agent: presentAgent(agent) };
    },
  );

  r.put(
    '/api/v1/me/status',
    { schema: { tags: ['auth'], summary: 'Set my availability', body: StatusBody }, config: { access: { kind: 'staff', role: 'viewer' } } },
    async (request) => {
      const actor = agentActor(request);
      await setAgentStatus(ctx.db, actor.workspaceId, actor.id, request.body.status);
      return { status: request.body.status };
    },
  );
}

// scrypt hash of a random string nobody knows: the unknown-e-mail path costs the same.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
