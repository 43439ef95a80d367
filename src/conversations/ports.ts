import type { Decision, HandoffReason, TurnInput } from '../engine/types.ts';
import type { ConversationRow, MessageRow } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import type { Tx } from './kernel.ts';
import type { ActionsConfig } from '../actions/config.ts';
import type { ActionTurnInput, ActionTurnResult, CallTool } from '../actions/types.ts';

/**
 * The bot's seat: given a workspace (its id: the turn carries the policy) and a turn, decide. The default seat runs the embedded
 * engine on the workspace's knowledge; tests and other engines plug in here.
 */
export interface BotSeat {
  decide(workspaceId: string, input: TurnInput): Promise<Decision>;
  /** Knowledge changed: rebuild what was learned from it. */
  invalidate(workspaceId: string): void;
}

/**
 * The handoff as the customer-message flow needs it (implemented by src/handoff/handoffs.ts),
 * so this folder never imports src/handoff. Both run in the caller's transaction.
 */
export interface HandoffPort {
  /** Pass control from the bot to humans; returns the moved conversation and what the customer is told. */
  start(
    tx: Tx,
    actor: Actor,
    conversation: ConversationRow,
    reasons: HandoffReason[],
    decision: Decision | null,
  ): Promise<{ conversation: ConversationRow; messages: MessageRow[] }>;
  /** A customer wrote while waiting for a person (queued or awaiting_customer). */
  customerWroteWhileWaiting(tx: Tx, actor: Actor, conversation: ConversationRow, message: MessageRow): Promise<void>;
}

/**
 * A workspace's actions (src/actions) as a live conversation uses them: its document, a caller
 * for its API (base URL, secret, SSRF guard, deadline) and the runner that takes a turn.
 * Built in src/app from the stored actions document; null when the workspace has none.
 */
export interface ActionsPort {
  forWorkspace(workspaceId: string): Promise<WorkspaceActions | null>;
}

export interface WorkspaceActions {
  config: ActionsConfig;
  /** The bare HTTP call; the conversation layer de-tokenises arguments and shields results around it. */
  call: CallTool;
  run(input: ActionTurnInput): Promise<ActionTurnResult>;
}
