import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { SecretBox } from '../connectors/crypto.ts';
import type { ActionsConfig } from '../actions/config.ts';
import type { ActionTurnInput, ActionTurnResult } from '../actions/types.ts';
import { loadWorkspaceActions } from '../actions/workspace-actions.ts';
import type { ActionsPort } from '../conversations/ports.ts';

/** The playbook runner (src/actions/playbooks/runner.ts), or another that keeps its contract. */
export type RunActions = (config: ActionsConfig, input: ActionTurnInput) => Promise<ActionTurnResult>;

/**
 * Each workspace's stored actions (admin API, src/actions/admin.ts) as live conversations use
 * them: read per turn, so an admin's change counts from the next line. A workspace without
 * tools, playbooks or an API base takes no action.
 */
export function storedActions(db: Kysely<Schema>, box: () => Promise<SecretBox>, run: RunActions): ActionsPort {
  return {
    async forWorkspace(workspaceId) {
      const stored = await loadWorkspaceActions(db, box, workspaceId);
      if (!stored?.call || stored.config.playbooks.length === 0) return null;
      const { config, call } = stored;
      return { config, call, run: (input) => run(config, input) };
    },
  };
}
