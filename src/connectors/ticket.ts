import type { Executor } from '../db/repositories/executor.ts';
import type { ConnectorRow, ConnectorThreadRow } from '../db/schema.ts';
import { findConversation, findCustomer } from '../db/repositories/conversations.ts';
import { listMessages } from '../db/repositories/messages.ts';
import { listTeams } from '../db/repositories/agents.ts';
import { findHandoffById } from '../db/repositories/briefs.ts';
import { renderBrief } from './render.ts';
import type { HandoffTicket } from './types.ts';

/**
 * The handoff as a helpdesk sees it, built when the ticket is created (not when the handoff
 * happened: a retried job reads the same rows). Text is the redacted text unless the workspace
 * allowed this connector clear text.
 */
export async function buildTicket(db: Executor, connector: ConnectorRow, thread: ConnectorThreadRow): Promise<HandoffTicket> {
  const handoff = await findHandoffById(db, thread.workspace_id, thread.handoff_id);
  if (!handoff) throw new Error(`handoff ${thread.handoff_id} of thread ${thread.id} not found`);
  const conversation = (await findConversation(db, thread.workspace_id, thread.conversation_id))!;
  const customer = (await findCustomer(db, thread.workspace_id, conversation.customer_id))!;
  const messages = await listMessages(db, thread.workspace_id, conversation.id, { includeInternal: false, limit: 2000 });
  const team = handoff.team_id ? (await listTeams(db, thread.workspace_id)).find((t) => t.id === handoff.team_id) : undefined;
  const brief = handoff.brief;
  // Brief v2 (src/handoff/brief/schema.ts), read tolerantly: v1 briefs are still in the database.
  const b = brief as {
    intent?: { id?: string; confidence?: number } | null;
    confidence?: number | null;
    escalation?: { confidence?: number | null };
    priority?: string;
  };
  const intent = b.intent?.id ?? conversation.intent ?? null;
  const confidence = [b.escalation?.confidence, b.intent?.confidence, b.confidence].find((x): x is number => typeof x === 'number') ?? null;
  const priority = (['low', 'normal', 'high', 'urgent'] as const).find((p) => p === b.priority) ?? conversation.priority;
  const text = (m: { text: string; redacted_text: string }) => (connector.allow_clear_text ? m.text : m.redacted_text);
  const base = {
    handoffId: handoff.id,
    conversationId: conversation.id,
    customer: { id: customer.id, externalId: customer.external_id, name: customer.name, email: customer.email },
    subject: `Chat handoff${intent ? `: ${intent}` : ''} (Baton ${handoff.id.slice(0, 8)})`,
    transcript: messages
      .filter((m) => m.seq <= thread.transcript_seq)
      .map((m) => ({ author: m.author, text: text(m), at: new Date(m.created_at).toISOString() })),
    intent,
    confidence,
    priority,
    team: team ? { id: team.id, name: team.name } : null,
    reasons: handoff.reasons,
    tags: [],
  };
  const rendered = renderBrief(base, brief);
  return { ...base, briefText: rendered.text, briefHtml: rendered.html };
}
