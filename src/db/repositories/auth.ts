import type { AgentRow } from '../schema.ts';
import { json, type Executor } from './executor.ts';
import { notifyAfterCommit } from '../transaction.ts';

// Only hashes of bearer secrets are stored: a database leak gives no usable token.

export async function insertSession(
  db: Executor,
  s: { tokenHash: string; agentId: string; workspaceId: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ token_hash: s.tokenHash, agent_id: s.agentId, workspace_id: s.workspaceId, expires_at: s.expiresAt })
    .execute();
}

export async function findSessionAgent(db: Executor, tokenHash: string, now: Date): Promise<AgentRow | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('agents', 'agents.id', 'sessions.agent_id')
    .selectAll('agents')
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function insertApiKey(
  db: Executor,
  k: { id: string; workspaceId: string; name: string; keyHash: string; scopes: string[] },
): Promise<void> {
  await db
    .insertInto('api_keys')
    .values({ id: k.id, workspace_id: k.workspaceId, name: k.name, key_hash: k.keyHash, scopes: json(k.scopes) })
    .execute();
}

export async function findApiKey(db: Executor, keyHash: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'workspace_id', 'name', 'scopes'])
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchApiKey(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
}

/** The channel every node hears "this credential no longer holds" on (its realtime hub closes sockets). */
export const AUTH_CHANNEL = 'baton_auth';

/** A credential that was given up or taken away: a session by its token's hash, an API key by id. */
export type RevokedCredential = { kind: 'session'; tokenHash: string } | { kind: 'api_key'; id: string };

/** Tells every node, once the caller's transaction commits, that sockets opened with `credential` must close. */
export async function announceRevoked(db: Executor, credential: RevokedCredential): Promise<void> {
  await notifyAfterCommit(db, AUTH_CHANNEL, JSON.stringify(credential));
}

/** Whether a socket's credential still holds: the session exists and has not expired, the key is not revoked. */
export async function credentialHolds(db: Executor, credential: RevokedCredential, now: Date): Promise<boolean> {
  if (credential.kind === 'session') return (await findSessionAgent(db, credential.tokenHash, now)) !== undefined;
  const key = await db
    .selectFrom('api_keys')
    .select('id')
    .where('id', '=', credential.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return key !== undefined;
}
