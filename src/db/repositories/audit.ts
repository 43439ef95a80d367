import { sql } from 'kysely';
import type { Executor } from './executor.ts';
import type { ActorType } from '../schema.ts';

export interface AuditFilter {
  workspaceId: string;
  /** Exact type, or a prefix ending in '.' ("admin."). */
  type?: string;
  actorId?: string;
  subjectId?: string;
  /** Newest first: entries with an id below this one. */
  beforeId?: string;
  limit: number;
}

/** A workspace's audit entries, newest first (keyset over the gapless id). */
export function listAuditEntries(db: Executor, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .where('workspace_id', '=', f.workspaceId as never);
  if (f.type) q = f.type.endsWith('.') ? q.where(sql<boolean>`starts_with(type, ${f.type})`) : q.where('type', '=', f.type as never);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId as never);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId as never);
  if (f.beforeId) q = q.where('id', '<', f.beforeId as never);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

/** Appends an entry to the hash chain (audit_append takes the chain lock); returns its id. */
export async function appendAuditEntry(
  db: Executor,
  e: {
    workspaceId: string | null;
    type: string;
    actor: { type: ActorType; id: string | null };
    subject?: { type: string; id: string } | null;
    data?: Record<string, unknown>;
  },
): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    select audit_append(${e.workspaceId}::uuid, ${e.type}, ${e.actor.type}, ${e.actor.id}, ${e.subject?.type ?? null},
      ${e.subject?.id ?? null}, null, ${JSON.stringify(e.data ?? {})}::jsonb) as id`.execute(db);
  return String(rows[0]!.id);
}

/** Records an API key's use unless it was recorded within the hour (checked under the chain lock). */
export async function appendApiKeyUse(
  db: Executor,
  key: { id: string; workspaceId: string },
  data: Record<string, unknown>,
): Promise<{ recorded_at: Date; is_new: boolean } | undefined> {
  const { rows } = await sql<{ recorded_at: Date; is_new: boolean }>`
    select recorded_at, is_new from audit_api_key_use(${key.workspaceId}::uuid, ${key.id}, ${JSON.stringify(data)}::jsonb)`.execute(db);
  return rows[0];
}

/** Entries in id order from `fromId` (the verifier's walk). */
export function auditEntriesFrom(db: Executor, fromId: bigint, limit: number) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('id', '>=', String(fromId) as never)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The chain head row: the last entry's id and hash. */
export const auditChainHead = (db: Executor) => db.selectFrom('audit_chain').selectAll().where('id', '=', 1).executeTakeFirst();
