// Past conversations written straight into the database, for tests that need weeks of history
// (analytics) faster than live chats could make them: a customer, the conversation and its messages.
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { Schema } from '../../src/db/schema.ts';

export interface PastMessage {
  author: 'customer' | 'bot' | 'agent' | 'system';
  text: string;
  /** Seconds after the conversation started. */
  at: number;
  /** The bot's decision, kept in the message trace (answer, clarify, handoff). */
  action?: string;
}

type ConversationFields = Partial<Insertable<Schema['conversations']>>;

/** Inserts one finished conversation; returns its id. */
export async function insertPastConversation(
  db: Kysely<Schema>,
  workspaceId: string,
  start: Date,
  messages: PastMessage[],
  fields: ConversationFields = {},
): Promise<string> {
  const customer = randomUUID();
  const id = randomUUID();
  const at = (s: number) => new Date(start.getTime() + s * 1000);
  await db
    .insertInto('customers')
    .values({ id: customer, workspace_id: workspaceId, external_id: `past-${customer}`, verified: false, attributes: '{}' })
    .execute();
  await db
    .insertInto('conversations')
    .values({
      id,
      workspace_id: workspaceId,
      customer_id: customer,
      token_hash: randomUUID(),
      channel: 'widget',
      language: 'en',
      status: 'resolved',
      controller: 'none',
      team_id: null,
      intent: null,
      tags: '[]',
      csat: null,
      last_seq: messages.length,
      created_at: start,
      updated_at: start,
      ...fields,
    })
    .execute();
  await db
    .insertInto('messages')
    .values(
      messages.map((m, i) => ({
        id: randomUUID(),
        workspace_id: workspaceId,
        conversation_id: id,
        seq: i + 1,
        author: m.author,
        agent_id: null,
        text: m.text,
        redacted_text: m.text,
        internal: false,
        citations: '[]',
        trace: m.action ? JSON.stringify({ action: m.action }) : null,
        created_at: at(m.at),
      })),
    )
    .execute();
  return id;
}
