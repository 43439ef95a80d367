import { z } from 'zod';
import { defineJob, type JobDefinition, type JobQueue } from '../../jobs/queue.ts';
import type { Tx } from '../../conversations/kernel.ts';
import type { RoutingDecision } from './engine.ts';

// SLA overflow: when a handoff is routed to a team with a fallback, a timer is enqueued in the
// handoff's transaction. If nobody has accepted when it fires, the conversation moves to the
// fallback team (and is offered there), and the move is recorded with its reason (overflow.ts).

export const SlaPayload = z.object({
  workspace_id: z.string().uuid(),
  conversation_id: z.string().uuid(),
  handoff_id: z.string().uuid(),
  /** The team whose SLA this is: if the conversation has moved on, the timer does nothing. */
  team_id: z.string().uuid(),
  /** Teams already tried, so fallbacks that point at each other stop. */
  visited: z.array(z.string().uuid()).max(20).default([]),
});
export type SlaPayload = z.infer<typeof SlaPayload>;

/**
 * Starts a handoff's SLA timer in the caller's transaction (a durable job that fires after
 * `seconds`). Handed to the handoff service when it is built; without one (a core without
 * background work), no timer is started.
 */
export type SlaTimer = (tx: Tx, payload: SlaPayload, seconds: number) => Promise<void>;

/** Enqueue handle (name and payload); the handler is bound to the handoff service by makeSlaOverflowJob. */
export const slaOverflowJob = defineJob({
  name: 'handoff.sla-overflow.v1',
  schema: SlaPayload,
  retryLimit: 5,
  retryDelaySeconds: 2,
  handler: async () => {
    throw new Error('handoff.sla-overflow.v1 runs through makeSlaOverflowJob');
  },
});

/** The SLA timer on the job queue: one timer per handoff and team. */
export const slaTimerOn =
  (jobs: Pick<JobQueue, 'enqueue'>): SlaTimer =>
  async (tx, payload, seconds) => {
    await jobs.enqueue(slaOverflowJob, payload, {
      tx,
      startAfterSeconds: Math.max(1, seconds),
      singletonKey: `sla:${payload.handoff_id}:${payload.team_id}`,
    });
  };

/** The job that runs when a timer fires: `overflow` moves the conversation on if nobody accepted. */
export const makeSlaOverflowJob = (handoffs: { overflow(p: SlaPayload): Promise<void> }): JobDefinition<typeof SlaPayload> => ({
  ...slaOverflowJob,
  handler: (payload) => handoffs.overflow(payload),
});

/** Starts the SLA timer of a routed handoff, if its team has one; true when one was started. */
export async function scheduleSla(
  sla: SlaTimer | null,
  tx: Tx,
  routing: RoutingDecision,
  ids: { workspaceId: string; conversationId: string; handoffId: string },
  visited: string[] = [],
): Promise<boolean> {
  if (!routing.sla || !routing.team_id || !sla) return false;
  await sla(
    tx,
    {
      workspace_id: ids.workspaceId,
      conversation_id: ids.conversationId,
      handoff_id: ids.handoffId,
      team_id: routing.team_id,
      visited: [...visited, routing.team_id],
    },
    routing.sla.seconds,
  );
  return true;
}
