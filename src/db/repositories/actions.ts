import type { WorkspaceActionsRow } from '../schema.ts';
import { json, type Executor } from './executor.ts';

// A workspace's actions row (migrations/0008_actions.ts): the document and the sealed secret.

export function findWorkspaceActions(db: Executor, workspaceId: string): Promise<WorkspaceActionsRow | undefined> {
  return db.selectFrom('workspace_actions').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/** Replaces the document (and the private-network switch), keeping the secret. */
export function saveActionsConfig(
  db: Executor,
  a: { workspaceId: string; config: Record<string, unknown>; allowPrivateNetwork: boolean; updatedBy: string | null },
): Promise<WorkspaceActionsRow> {
  const now = new Date();
  return db
    .insertInto('workspace_actions')
    .values({
      workspace_id: a.workspaceId,
      config: json(a.config),
      allow_private_network: a.allowPrivateNetwork,
      updated_at: now,
      updated_by: a.updatedBy,
    })
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet({
        config: json(a.config),
        allow_private_network: a.allowPrivateNetwork,
        updated_at: now,
        updated_by: a.updatedBy,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Sets (or with null clears) the sealed secret, keeping the document; a workspace without a row gets an empty one. */
export function saveActionsSecret(
  db: Executor,
  a: { workspaceId: string; secretSealed: string | null; updatedBy: string | null },
): Promise<WorkspaceActionsRow> {
  const now = new Date();
  return db
    .insertInto('workspace_actions')
    .values({ workspace_id: a.workspaceId, config: json({}), secret_sealed: a.secretSealed, updated_at: now, updated_by: a.updatedBy })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ secret_sealed: a.secretSealed, updated_at: now, updated_by: a.updatedBy }))
    .returningAll()
    .executeTakeFirstOrThrow();
}
