import { sql } from 'kysely';
import type { ConnectorOpRow, ConnectorRow, ConnectorThreadRow } from '../schema.ts';
import { json, type Executor } from './executor.ts';

export function listConnectors(db: Executor, workspaceId: string): Promise<ConnectorRow[]> {
  return db.selectFrom('connectors').selectAll().where('workspace_id', '=', workspaceId).orderBy('vendor').execute();
}

export function listEnabledConnectors(db: Executor, workspaceIds: string[]): Promise<ConnectorRow[]> {
  if (workspaceIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('connectors').selectAll().where('workspace_id', 'in', workspaceIds).where('enabled', '=', true).execute();
}

export function findConnector(db: Executor, workspaceId: string, vendor: string): Promise<ConnectorRow | undefined> {
  return db.selectFrom('connectors').selectAll().where('workspace_id', '=', workspaceId).where('vendor', '=', vendor).executeTakeFirst();
}

export function findConnectorById(db: Executor, id: string): Promise<ConnectorRow | undefined> {
  return db.selectFrom('connectors').selectAll().where('id', '=', id).executeTakeFirst();
}

export function upsertConnector(
  db: Executor,
  c: {
    id: string;
    workspaceId: string;
    vendor: string;
    enabled: boolean;
    config: Record<string, unknown>;
    credentialsEnc: string | null;
    allowClearText: boolean;
  },
): Promise<ConnectorRow> {
  return db
    .insertInto('connectors')
    .values({
      id: c.id,
      workspace_id: c.workspaceId,
      vendor: c.vendor,
      enabled: c.enabled,
      config: json(c.config),
      credentials_enc: c.credentialsEnc,
      allow_clear_text: c.allowClearText,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'vendor']).doUpdateSet({
        enabled: c.enabled,
        config: json(c.config),
        credentials_enc: c.credentialsEnc,
        allow_clear_text: c.allowClearText,
        updated_at: new Date(),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteConnector(db: Executor, workspaceId: string, vendor: string): Promise<boolean> {
  const r = await db.deleteFrom('connectors').where('workspace_id', '=', workspaceId).where('vendor', '=', vendor).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// Threads: one vendor object per (connector, handoff).

/** Inserts the thread and its create op; null when this handoff already has a thread. */
export async function insertThread(
  db: Executor,
  t: { id: string; workspaceId: string; connectorId: string; conversationId: string; handoffId: string; transcriptSeq: number },
): Promise<ConnectorThreadRow | null> {
  const row = await db
    .insertInto('connector_threads')
    .values({
      id: t.id,
      workspace_id: t.workspaceId,
      connector_id: t.connectorId,
      conversation_id: t.conversationId,
      handoff_id: t.handoffId,
      transcript_seq: t.transcriptSeq,
      data: json({}),
    })
    .onConflict((oc) => oc.columns(['connector_id', 'handoff_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export function findThread(db: Executor, id: string): Promise<ConnectorThreadRow | undefined> {
  return db.selectFrom('connector_threads').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findThreadByExternal(db: Executor, connectorId: string, externalId: string): Promise<ConnectorThreadRow | undefined> {
  return db
    .selectFrom('connector_threads')
    .selectAll()
    .where('connector_id', '=', connectorId)
    .where('external_id', '=', externalId)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** Of these conversations, those a thread still follows. */
export async function conversationsWithOpenThreads(db: Executor, conversationIds: string[]): Promise<string[]> {
  if (conversationIds.length === 0) return [];
  const rows = await db
    .selectFrom('connector_threads')
    .select('conversation_id')
    .distinct()
    .where('conversation_id', 'in', conversationIds)
    .where('status', '!=', 'closed')
    .execute();
  return rows.map((r) => r.conversation_id);
}

/** Threads still following a conversation (not closed). */
export function openThreadsOf(db: Executor, conversationId: string): Promise<ConnectorThreadRow[]> {
  return db
    .selectFrom('connector_threads')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('status', '!=', 'closed')
    .execute();
}

export function listThreads(db: Executor, workspaceId: string, connectorId: string, limit = 100): Promise<ConnectorThreadRow[]> {
  return db
    .selectFrom('connector_threads')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('connector_id', '=', connectorId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function updateThread(
  db: Executor,
  id: string,
  patch: { externalId?: string | null; status?: 'pending' | 'open' | 'closed'; data?: Record<string, unknown> },
): Promise<void> {
  const set: Record<string, unknown> = {};
  if (patch.externalId !== undefined) set.external_id = patch.externalId;
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.data !== undefined) set.data = json(patch.data);
  if (Object.keys(set).length) await db.updateTable('connector_threads').set(set).where('id', '=', id).execute();
}

/** A lease so one worker at a time talks to the vendor about a thread (keeps ops in order). */
export async function leaseThread(db: Executor, id: string, seconds: number): Promise<boolean> {
  const row = await db
    .updateTable('connector_threads')
    .set({ lease_until: sql`now() + make_interval(secs => ${seconds})` })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

/** Threads with pending work whose lease expired without being released: their worker died. */
export async function orphanedThreads(db: Executor, limit = 100): Promise<string[]> {
  const rows = await db
    .selectFrom('connector_threads')
    .select('id')
    .where('lease_until', '<', sql<Date>`now()`)
    .where((eb) =>
      eb.exists(
        eb.selectFrom('connector_ops').select('id').whereRef('thread_id', '=', 'connector_threads.id').where('state', '=', 'pending'),
      ),
    )
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function releaseThread(db: Executor, id: string): Promise<void> {
  await db.updateTable('connector_threads').set({ lease_until: null }).where('id', '=', id).execute();
}

// Ops: the ordered work of a thread.

export async function insertOp(
  db: Executor,
  op: { threadId: string; kind: 'create' | 'message' | 'close'; dedupeKey: string; payload?: Record<string, unknown> },
): Promise<boolean> {
  const row = await db
    .insertInto('connector_ops')
    .values({ thread_id: op.threadId, kind: op.kind, dedupe_key: op.dedupeKey, payload: json(op.payload ?? {}) })
    .onConflict((oc) => oc.columns(['thread_id', 'dedupe_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

export function pendingOps(db: Executor, threadId: string, limit = 50): Promise<ConnectorOpRow[]> {
  return db
    .selectFrom('connector_ops')
    .selectAll()
    .where('thread_id', '=', threadId)
    .where('state', '=', 'pending')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function listOps(db: Executor, threadId: string): Promise<ConnectorOpRow[]> {
  return db.selectFrom('connector_ops').selectAll().where('thread_id', '=', threadId).orderBy('id').execute();
}

export async function finishOps(db: Executor, ids: string[], state: 'done' | 'skipped'): Promise<void> {
  if (ids.length)
    await db.updateTable('connector_ops').set({ state, done_at: new Date(), last_error: null }).where('id', 'in', ids).execute();
}

export async function failOp(db: Executor, id: string, error: string): Promise<void> {
  await db
    .updateTable('connector_ops')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 500) }))
    .where('id', '=', id)
    .execute();
}

/** Records an inbound vendor event id; false when it was seen before (a duplicate delivery). */
export async function markInbound(db: Executor, connectorId: string, eventId: string): Promise<boolean> {
  const row = await db
    .insertInto('connector_inbound')
    .values({ connector_id: connectorId, event_id: eventId })
    .onConflict((oc) => oc.columns(['connector_id', 'event_id']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return !!row;
}
