import type { Decision, TurnInput } from '../engine/types.ts';
import type { Transaction } from 'kysely';
import type { Schema, WorkspaceRow } from '../db/schema.ts';
import type { SlaPayload } from '../handoff/routing/sla.ts';

/**
 * The bot's seat: given a workspace and a turn, decide. The default seat runs the embedded
 * engine on the workspace's knowledge; tests and other engines plug in here.
 */
export interface BotSeat {
  decide(workspace: WorkspaceRow, input: TurnInput): Promise<Decision>;
  /** Knowledge changed: rebuild what was learned from it. */
  invalidate(workspaceId: string): void;
}

/**
 * Starts a handoff's SLA timer in the caller's transaction (a durable job that fires after
 * `seconds`). Set once the job queue exists; without one (a core without background work),
 * no timer is started.
 */
export type SlaTimers = (tx: Transaction<Schema>, payload: SlaPayload, seconds: number) => Promise<void>;
