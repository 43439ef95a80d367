import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { endSession, findMe, logIn, setAvailability } from '../../../auth/sessions.ts';
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
      const { token, expiresAt, agent } = await logIn(ctx.db, request.body, ctx.env.SESSION_TTL_HOURS, (agent, ok) => auditLogin(ctx.db, request, request.body.email, agent, ok));
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
      if (token) await endSession(ctx.db, token);
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
      const agent = await findMe(ctx.db, actor.workspaceId, actor.id);
      return { agent: presentAgent(agent) };
    },
  );

  r.put(
    '/api/v1/me/status',
    { schema: { tags: ['auth'], summary: 'Set my availability', body: StatusBody }, config: { access: { kind: 'staff', role: 'viewer' } } },
    async (request) => {
      const actor = agentActor(request);
      await setAvailability(ctx.db, actor.workspaceId, actor.id, request.body.status);
      return { status: request.body.status };
    },
  );
}

