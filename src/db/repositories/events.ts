import { sql } from 'kysely';
import type { ActorType, EventRow } from '../schema.ts';
import { json, type Executor } from './executor.ts';
import { notifyAfterCommit } from '../transaction.ts';

/** The channel every node LISTENs on for the realtime fan-out. */
export const EVENTS_CHANNEL = 'baton_events';

export interface NewEvent {
  workspaceId: string;
  conversationId: string | null;
  type: string;
  actor: { type: ActorType; id: string | null };
  data?: Record<string, unknown>;
}

/** What a NOTIFY carries: ids only (payloads are capped at 8 kB and may be logged by Postgres). */
export interface EventNotice {
  id: string;
  workspaceId: string;
  conversationId: string | null;
  type: string;
  /** The message an event is about, so listeners need not read the event row. */
  messageId?: string;
}

/**
 * Appends an event in the caller's transaction and announces it once that commits (see
 * db/transaction.ts), so no node ever hears of a change that was rolled back.
 */
export async function appendEvent(db: Executor, e: NewEvent): Promise<EventRow> {
  const row = await db.insertInto('events').values(eventValues(e)).returningAll().executeTakeFirstOrThrow();
  await announceEvent(db, String(row.id), e);
  return row;
}

/** The row of a new event, for writes that insert it in the same statement as their change. */
export const eventValues = (e: NewEvent) => ({
  workspace_id: e.workspaceId,
  conversation_id: e.conversationId,
  type: e.type,
  actor_type: e.actor.type,
  actor_id: e.actor.id,
  data: json(e.data ?? {}),
});

/** The notice of a `message.created` event, as `NOTIFY_MESSAGE_CREATED` sends it from SQL. */
export const messageCreatedNotice = (eventId: string, m: { id: string; workspace_id: string; conversation_id: string }): EventNotice => ({
  id: eventId,
  workspaceId: m.workspace_id,
  conversationId: m.conversation_id,
  type: 'message.created',
  messageId: m.id,
});

/**
 * The same notice sent by the statement that writes the message (aliased `m`) and its event
 * (`e`): a hot write that commits alone then needs no statement of its own to announce it
 * (decisions/0005). Only for statements outside a transaction that commit without waiting for
 * the disk: a NOTIFY's commit holds a global lock, so it must not wait for a flush (decisions/0002).
 */
export const NOTIFY_MESSAGE_CREATED = sql`pg_notify(${EVENTS_CHANNEL}, json_build_object('id', e.id::text, 'workspaceId', m.workspace_id,
    'conversationId', m.conversation_id, 'type', 'message.created', 'messageId', m.id)::text)`;

/** Announces an appended event once the caller's transaction commits. */
export async function announceEvent(db: Executor, id: string, e: NewEvent): Promise<void> {
  const messageId = typeof e.data?.message_id === 'string' ? e.data.message_id : undefined;
  const notice: EventNotice = { id, workspaceId: e.workspaceId, conversationId: e.conversationId, type: e.type, messageId };
  await notifyAfterCommit(db, EVENTS_CHANNEL, JSON.stringify(notice));
}

export function findEvent(db: Executor, id: string): Promise<EventRow | undefined> {
  return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listEvents(db: Executor, workspaceId: string, conversationId: string): Promise<EventRow[]> {
  return db
    .selectFrom('events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .orderBy('id')
    .execute();
}

/** A conversation's events of some types, oldest first (the tool calls its brief lists). */
export function listEventsOfTypes(db: Executor, workspaceId: string, conversationId: string, types: string[]): Promise<EventRow[]> {
  return db
    .selectFrom('events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('type', 'in', types)
    .orderBy('id')
    .execute();
}
