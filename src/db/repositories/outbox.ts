import { sql } from 'kysely';
import type { EventRow } from '../schema.ts';
import type { Executor } from './executor.ts';

/** Creates the cursor if it is new: a new consumer starts at the end of the log (it reacts to what happens from now on). */
export async function ensureCursor(db: Executor, name: string): Promise<void> {
  await db
    .insertInto('outbox_cursors')
    .values((eb) => ({ name, last_event_id: eb.selectFrom('events').select(sql<string>`coalesce(max(id), 0)`.as('m')) }))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/** The cursor's position, locked; null while another node holds it. */
export async function lockCursor(db: Executor, name: string): Promise<string | null> {
  const row = await db
    .selectFrom('outbox_cursors')
    .select('last_event_id')
    .where('name', '=', name)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  return row ? String(row.last_event_id) : null;
}

export async function advanceCursor(db: Executor, name: string, lastEventId: string): Promise<void> {
  await db.updateTable('outbox_cursors').set({ last_event_id: lastEventId, updated_at: new Date() }).where('name', '=', name).execute();
}

export function eventsAfter(db: Executor, afterId: string, limit: number): Promise<EventRow[]> {
  return db.selectFrom('events').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/** The highest message seq whose message.created event precedes an event: what a handoff's ticket already holds. */
export async function seqBefore(db: Executor, conversationId: string, eventId: string): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max<string | null>(eb.cast<number>(eb.ref('data', '->>').key('seq' as never), 'integer')).as('seq'))
    .where('conversation_id', '=', conversationId)
    .where('type', '=', 'message.created')
    .where('id', '<', eventId)
    .executeTakeFirst();
  return row?.seq ? Number(row.seq) : 0;
}
