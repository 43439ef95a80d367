import type { Transaction } from 'kysely';
import type { Decision, HandoffReason } from '../engine/types.ts';
import type { ConversationRow, CustomerRow, HandoffRow, MessageRow, Schema } from '../db/schema.ts';
import type { Actor } from '../conversations/actor.ts';
import { actorRef } from '../conversations/actor.ts';
import type { ConversationService } from '../conversations/service.ts';
import { appendEvent } from '../db/repositories/events.ts';
import { findOpenHandoff, updateHandoff } from '../db/repositories/handoffs.ts';
import { findCustomer, updateCustomer } from '../db/repositories/conversations.ts';
import { recentMessages } from '../db/repositories/messages.ts';
import { findTeam } from '../db/repositories/agents.ts';
import { findWorkspace } from '../db/repositories/workspaces.ts';
import { articlesByIds, findHandoffById } from '../db/repositories/briefs.ts';
import { buildBrief, signalsFromTranscript, type BriefSignals } from './brief/build.ts';
import { BriefSchema, type Brief } from './brief/schema.ts';
import { decideRoute, type RoutingDecision } from './routing/engine.ts';
import { loadRoutingInput } from './routing/load.ts';
import { scheduleSla, type SlaPayload } from './routing/sla.ts';

// The handoff's brief and routing, as the conversation core calls them (src/conversations/
// handoff.ts and the customer-message path). Everything runs in the caller's transaction.

type Tx = Transaction<Schema>;
const TRANSCRIPT_LIMIT = 200;

const citedIds = (messages: MessageRow[], decision: Decision | null): string[] => [
  ...messages.flatMap((m) => (m.citations as { articleId?: unknown }[]).map((c) => c.articleId).filter((id): id is string => typeof id === 'string')),
  ...(decision?.citations ?? []).map((c) => c.articleId),
];

async function briefFor(
  tx: Tx,
  args: { conversation: ConversationRow; customer: CustomerRow; transcript: MessageRow[]; reasons: HandoffReason[]; signals: BriefSignals; routing: RoutingDecision; decision: Decision | null; previous: Brief | null },
): Promise<Brief> {
  const articles = await articlesByIds(tx, args.conversation.workspace_id, citedIds(args.transcript, args.decision));
  return buildBrief({
    conversation: args.conversation,
    customer: args.customer,
    messages: args.transcript,
    reasons: args.reasons,
    signals: args.signals,
    routing: args.routing,
    articles,
    considered: args.decision?.citations,
    now: new Date(),
    previous: args.previous,
  });
}

/** Decides where the handoff goes and builds its brief. */
export async function prepareHandoff(
  tx: Tx,
  a: { conversation: ConversationRow; customer: CustomerRow; transcript: MessageRow[]; reasons: HandoffReason[]; decision: Decision | null; policy: unknown },
): Promise<{ routing: RoutingDecision; brief: Brief }> {
  const d = a.decision;
  const signals: BriefSignals = d
    ? { intent: d.intent, sentiment: d.sentiment, confidence: d.confidence, threshold: d.threshold }
    : signalsFromTranscript(a.transcript, a.conversation);
  const input = await loadRoutingInput(tx, {
    conversation: a.conversation,
    customer: a.customer,
    reasons: a.reasons,
    intent: signals.intent?.id ?? null,
    sentiment: signals.sentiment,
    policy: a.policy,
  });
  const routing = decideRoute(input);
  const brief = await briefFor(tx, { ...a, signals, routing, previous: null });
  return { routing, brief };
}

/** The conversation fields routing sets on the handoff move. */
export const routingPatch = (r: RoutingDecision) => ({ team_id: r.team_id, assignee_id: r.agent_id, priority: r.priority });

