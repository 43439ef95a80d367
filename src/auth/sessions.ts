import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { AgentRow, AgentStatus, Schema } from '../db/schema.ts';
import { announceRevoked, deleteSession, insertSession } from '../db/repositories/auth.ts';
import { findAgent, findAgentsByEmail, setAgentStatus } from '../db/repositories/agents.ts';
import { hashToken, newToken, verifyPassword } from './secrets.ts';

export type { RevokedCredential } from '../db/repositories/auth.ts';

// Agents' sessions (bs_ bearer tokens, stored hashed) and their availability.

// scrypt hash of a random string nobody knows: the unknown-e-mail path costs the same.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Checks an agent's e-mail and password and opens a session. The same e-mail may belong to
 * agents of several workspaces: the one whose password matches is logged in, and when more
 * than one does, the workspace (its slug) must be named. `audit` records the attempt either
 * way, before a failure is answered.
 */
export async function logIn(
  db: Kysely<Schema>,
  credentials: { email: string; password: string; workspace?: string },
  ttlHours: number,
  audit: (agent: AgentRow | undefined, ok: boolean) => Promise<void>,
): Promise<{ token: string; expiresAt: Date; agent: AgentRow }> {
  const candidates = await findAgentsByEmail(db, credentials.email, credentials.workspace);
  // Verify against a real hash even when the e-mail is unknown, so timing does not tell.
  const checks = await Promise.all(
    (candidates.length ? candidates : [undefined]).map(async (a) => ({
      agent: a,
      ok: await verifyPassword(credentials.password, a?.password_hash ?? DUMMY_HASH),
    })),
  );
  const matches = checks.filter((c) => c.ok && c.agent).map((c) => c.agent!);
  const agent = matches.length === 1 ? matches[0] : undefined;
  await audit(agent ?? candidates[0], !!agent);
  if (matches.length > 1) throw new AppError('workspace_required');
  if (!agent) throw new AppError('invalid_credentials');
  const token = newToken('bs');
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await insertSession(db, { tokenHash: hashToken(token), agentId: agent.id, workspaceId: agent.workspace_id, expiresAt });
  return { token, expiresAt, agent };
}

/** Ends a session; the sockets it opened close on every node. */
export async function endSession(db: Kysely<Schema>, token: string): Promise<void> {
  const tokenHash = hashToken(token);
  await deleteSession(db, tokenHash);
  await announceRevoked(db, { kind: 'session', tokenHash });
}

export async function findMe(db: Kysely<Schema>, workspaceId: string, agentId: string): Promise<AgentRow> {
  const agent = await findAgent(db, workspaceId, agentId);
  if (!agent) throw new AppError('not_found');
  return agent;
}

/** An agent's availability (routing offers conversations to agents who are online). */
export const setAvailability = (db: Kysely<Schema>, workspaceId: string, agentId: string, status: AgentStatus): Promise<void> =>
  setAgentStatus(db, workspaceId, agentId, status);
