import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Schema } from '../db/schema.ts';
import { findWorkspace, updateWorkspacePolicy } from '../db/repositories/workspaces.ts';
import { findTeam } from '../db/repositories/agents.ts';
import type { Actor } from '../conversations/actor.ts';
import { adminChange } from './admin-change.ts';
import { readPolicy, type Policy } from './policy.ts';
import { safetyReplyDefaults } from '../engine/compose/replies.ts';

// The workspace policy as admins read and replace it.

/** What the policy's empty fields fall back to, shown beside them: the default safety replies by language. */
export const policyDefaults = safetyReplyDefaults;

export async function getPolicy(db: Kysely<Schema>, workspaceId: string): Promise<Policy> {
  const ws = await findWorkspace(db, workspaceId);
  if (!ws) throw new AppError('not_found');
  return readPolicy(ws.policy);
}

/** Replaces the policy's fields named in `next`; returns the policy with defaults filled in. */
export function replacePolicy(db: Kysely<Schema>, actor: Actor, next: Partial<Policy>): Promise<Policy> {
  return adminChange(db, actor, async (tx, audit) => {
    const ws = await findWorkspace(tx, actor.workspaceId);
    if (!ws) throw new AppError('not_found');
    if (next.defaultTeamId && !(await findTeam(tx, actor.workspaceId, next.defaultTeamId))) {
      throw new AppError('invalid_request', 'defaultTeamId: no such team', [{ path: '/defaultTeamId', message: 'no such team' }]);
    }
    const before = readPolicy(ws.policy);
    // Keys this version does not know are kept, so an older node never erases a newer setting.
    await updateWorkspacePolicy(tx, ws.id, { ...ws.policy, ...next });
    const changed = Object.keys(next).filter(
      (k) => JSON.stringify(next[k as keyof typeof next]) !== JSON.stringify(before[k as keyof typeof before]),
    );
    await audit('admin.policy.updated', { changed });
    return readPolicy({ ...ws.policy, ...next });
  });
}
