import type { WorkspaceRow } from '../schema.ts';
import { json, type Executor } from './executor.ts';

export async function insertWorkspace(
  db: Executor,
  ws: { id: string; slug: string; name: string; identitySecret: string; policy?: Record<string, unknown> },
): Promise<WorkspaceRow> {
  return db
    .insertInto('workspaces')
    .values({ id: ws.id, slug: ws.slug, name: ws.name, identity_secret: ws.identitySecret, policy: json(ws.policy ?? {}) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findWorkspace(db: Executor, id: string): Promise<WorkspaceRow | undefined> {
  return db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findWorkspaceBySlug(db: Executor, slug: string): Promise<WorkspaceRow | undefined> {
  return db.selectFrom('workspaces').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function listWorkspaces(db: Executor): Promise<WorkspaceRow[]> {
  return db.selectFrom('workspaces').selectAll().orderBy('created_at').execute();
}

export async function updateWorkspacePolicy(db: Executor, id: string, policy: Record<string, unknown>): Promise<void> {
  await db
    .updateTable('workspaces')
    .set({ policy: json(policy) })
    .where('id', '=', id)
    .execute();
}

/** One trivial read: the health check's proof that the database answers. */
export async function pingDatabase(db: Executor): Promise<void> {
  await db.selectFrom('workspaces').select('id').limit(1).execute();
}