/** After the handoff row exists: record the decision, mark the offer, start the SLA timer. */
export async function afterHandoff(
  service: ConversationService,
  tx: Tx,
  a: { actor: Actor; conversation: ConversationRow; handoff: HandoffRow; routing: RoutingDecision },
): Promise<void> {
  const { routing, handoff, conversation } = a;
  const sla = routing.on_shift
    ? await scheduleSla(service, tx, routing, { workspaceId: conversation.workspace_id, conversationId: conversation.id, handoffId: handoff.id })
    : false;
  if (routing.agent_id || sla) await updateHandoff(tx, handoff.id, { ...(routing.agent_id ? { offered_at: new Date() } : {}), ...(sla ? { routing: { ...routing, sla_scheduled: true } } : {}) });
  await appendEvent(tx, {
    workspaceId: conversation.workspace_id,
    conversationId: conversation.id,
    type: 'routing.decided',
    actor: actorRef(a.actor),
    data: {
      handoff_id: handoff.id,
      rule_id: routing.rule?.id ?? null,
      team_id: routing.team_id,
      agent_id: routing.agent_id,
      assignment: routing.assignment,
      priority: routing.priority,
      on_shift: routing.on_shift,
      sla_seconds: sla ? routing.sla?.seconds : null,
      why: routing.why,
    },
  });
}

/** What the customer is told when the handoff is made. */
export function handoffNotice(routing: RoutingDecision, customer: { email: string | null }): string {
  if (!routing.on_shift) {
    const away = routing.business_hours.open ? 'Nobody from our team is available right now.' : 'Our team is away right now (outside our business hours).';
    return customer.email
      ? `${away} We will get back to you at the e-mail address we have for you; you can also add details here, this conversation stays open.`
      : `${away} Leave your e-mail address here and we will get back to you; this conversation stays open.`;
  }
  return routing.team_name ? `Connecting you with the ${routing.team_name} team.` : 'Connecting you with a person.';
}

const EMAIL_RE = /^[\w.+-]+@[\w-]+(\.[\w-]+)+$/;

/**
 * The e-mail address a customer left for us to reply to. The PII shield has turned it into a
 * token (<EMAIL_1>); the conversation's sealed state holds the value, restored for this one use.
 */
function leftEmail(service: ConversationService, conversation: ConversationRow, message: MessageRow): string | undefined {
  const token = /<EMAIL_\d+>/.exec(message.redacted_text)?.[0];
  const plain = /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(message.redacted_text)?.[0];
  const value = token ? service.privacy.restore(token, conversation.pii_state) : plain;
  return value && EMAIL_RE.test(value) ? value : undefined;
}

/**
 * A customer wrote while waiting for a person (queued or awaiting_customer): the brief takes
 * the new message in, and an e-mail address left while nobody was on shift goes on the
 * customer record.
 */
export async function onCustomerMessageWhileWaiting(service: ConversationService, tx: Tx, actor: Actor, conversation: ConversationRow, message: MessageRow): Promise<void> {
  const ws = conversation.workspace_id;
  const handoff = await findOpenHandoff(tx, ws, conversation.id);
  if (!handoff) return;
  let customer = await findCustomer(tx, ws, conversation.customer_id);
  if (!customer) return;
  const email = conversation.status === 'awaiting_customer' && !customer.email ? leftEmail(service, conversation, message) : undefined;
  if (email) {
    await updateCustomer(tx, customer.id, { email });
    customer = { ...customer, email };
    await appendEvent(tx, { workspaceId: ws, conversationId: conversation.id, type: 'customer.contact_collected', actor: actorRef(actor), data: { customer_id: customer.id, field: 'email' } });
    const system: Actor = { type: 'system', id: null, workspaceId: ws };
    await service.addMessage(tx, system, conversation, { author: 'system', text: 'Thank you: we will reply to that e-mail address as soon as someone is back.' });
  }
  await rebuildBrief(tx, { conversation, customer, handoff, routing: handoff.routing as unknown as RoutingDecision, update: message });
  await appendEvent(tx, { workspaceId: ws, conversationId: conversation.id, type: 'handoff.brief_updated', actor: actorRef(actor), data: { handoff_id: handoff.id, seq: message.seq } });
}

