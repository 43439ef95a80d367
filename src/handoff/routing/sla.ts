import { z } from 'zod';
import type { Transaction } from 'kysely';
import { defineJob, type JobDefinition } from '../../jobs/queue.ts';
import type { AppContext } from '../../server/context.ts';
import type { Schema } from '../../db/schema.ts';
import type { ConversationService } from '../../conversations/service.ts';
import type { RoutingDecision } from './engine.ts';
import { overflowHandoff } from '../service.ts';

// SLA overflow: when a handoff is routed to a team with a fallback, a timer is enqueued in the
// handoff's transaction. If nobody has accepted when it fires, the conversation moves to the
// fallback team (and is offered there), and the move is recorded with its reason.

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

/** Starts the SLA timer of a routed handoff, if its team has one; true when one was started. */
export async function scheduleSla(
  service: ConversationService,
  tx: Transaction<Schema>,
  routing: RoutingDecision,
  ids: { workspaceId: string; conversationId: string; handoffId: string },
  visited: string[] = [],
): Promise<boolean> {
  if (!routing.sla || !routing.team_id || !service.slaTimers) return false;
  await service.slaTimers(
    tx,
    { workspace_id: ids.workspaceId, conversation_id: ids.conversationId, handoff_id: ids.handoffId, team_id: routing.team_id, visited: [...visited, routing.team_id] },
    routing.sla.seconds,
  );
  return true;
}

export function slaOverflowJob(ctx: AppContext): JobDefinition<typeof SlaPayload> {
  const job = defineJob({
    name: 'handoff.sla-overflow.v1',
    schema: SlaPayload,
    retryLimit: 5,
    retryDelaySeconds: 2,
    handler: async (payload) => {
      await overflowHandoff(ctx.conversations, payload);
    },
  });
  ctx.conversations.slaTimers = async (tx, payload, seconds) => {
    await ctx.jobs.enqueue(job, payload, { tx, startAfterSeconds: Math.max(1, seconds), singletonKey: `sla:${payload.handoff_id}:${payload.team_id}` });
  };
  return job;
}
