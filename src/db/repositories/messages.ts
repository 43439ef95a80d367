import { sql } from 'kysely';
import type { ActorType, Author, ConversationStatus, MessageRow } from '../schema.ts';
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
  clientMessageId?: string | null;
}

/**
 * Appends a message, moves its conversation's `last_seq` to it and appends its event, in one
 * statement (one round trip on the hottest path: every line of every chat); the event is
 * announced once the caller's transaction commits.
 */
export async function insertMessage(
  db: Executor,
  m: NewMessageInput,
  event: Omit<NewEvent, 'workspaceId' | 'conversationId'>,
): Promise<MessageRow> {
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
      client_message_id: m.clientMessageId ?? null,
    })
    .returningAll()
    .returning((eb) => eb.selectFrom('event').select('event.id').as('event_id'))
    .executeTakeFirstOrThrow();
  const { event_id, ...message } = row;
  await announceEvent(db, String(event_id), e);
  return message;
}

/**
 * A customer's line without a transaction (the common case, one round trip): only if the
 * conversation still has the status and PII state it was read with, move its `last_seq`,
 * append the message with that number and its `message.created` event, in one statement (the
 * update locks the row, so concurrent lines still number one after the other). Undefined when
 * the conversation changed meanwhile: the caller takes the locked path. The statement commits
 * without waiting for the WAL flush, so the line is visible (and announced) at once; it is
 * durable only once `walFlushed` resolves, and the customer must not be answered before.
 */
export async function appendCustomerLineIfUnchanged(
  db: Executor,
  read: { workspaceId: string; conversationId: string; status: ConversationStatus; piiState: string | null },
  line: {
    id: string;
    text: string;
    piiState: string | null;
    clientMessageId: string | null;
    actor: { type: ActorType; id: string | null };
  },
  /** Runs once the row exists, before anyone hears of it (to keep it at hand for the realtime push). */
  written: (message: MessageRow) => void,
): Promise<MessageRow | undefined> {
  const { rows } = await sql<MessageRow & { event_id: string }>`
    with c as (
      update conversations set last_seq = last_seq + 1, updated_at = now()${line.piiState === read.piiState ? sql`` : sql`, pii_state = ${line.piiState}`}
      where id = ${read.conversationId} and workspace_id = ${read.workspaceId} and status = ${read.status}
        and pii_state is not distinct from ${read.piiState}
      -- Committed without waiting for the disk: the caller acknowledges after walFlushed (decisions/0004).
      returning id, workspace_id, last_seq, set_config('synchronous_commit', 'off', true)
    ), m as (
      insert into messages (id, workspace_id, conversation_id, seq, author, text, redacted_text, client_message_id)
      select ${line.id}::uuid, c.workspace_id, c.id, c.last_seq, 'customer', ${line.text}::text, ${line.text}::text, ${line.clientMessageId}::text from c
      returning *
    ), e as (
      insert into events (workspace_id, conversation_id, type, actor_type, actor_id, data)
      select m.workspace_id, m.conversation_id, 'message.created', ${line.actor.type}::text, ${line.actor.id}::text,
        jsonb_build_object('message_id', m.id, 'seq', m.seq, 'internal', false)
      from m
      returning id
    )
    select m.*, (select id from e) as event_id from m`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const { event_id, ...message } = row;
  written(message);
  await announceEvent(db, String(event_id), {
    workspaceId: read.workspaceId,
    conversationId: read.conversationId,
    type: 'message.created',
    actor: line.actor,
    data: { message_id: message.id, seq: message.seq, internal: false },
  });
  return message;
}

export function findMessage(db: Executor, workspaceId: string, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** The customer line a sender gave this id of its own, if one was kept. */
export function findLineByClientId(
  db: Executor,
  workspaceId: string,
  conversationId: string,
  clientMessageId: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst();
}

export function listMessages(
  db: Executor,
  workspaceId: string,
  conversationId: string,
  opts: { includeInternal: boolean; afterSeq?: number; limit?: number },
): Promise<MessageRow[]> {
  let q = db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).where('conversation_id', '=', conversationId);
  if (!opts.includeInternal) q = q.where('internal', '=', false);
  if (opts.afterSeq !== undefined) q = q.where('seq', '>', opts.afterSeq);
  return q
    .orderBy('seq')
    .limit(opts.limit ?? 500)
    .execute();
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

/** How many lines the customer has written in a conversation (the 1-based turn of the latest). */
export async function countCustomerLines(db: Executor, conversationId: string): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('conversation_id', '=', conversationId)
    .where('author', '=', 'customer')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
