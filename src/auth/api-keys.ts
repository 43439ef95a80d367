import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Schema } from '../db/schema.ts';
import { announceRevoked, insertApiKey } from '../db/repositories/auth.ts';
import { listApiKeys as listApiKeyRows, revokeApiKey as revokeApiKeyRow } from '../db/repositories/admin.ts';
import type { Actor } from '../conversations/actor.ts';
import { adminChange } from '../workspaces/admin-change.ts';
import { hashToken, newToken } from './secrets.ts';

// API keys: the secret is shown once, at creation; only its hash is stored.

export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeyRows>>[number];

export const listApiKeys = (db: Kysely<Schema>, workspaceId: string): Promise<ApiKeyRow[]> => listApiKeyRows(db, workspaceId);

export async function createApiKey(
  db: Kysely<Schema>,
  actor: Actor,
  b: { name: string; scopes: string[] },
): Promise<{ id: string; name: string; scopes: string[]; key: string }> {
  const key = newToken('bk');
  const id = randomUUID();
  const scopes = [...new Set(b.scopes)];
  await adminChange(db, actor, async (tx, audit) => {
    await insertApiKey(tx, { id, workspaceId: actor.workspaceId, name: b.name, keyHash: hashToken(key), scopes });
    await audit('admin.api_key.created', { api_key_id: id, name: b.name, scopes });
  });
  return { id, name: b.name, scopes, key };
}

export function revokeApiKey(db: Kysely<Schema>, actor: Actor, id: string): Promise<ApiKeyRow> {
  return adminChange(db, actor, async (tx, audit) => {
    const k = await revokeApiKeyRow(tx, actor.workspaceId, id, new Date());
    if (!k) throw new AppError('not_found');
    await audit('admin.api_key.revoked', { api_key_id: k.id, name: k.name });
    // Sockets opened with this key close, on every node, once the revocation commits.
    await announceRevoked(tx, { kind: 'api_key', id: k.id });
    return k;
  });
}
