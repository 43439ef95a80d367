import type { Author, MessageRow } from '../schema.ts';
import { json, type Executor } from './executor.ts';
import { announceEvent, eventValues, type NewEvent } from './events.ts';

export interface NewMessageInput {
  id: string;
  workspaceId: string;
  conversationId: string;
  seq: number;
  author: Author;
  agentId?: string | null;
  text: string;
  redactedText: string;
  internal?: boolean;
  citations?: unknown[];
  trace?: Record<string, unknown> | null;
}

/**
 * Appends a message, moves its conversation's `last_seq` to it and appends its event, in one
 * statement (one round trip on the hottest path: every line of every chat); the event is
 * announced once the caller's transaction commits.
 */
export async function insertMessage(db: Executor, m: NewMessageInput, event: Omit<NewEvent, 'workspaceId' | 'conversationId'>): Promise<MessageRow> {
  const e: NewEvent = { ...event, workspaceId: m.workspaceId, conversationId: m.conversationId };
  const row = await db
    .with('advanced', (qb) =>
      qb.updateTable('conversations').set({ last_seq: m.seq, updated_at: new Date() }).where('id', '=', m.conversationId).returning('id'),
    )
    .with('event', (qb) => qb.insertInto('events').values(eventValues(e)).returning('id'))
    .insertInto('messages')
    .values({
      id: m.id,
      workspace_id: m.workspaceId,
      conversation_id: m.conversationId,
      seq: m.seq,
      author: m.author,
      agent_id: m.agentId ?? null,
      text: m.text,
      redacted_text: m.redactedText,
      internal: m.internal ?? false,
      citations: json(m.citations ?? []),
      trace: m.trace ? json(m.trace) : null,
    })
    .returningAll()
    .returning((eb) => eb.selectFrom('event').select('event.id').as('event_id'))
    .executeTakeFirstOrThrow();
  const { event_id, ...message } = row;
  await announceEvent(db, String(event_id), e);
  return message;
}

export function findMessage(db: Executor, workspaceId: string, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function listMessages(
  db: Executor,
  workspaceId: string,
  conversationId: string,
  opts: { includeInternal: boolean; afterSeq?: number; limit?: number },
): Promise<MessageRow[]> {
  let q = db
    .selectFrom('messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId);
  if (!opts.includeInternal) q = q.where('internal', '=', false);
  if (opts.afterSeq !== undefined) q = q.where('seq', '>', opts.afterSeq);
  return q.orderBy('seq').limit(opts.limit ?? 500).execute();
}

/** The last messages of a conversation, oldest first: the bot's view of history. */
export async function recentMessages(db: Executor, conversationId: string, count: number): Promise<MessageRow[]> {
  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('internal', '=', false)
    .orderBy('seq', 'desc')
    .limit(count)
    .execute();
  return rows.reverse();
}
