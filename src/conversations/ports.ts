import type { Decision, TurnInput } from '../engine/types.ts';
import type { WorkspaceRow } from '../db/schema.ts';

/**
 * The bot's seat: given a workspace and a turn, decide. The default seat runs the embedded
 * engine on the workspace's knowledge; tests and other engines plug in here.
 */
export interface BotSeat {
  decide(workspace: WorkspaceRow, input: TurnInput): Promise<Decision>;
  /** Knowledge changed: rebuild what was learned from it. */
  invalidate(workspaceId: string): void;
}
