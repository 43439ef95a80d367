import type { Executor } from '../db/repositories/executor.ts';
import type { ActorType } from '../db/schema.ts';
import { appendApiKeyUse, appendAuditEntry, listAuditEntries, type AuditFilter } from '../db/repositories/audit.ts';

/**
 * What Baton records beyond the domain events the database derives entries from (see
 * migrations/0005_audit.ts, `events_audit`): logins, API-key use, exports, erasures, retention.
 */
export type AuditType =
  | 'auth.login.succeeded'
  | 'auth.login.failed'
  | 'auth.logout'
  | 'api_key.used'
  | 'privacy.customer_exported'
  | 'privacy.customer_erased'
  | 'privacy.retention_applied'
  /** A call of the company's API by the bot or an agent (src/conversations/tool-calls.ts); arguments as tokens. */
  | 'tool.called';

export interface AuditInput {
  workspaceId: string | null;
  type: AuditType;
  actor: { type: ActorType; id: string | null };
  subject?: { type: string; id: string } | null;
  /** Ids, setting names and counts only: never a customer's personal data. */
  data?: Record<string, unknown>;
}

/** Appends an entry to the chain in the caller's transaction (or its own, on the bare database). */
export async function recordAudit(db: Executor, e: AuditInput): Promise<string> {
  return appendAuditEntry(db, e);
}

// The first use of an API key in an hour is recorded (audit_api_key_use checks under the
// chain lock, so it holds across nodes); this per-process memo only spares the database the
// question for keys it has just recorded.
const recentKeyUse = new Map<string, number>();
const HOUR = 3600_000;

export async function recordApiKeyUse(
  db: Executor,
  key: { id: string; workspaceId: string },
  data: Record<string, unknown>,
  now = Date.now(),
): Promise<boolean> {
  const seen = recentKeyUse.get(key.id);
  if (seen !== undefined && now - seen < HOUR) return false;
  const row = await appendApiKeyUse(db, key, data);
  if (row?.recorded_at) recentKeyUse.set(key.id, new Date(row.recorded_at).getTime());
  if (recentKeyUse.size > 10_000) recentKeyUse.clear();
  return row?.is_new === true;
}

/** Forget the memo (tests that rewind the clock). */
export const forgetApiKeyUse = (): void => recentKeyUse.clear();

/** A workspace's audit entries, newest first (what the audit route pages through). */
export const auditEntries = (db: Executor, f: AuditFilter) => listAuditEntries(db, f);
