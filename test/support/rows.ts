// Rows as the repositories return them, built in memory for tests of pure functions over a
// conversation (the brief, agent assist): conversation c1 of workspace w1, at one instant.
import type { ConversationRow, MessageRow } from '../../src/db/schema.ts';

export const ROWS_AT = new Date('2026-03-02T10:00:00Z');

export const conversationRow = (fields: Partial<ConversationRow> = {}): ConversationRow => ({
  id: 'c1',
  workspace_id: 'w1',
  customer_id: 'cu1',
  token_hash: 'x',
  channel: 'widget',
  language: 'en',
  status: 'bot',
  controller: 'bot',
  assignee_id: null,
  team_id: null,
  priority: 'normal',
  intent: null,
  tags: [],
  csat: null,
  last_seq: 0,
  created_at: ROWS_AT,
  updated_at: ROWS_AT,
  pii_state: null,
  action_state: null,
  action_identity: null,
  ...fields,
});

/** A message maker for one transcript: its messages are m1, m2… with seq 1, 2… in order. */
export function messageMaker(): (author: MessageRow['author'], text: string, extra?: Partial<MessageRow>) => MessageRow {
  let seq = 0;
  return (author, text, extra = {}) => ({
    id: `m${++seq}`,
    workspace_id: 'w1',
    conversation_id: 'c1',
    seq,
    author,
    agent_id: null,
    text,
    redacted_text: text,
    internal: false,
    citations: [],
    trace: null,
    client_message_id: null,
    created_at: ROWS_AT,
    ...extra,
  });
}
