import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { SecretBox } from '../connectors/crypto.ts';
import type { ActionsConfig } from '../actions/config.ts';
import type { ActionTurnInput, ActionTurnResult } from '../actions/types.ts';
import { loadWorkspaceActions } from '../actions/workspace-actions.ts';
import { runModelActionTurn } from '../actions/model-turn.ts';
import { createLlmClient, processTokenBudget, withBudget } from '../engine/llm/index.ts';
import type { LlmConfig } from '../engine/llm/config.ts';
import type { ActionsPort } from '../conversations/ports.ts';

/** The playbook runner (src/actions/playbooks/runner.ts), or another that keeps its contract. */
export type RunActions = (config: ActionsConfig, input: ActionTurnInput, workspaceId: string) => Promise<ActionTurnResult>;

/**
 * With a model configured (BATON_LLM_*), a workspace's tools are offered to it as function calls
 * (src/actions/model-turn.ts; the engine keeps the guard rails), counted against the workspace's
 * token budget. Chosen once per server, not per turn: each runner reads only its own pending write.
 */
export function modelActionRunner(llm: LlmConfig): RunActions {
  const client = createLlmClient(llm);
  const budget = llm.budget ? processTokenBudget(llm.budget) : undefined;
  return (config, input, workspaceId) => {
    // A question the engine answers surely from an article no playbook is written for costs no
    // model call here (the answer writer words it); a write awaiting its yes always goes on.
    const triggers = new Set(config.playbooks.flatMap((pb) => pb.trigger.articles));
    const pending = !!(input.state?.model as { pending?: unknown } | undefined)?.pending;
    if (!pending && input.intent && input.intent.confidence >= input.threshold && !triggers.has(input.intent.id))
      return Promise.resolve({ handled: false, reply: '', state: input.state, calls: [], identity: input.identity });
    return runModelActionTurn(
      // Results are already shielded by the conversation's caller (conversations/tool-privacy.ts).
      { model: budget ? withBudget(client, budget, workspaceId) : client, redact: (text) => text, timeoutMs: llm.timeoutMs },
      config,
      input,
    );
  };
}

/**
 * Each workspace's stored actions (admin API, src/actions/admin.ts) as live conversations use
 * them: read on every call (the server keeps them per node with `cachedActions`, dropped on each
 * admin change, so a change still counts from the next line). A workspace without tools,
 * playbooks or an API base takes no action.
 */
export function storedActions(
  db: Kysely<Schema>,
  box: () => Promise<SecretBox>,
  run: RunActions,
  /** What a workspace needs for the runner to have anything to do: playbooks, or (a model) tools. */
  needs: 'playbooks' | 'tools' = 'playbooks',
): ActionsPort {
  return {
    async forWorkspace(workspaceId) {
      const stored = await loadWorkspaceActions(db, box, workspaceId);
      if (!stored?.call || stored.config[needs].length === 0) return null;
      const { config, call } = stored;
      return { config, call, run: (input) => run(config, input, workspaceId) };
    },
  };
}

/** How long a node trusts its copy of a workspace's actions without hearing of a change (a notice lost while the listener reconnects). */
const ACTIONS_TTL_MS = 10_000;

/**
 * A workspace's actions kept per node instead of read on every customer line (most workspaces
 * have none, and the answer is the same line after line). `forget` drops a workspace's copy:
 * called for every admin change of that workspace (a conversation-less event) on any node,
 * with the expiry as a backstop.
 */
export function cachedActions(port: ActionsPort, ttlMs = ACTIONS_TTL_MS): ActionsPort & { forget(workspaceId: string): void } {
  const kept = new Map<string, { at: number; actions: ReturnType<ActionsPort['forWorkspace']> }>();
  return {
    forWorkspace(workspaceId) {
      const hit = kept.get(workspaceId);
      if (hit && Date.now() - hit.at < ttlMs) return hit.actions;
      const actions = port.forWorkspace(workspaceId);
      const entry = { at: Date.now(), actions };
      kept.set(workspaceId, entry);
      // A failed read is not kept; nor is one a change overtook while it ran (forget replaced the entry).
      actions.catch(() => kept.get(workspaceId) === entry && kept.delete(workspaceId));
      return actions;
    },
    forget(workspaceId) {
      kept.delete(workspaceId);
    },
  };
}