async function rebuildBrief(
  tx: Tx,
  a: { conversation: ConversationRow; customer: CustomerRow; handoff: HandoffRow; routing: RoutingDecision; update?: MessageRow },
): Promise<Brief> {
  const transcript = await recentMessages(tx, a.conversation.id, TRANSCRIPT_LIMIT);
  const parsed = BriefSchema.safeParse(a.handoff.brief);
  const previous = parsed.success ? parsed.data : null;
  const signals: BriefSignals = previous
    ? { intent: previous.intent, sentiment: previous.sentiment?.score ?? null, confidence: previous.escalation.confidence, threshold: previous.escalation.threshold }
    : signalsFromTranscript(transcript, a.conversation);
  const brief = await briefFor(tx, {
    conversation: a.conversation,
    customer: a.customer,
    transcript,
    reasons: a.handoff.reasons as HandoffReason[],
    signals,
    routing: a.routing,
    decision: null,
    previous,
  });
  if (previous) brief.knowledge = [...brief.knowledge, ...previous.knowledge.filter((k) => !brief.knowledge.some((b) => b.id === k.id))];
  if (a.update) brief.updates = [...brief.updates, { at: new Date().toISOString(), message_id: a.update.id, seq: a.update.seq }];
  await updateHandoff(tx, a.handoff.id, { brief });
  return brief;
}

/** The SLA timer fired: if nobody accepted, move the conversation to the team's fallback. */
export async function overflowHandoff(service: ConversationService, p: SlaPayload): Promise<void> {
  const system: Actor = { type: 'system', id: null, workspaceId: p.workspace_id };
  await service.run(system, p.conversation_id, async (tx, c) => {
    const handoff = await findHandoffById(tx, p.workspace_id, p.handoff_id);
    if (!handoff || handoff.accepted_at || handoff.resolved_at) return;
    if (c.status !== 'queued' || c.team_id !== p.team_id) return; // accepted, or moved on by hand
    const team = await findTeam(tx, p.workspace_id, p.team_id);
    const fallback = team?.fallback_team_id ? await findTeam(tx, p.workspace_id, team.fallback_team_id) : undefined;
    if (!team || !fallback || p.visited.includes(fallback.id)) return;
    const [workspace, customer] = await Promise.all([findWorkspace(tx, p.workspace_id), findCustomer(tx, p.workspace_id, c.customer_id)]);
    if (!customer) return;
    const previous = handoff.routing as unknown as RoutingDecision & { history?: unknown[] };
    const input = await loadRoutingInput(tx, { conversation: c, customer, reasons: handoff.reasons as HandoffReason[], intent: c.intent, sentiment: null, policy: workspace?.policy });
    // Whoever was offered it and let it sit is not offered it again.
    input.agents = input.agents.filter((a) => a.id !== c.assignee_id);
    input.forceTeam = { id: fallback.id, why: `nobody accepted within ${team.name}'s SLA of ${team.sla_seconds} s: overflow to ${fallback.name}` };
    const decided = decideRoute(input);
    const routing = {
      ...decided,
      overflow_from: { team_id: team.id, team_name: team.name, sla_seconds: team.sla_seconds },
      history: [...(previous.history ?? []), { team_id: previous.team_id, team_name: previous.team_name, agent_id: previous.agent_id, why: previous.why, decided_at: previous.decided_at }],
    };
    const moved = await service.move(tx, system, c, 'transfer_team', routingPatch(decided), { handoff_id: handoff.id, why: decided.why });
    await updateHandoff(tx, handoff.id, { team_id: fallback.id, routing, ...(decided.agent_id ? { offered_at: new Date() } : {}) });
    await rebuildBrief(tx, { conversation: moved, customer, handoff, routing: decided });
    await appendEvent(tx, {
      workspaceId: p.workspace_id,
      conversationId: c.id,
      type: 'routing.overflow',
      actor: actorRef(system),
      data: { handoff_id: handoff.id, from_team_id: team.id, to_team_id: fallback.id, agent_id: decided.agent_id, why: decided.why },
    });
    await scheduleSla(service, tx, decided, { workspaceId: p.workspace_id, conversationId: c.id, handoffId: handoff.id }, p.visited);
  });
}
