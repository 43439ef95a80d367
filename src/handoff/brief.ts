import type { Decision, HandoffReason } from '../engine/types.ts';
import type { ConversationRow, CustomerRow, MessageRow } from '../db/schema.ts';

export const BRIEF_SCHEMA_VERSION = 1;

export interface BriefInput {
  conversation: ConversationRow;
  customer: CustomerRow;
  messages: MessageRow[];
  reasons: HandoffReason[];
  decision: Decision | null;
  routing: { teamId: string | null; teamName: string | null; why: string };
}

/**
 * The brief agents see first. Everything in it is taken from the transcript, the bot's
 * traces or the customer record: nothing is invented. (Issue 4 grows this into the full brief.)
 */
export function buildBrief(input: BriefInput): Record<string, unknown> {
  const { conversation, customer, messages, decision } = input;
  const customerTurns = messages.filter((m) => m.author === 'customer').map((m) => m.redacted_text);
  const botAnswers = messages.filter((m) => m.author === 'bot' && m.citations.length > 0);
  return {
    schema_version: BRIEF_SCHEMA_VERSION,
    customer: {
      id: customer.id,
      external_id: customer.external_id,
      name: customer.name,
      email: customer.email,
      verified: customer.verified,
      verified_by: customer.verified ? 'identity_hash' : null,
    },
    language: conversation.language,
    intent: decision?.intent ?? null,
    confidence: decision?.confidence ?? null,
    threshold: decision?.threshold ?? null,
    sentiment: decision?.sentiment ?? null,
    reasons: input.reasons,
    summary: customerTurns.slice(-3).join(' '),
    last_customer_message: customerTurns.at(-1) ?? null,
    bot_attempts: botAnswers.map((m) => ({ message_id: m.id, text: m.redacted_text, citations: m.citations })),
    routing: input.routing,
    transcript: `/api/v1/conversations/${conversation.id}`,
  };
}
