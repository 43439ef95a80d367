import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted (by code unit; keys are ASCII in practice), no
 * whitespace, strings escaped as JSON.stringify does. The database hashes entries with the
 * same function (audit_canonical in migrations/0005_audit.ts); the verifier recomputes here.
 * Numbers are integers in every entry Baton writes (ids, counts), printed alike on both sides.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash the chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  id: string | number;
  at: Date;
  workspace_id: string | null;
  type: string;
  actor_type: string;
  actor_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  event_id: string | number | null;
  data: unknown;
  prev_hash: string;
}

/** What an entry's hash covers: every column, and the previous entry's hash. */
export function entryHash(e: HashedFields): string {
  return sha256Hex(
    canonicalJson({
      id: Number(e.id),
      at: new Date(e.at).toISOString(),
      workspace_id: e.workspace_id,
      type: e.type,
      actor_type: e.actor_type,
      actor_id: e.actor_id,
      subject_type: e.subject_type,
      subject_id: e.subject_id,
      event_id: e.event_id === null ? null : Number(e.event_id),
      data: e.data ?? {},
      prev: e.prev_hash,
    }),
  );
}
