import type { HandoffReason } from '../../engine/types.ts';
import { appendEvent } from '../../db/repositories/events.ts';
import { updateHandoff } from '../../db/repositories/handoffs.ts';
import { findCustomer } from '../../db/repositories/conversations.ts';
import { findTeam } from '../../db/repositories/agents.ts';
import { findWorkspace } from '../../db/repositories/workspaces.ts';
import { findHandoffById } from '../../db/repositories/briefs.ts';
import { actorRef, type Actor } from '../../conversations/actor.ts';
import type { ConversationKernel } from '../../conversations/kernel.ts';
import { rebuildBrief } from '../brief/refresh.ts';
import { routingPatch } from '../start.ts';
import { decideRoute, type RoutingDecision } from './engine.ts';
import { loadRoutingInput } from './load.ts';
import { scheduleSla, type SlaPayload, type SlaTimer } from './sla.ts';

/** The SLA timer fired: if nobody accepted, move the conversation to the team's fallback. */
export async function overflowHandoff(kernel: ConversationKernel, sla: SlaTimer | null, p: SlaPayload): Promise<void> {
  const system: Actor = { type: 'system', id: null, workspaceId: p.workspace_id };
  await kernel.run(system, p.conversation_id, async (tx, c) => {
    const handoff = await findHandoffById(tx, p.workspace_id, p.handoff_id);
    if (!handoff || handoff.accepted_at || handoff.resolved_at) return;
    if (c.status !== 'queued' || c.team_id !== p.team_id) return; // accepted, or moved on by hand
    const team = await findTeam(tx, p.workspace_id, p.team_id);
    const fallback = team?.fallback_team_id ? await findTeam(tx, p.workspace_id, team.fallback_team_id) : undefined;
    if (!team || !fallback || p.visited.includes(fallback.id)) return;
    const [workspace, customer] = await Promise.all([findWorkspace(tx, p.workspace_id), findCustomer(tx, p.workspace_id, c.customer_id)]);
    if (!customer) return;
    const previous = handoff.routing as unknown as RoutingDecision & { history?: unknown[] };
    const input = await loadRoutingInput(tx, {
      conversation: c,
      customer,
      reasons: handoff.reasons as HandoffReason[],
      intent: c.intent,
      sentiment: null,
      policy: workspace?.policy,
    });
    // Whoever was offered it and let it sit is not offered it again.
    input.agents = input.agents.filter((a) => a.id !== c.assignee_id);
    input.forceTeam = {
      id: fallback.id,
      why: `nobody accepted within ${team.name}'s SLA of ${team.sla_seconds} s: overflow to ${fallback.name}`,
    };
    const decided = decideRoute(input);
    const routing = {
      ...decided,
      overflow_from: { team_id: team.id, team_name: team.name, sla_seconds: team.sla_seconds },
      history: [
        ...(previous.history ?? []),
        {
          team_id: previous.team_id,
          team_name: previous.team_name,
          agent_id: previous.agent_id,
          why: previous.why,
          decided_at: previous.decided_at,
        },
      ],
    };
    const moved = await kernel.move(tx, system, c, 'transfer_team', routingPatch(decided), { handoff_id: handoff.id, why: decided.why });
    await updateHandoff(tx, handoff.id, { team_id: fallback.id, routing, ...(decided.agent_id ? { offered_at: new Date() } : {}) });
    await rebuildBrief(tx, { conversation: moved, customer, handoff, routing: decided });
    await appendEvent(tx, {
      workspaceId: p.workspace_id,
      conversationId: c.id,
      type: 'routing.overflow',
      actor: actorRef(system),
      data: { handoff_id: handoff.id, from_team_id: team.id, to_team_id: fallback.id, agent_id: decided.agent_id, why: decided.why },
    });
    await scheduleSla(sla, tx, decided, { workspaceId: p.workspace_id, conversationId: c.id, handoffId: handoff.id }, p.visited);
  });
}
