// A workspace's stored actions, ready to use: the document and a tool caller with the
// workspace's secret, API base and private-network switch. What the conversation layer and
// the admin's "test a tool" start from.
import type { Kysely } from 'kysely';
import type { Schema, WorkspaceActionsRow } from '../db/schema.ts';
import { findWorkspaceActions } from '../db/repositories/actions.ts';
import type { SecretBox } from '../connectors/crypto.ts';
import { actionsConfigSchema, type ActionsConfig } from './config.ts';
import { createToolCaller } from './tools/call.ts';
import type { CallTool } from './types.ts';

export interface WorkspaceActions {
  config: ActionsConfig;
  /** Null when the document names no apiBase: no tool can be called. */
  call: CallTool | null;
  allowPrivateNetwork: boolean;
}

/** The secret is sealed bound to its workspace: a sealed value copied to another row does not open. */
export const actionsSecretContext = (workspaceId: string): string => `actions:${workspaceId}`;

/** The workspace's actions, or null when it has none (no row, or no tools). */
export async function loadWorkspaceActions(
  db: Kysely<Schema>,
  box: () => Promise<SecretBox>,
  workspaceId: string,
): Promise<WorkspaceActions | null> {
  const row = await findWorkspaceActions(db, workspaceId);
  if (!row) return null;
  const config = actionsConfigSchema.parse(row.config);
  if (config.tools.length === 0) return null;
  return { config, call: await callerFor(row, config, box), allowPrivateNetwork: row.allow_private_network };
}

export async function callerFor(
  row: Pick<WorkspaceActionsRow, 'workspace_id' | 'secret_sealed' | 'allow_private_network'>,
  config: ActionsConfig,
  box: () => Promise<SecretBox>,
  apiBase = config.apiBase,
): Promise<CallTool | null> {
  if (!apiBase) return null;
  const secret = row.secret_sealed ? (await box()).open(row.secret_sealed, actionsSecretContext(row.workspace_id)) : null;
  return createToolCaller({ apiBase, secret, allowPrivate: row.allow_private_network });
}
