import type { FastifyRequest } from 'fastify';
import type { Executor } from '../db/repositories/executor.ts';
import type { AgentRow } from '../db/schema.ts';
import { sha256Hex } from './canonical.ts';
import { recordApiKeyUse, recordAudit } from './log.ts';

/** Where a request came from, as the audit log keeps it (no headers, no body). */
const origin = (request: FastifyRequest) => ({
  ip: request.ip,
  user_agent: String(request.headers['user-agent'] ?? '').slice(0, 200) || null,
});

/**
 * A login attempt. A failure for an e-mail nobody has keeps only a hash of it (enough to see
 * one address tried over and over, without storing whatever a stranger typed).
 */
export async function auditLogin(
  db: Executor,
  request: FastifyRequest,
  email: string,
  agent: AgentRow | undefined,
  ok: boolean,
): Promise<void> {
  if (agent && ok) {
    await recordAudit(db, {
      workspaceId: agent.workspace_id,
      type: 'auth.login.succeeded',
      actor: { type: 'agent', id: agent.id },
      subject: { type: 'agent', id: agent.id },
      data: origin(request),
    });
    return;
  }
  await recordAudit(db, {
    workspaceId: agent?.workspace_id ?? null,
    type: 'auth.login.failed',
    actor: { type: 'system', id: null },
    subject: agent ? { type: 'agent', id: agent.id } : null,
    data: {
      ...origin(request),
      reason: agent ? 'wrong_password' : 'unknown_email',
      ...(agent ? {} : { email_sha256: sha256Hex(email.toLowerCase()).slice(0, 16) }),
    },
  });
}

export async function auditLogout(db: Executor, request: FastifyRequest): Promise<void> {
  const a = request.actor;
  if (a?.type !== 'agent') return;
  await recordAudit(db, {
    workspaceId: a.workspaceId,
    type: 'auth.logout',
    actor: { type: 'agent', id: a.id },
    subject: { type: 'agent', id: a.id },
    data: origin(request),
  });
}

/** After authentication: an API key's first accepted request in an hour goes on record. */
export async function auditApiKeyUse(db: Executor, request: FastifyRequest): Promise<void> {
  const a = request.actor;
  if (a?.type !== 'api_key') return;
  await recordApiKeyUse(
    db,
    { id: a.id, workspaceId: a.workspaceId },
    { ...origin(request), route: `${request.method} ${request.routeOptions.url ?? ''}`, scopes: a.scopes },
  );
}
