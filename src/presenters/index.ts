import type { VerifiedIdentity } from '../actions/types.ts';
import { offeredOptions, type Citation } from '../engine/types.ts';
import type { AgentRow, ConversationRow, CustomerRow, HandoffRow, MessageRow, TeamRow } from '../db/schema.ts';

// Row -> API JSON, in one place: REST responses and WebSocket pushes share these shapes.

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function presentConversation(c: ConversationRow) {
  return {
    id: c.id,
    status: c.status,
    controller: c.controller,
    channel: c.channel,
    language: c.language,
    customer_id: c.customer_id,
    assignee_id: c.assignee_id,
    team_id: c.team_id,
    priority: c.priority,
    intent: c.intent,
    tags: c.tags,
    csat: c.csat,
    last_seq: c.last_seq,
    created_at: iso(c.created_at),
    updated_at: iso(c.updated_at),
  };
}

const PREVIEW_CHARS = 140;

/** A conversation as an inbox row: who, their latest line (redacted, trimmed), and the intent in words. */
export function presentConversationRow(
  c: ConversationRow,
  s: { customer_name: string | null; last_customer_text: string | null; intent_title: string | null } | undefined,
) {
  const text = s?.last_customer_text?.replace(/\s+/g, ' ').trim() || null;
  return {
    ...presentConversation(c),
    customer_name: s?.customer_name ?? null,
    preview: text && text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1).trimEnd()}…` : text,
    intent_label: s?.intent_title ?? null,
  };
}

/** What a customer may see of their own conversation. */
export function presentConversationForCustomer(c: ConversationRow) {
  return { id: c.id, status: c.status, controller: c.controller, language: c.language, csat: c.csat, created_at: iso(c.created_at) };
}

/** The pages a bot's clarifying question offers, or null. */
function optionsOf(m: MessageRow) {
  const options = m.author === 'bot' ? offeredOptions(m.trace) : [];
  return options.length ? options : null;
}

/**
 * Staff see the redacted text (the clear values are the vault's to reveal, on purpose and on
 * record). Customers see their own words as typed (`restore` puts their values back) and
 * never internal notes or traces.
 */
const messageBase = (m: MessageRow, text: string) => ({
  id: m.id,
  conversation_id: m.conversation_id,
  seq: m.seq,
  author: m.author,
  agent_id: m.agent_id,
  text,
  // Stored as JSON: what the engine cited (engine/types.ts Citation).
  citations: m.citations as Citation[],
  options: optionsOf(m),
  created_at: iso(m.created_at),
});
export function presentMessage(
  m: MessageRow,
  audience: 'staff',
): ReturnType<typeof messageBase> & { internal: boolean; trace: Record<string, unknown> | null };
export function presentMessage(m: MessageRow, audience: 'customer', restore?: (text: string) => string): ReturnType<typeof messageBase>;
export function presentMessage(m: MessageRow, audience: 'staff' | 'customer', restore: (text: string) => string = (t) => t) {
  const base = messageBase(m, audience === 'customer' ? restore(m.text) : m.redacted_text);
  if (audience === 'customer') return base;
  return { ...base, internal: m.internal, trace: m.trace };
}

export function presentHandoff(h: HandoffRow) {
  return {
    id: h.id,
    conversation_id: h.conversation_id,
    reasons: h.reasons,
    brief: h.brief,
    routing: h.routing,
    team_id: h.team_id,
    requested_at: iso(h.requested_at),
    offered_at: iso(h.offered_at),
    accepted_at: iso(h.accepted_at),
    first_agent_reply_at: iso(h.first_agent_reply_at),
    resolved_at: iso(h.resolved_at),
  };
}

export function presentAgent(a: AgentRow) {
  return {
    id: a.id,
    email: a.email,
    name: a.name,
    role: a.role,
    skills: a.skills,
    languages: a.languages,
    capacity: a.capacity,
    status: a.status,
  };
}

export function presentTeam(t: TeamRow, memberIds: string[] = []) {
  return {
    id: t.id,
    name: t.name,
    skills: t.skills,
    sla_seconds: t.sla_seconds,
    fallback_team_id: t.fallback_team_id,
    member_ids: memberIds,
  };
}

export function presentCustomer(c: CustomerRow) {
  return { id: c.id, external_id: c.external_id, name: c.name, email: c.email, verified: c.verified, attributes: c.attributes };
}

// Identity details in the words the workspace shows ("e-mail lookup", "name and zip code lookup").
const DETAIL: Record<string, string> = { email: 'e-mail', first_name: 'name', last_name: 'name', zip: 'zip code', phone: 'phone number' };

/**
 * How the bot verified the customer in this conversation with a verification tool: which tool and
 * which kinds of detail (slot names), never the values or the account id. Null when it did not.
 */
export function presentBotVerification(identity: unknown) {
  const id = identity as VerifiedIdentity | null;
  if (!id || id.via !== 'tool') return null;
  const using = id.using ?? [];
  const kinds = [...new Set(using.map((s) => DETAIL[s] ?? s.replace(/_/g, ' ')))];
  const method = kinds.length ? `${kinds.join(' and ')} lookup` : (id.tool ?? 'a verification tool');
  return { tool: id.tool ?? null, using, method };
}
