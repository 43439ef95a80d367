import { sql } from 'kysely';
import type { Executor } from '../db/repositories/executor.ts';

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
  let q = db.selectFrom('audit_log').selectAll().where('workspace_id', '=', f.workspaceId as never);
  if (f.type) q = f.type.endsWith('.') ? q.where(sql<boolean>`starts_with(type, ${f.type})`) : q.where('type', '=', f.type as never);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId as never);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId as never);
  if (f.beforeId) q = q.where('id', '<', f.beforeId as never);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}
