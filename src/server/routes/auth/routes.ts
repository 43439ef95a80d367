import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { endSession, findMe, logIn, setAvailability } from '../../../auth/sessions.ts';
import { presentAgent } from '../../../presenters/index.ts';
import { agentActor, bearer, SESSION_COOKIE } from '../../plugins/auth.ts';
import type { AppContext } from '../../context.ts';
import { Agent, Ok } from '../responses.ts';
import { auditLogin, auditLogout } from '../../../audit/auth.ts';

const LoginBody = z.object({
  email: z.string().trim().email().max(320),
  password: z.string().min(1).max(1024),
  workspace: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('The workspace slug; needed only when the e-mail and password fit agents of several'),
});
const StatusBody = z.object({ status: z.enum(['online', 'away', 'offline']) });
const LoginResponse = z.object({
  token: z.string().describe('The session token (bs_…), also set as the session cookie'),
  expires_at: z.string(),
  agent: Agent,
});

/**
 * Login attempts count per address and e-mail, so an attacker hammering one account (or many
 * clients behind one proxy) cannot lock everyone else out; one address trying many e-mails
 * meets a ceiling five times as high.
 */
const perAddressAndEmail = (request: FastifyRequest): string => {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return `${request.ip}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
};

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const perAddress = app.createRateLimit({ max: ctx.env.RATE_LIMIT_LOGIN_PER_MINUTE * 5, timeWindow: '1 minute' });

  r.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        operationId: 'login',
        summary: 'Log in as an agent; sets a session cookie and returns the token',
        body: LoginBody,
        response: { 200: LoginResponse },
      },
      config: {
        access: { kind: 'public' },
        rateLimit: {
          max: ctx.env.RATE_LIMIT_LOGIN_PER_MINUTE,
          timeWindow: '1 minute',
          keyGenerator: perAddressAndEmail,
          hook: 'preHandler',
        },
      },
      onRequest: async (request) => {
        const limit = await perAddress(request);
        if (!limit.isAllowed && limit.isExceeded) throw new AppError('rate_limited');
      },
    },
    async (request, reply) => {
      const { token, expiresAt, agent } = await logIn(ctx.db, request.body, ctx.env.SESSION_TTL_HOURS, (agent, ok) =>
        auditLogin(ctx.db, request, request.body.email, agent, ok),
      );
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
    {
      schema: { tags: ['auth'], operationId: 'logout', summary: 'End the current session', response: { 200: Ok } },
      config: { access: { kind: 'staff', role: 'viewer' } },
    },
    async (request, reply) => {
      const token = bearer(request);
      // Sockets opened with this session close, on every node (auth/sessions.ts announces it).
      if (token) await endSession(ctx.db, token);
      await auditLogout(ctx.db, request);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  r.get(
    '/api/v1/me',
    {
      schema: { tags: ['auth'], operationId: 'getMe', summary: 'The logged-in agent', response: { 200: z.object({ agent: Agent }) } },
      config: { access: { kind: 'staff', role: 'viewer' } },
    },
    async (request) => {
      const actor = agentActor(request);
      const agent = await findMe(ctx.db, actor.workspaceId, actor.id);
      return { agent: presentAgent(agent) };
    },
  );

  r.put(
    '/api/v1/me/status',
    {
      schema: {
        tags: ['auth'],
        operationId: 'setMyStatus',
        summary: 'Set my availability',
        body: StatusBody,
        response: { 200: StatusBody },
      },
      config: { access: { kind: 'staff', role: 'viewer' } },
    },
    async (request) => {
      const actor = agentActor(request);
      await setAvailability(ctx.db, actor.workspaceId, actor.id, request.body.status);
      return { status: request.body.status };
    },
  );
}
