import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { entryHash, GENESIS_HASH } from './canonical.ts';
import { auditChainHead, auditEntriesFrom } from '../db/repositories/audit.ts';

export type BrokenLink =
  | { kind: 'edited'; id: string; message: string }
  | { kind: 'deleted'; id: string; message: string }
  | { kind: 'relinked'; id: string; message: string }
  | { kind: 'head'; id: string; message: string };

export interface VerifyResult {
  ok: boolean;
  /** Entries checked (up to the first broken link). */
  checked: number;
  /** The last good hash: publish it elsewhere to anchor the chain. */
  headHash: string;
  broken: BrokenLink | null;
}

const BATCH = 1000;

/**
 * Walks the chain from the first entry: each id follows the last (a gap is a deleted entry),
 * each entry names the previous entry's hash, and each hash is recomputed from the columns
 * (an edited entry). The chain head row must name the last entry (a deleted tail).
 */
export async function verifyAuditChain(db: Kysely<Schema>): Promise<VerifyResult> {
  let expectedId = 1n;
  let prev = GENESIS_HASH;
  let checked = 0;
  const fail = (broken: BrokenLink): VerifyResult => ({ ok: false, checked, headHash: prev, broken });
  for (;;) {
    const rows = await auditEntriesFrom(db, expectedId, BATCH);
    for (const row of rows) {
      const id = BigInt(row.id);
      if (id !== expectedId) {
        return fail({
          kind: 'deleted',
          id: String(expectedId),
          message: `entry ${expectedId} is missing (deleted): the next entry is ${id}`,
        });
      }
      if (row.prev_hash !== prev) {
        return fail({ kind: 'relinked', id: String(id), message: `entry ${id} does not name the hash of entry ${id - 1n}` });
      }
      if (entryHash(row) !== row.hash) {
        return fail({ kind: 'edited', id: String(id), message: `entry ${id} was changed after it was written (its hash does not match)` });
      }
      prev = row.hash;
      expectedId = id + 1n;
      checked++;
    }
    if (rows.length < BATCH) break;
  }
  const head = await auditChainHead(db);
  const last = String(expectedId - 1n);
  if (!head) return fail({ kind: 'head', id: last, message: 'the chain head row is missing' });
  if (String(head.last_id) !== last || head.last_hash !== prev) {
    const missing = BigInt(head.last_id) > expectedId - 1n;
    return fail(
      missing
        ? {
            kind: 'deleted',
            id: String(expectedId),
            message: `entries ${expectedId} to ${head.last_id} are missing (deleted from the end)`,
          }
        : { kind: 'head', id: last, message: `the chain head names entry ${head.last_id}, the log ends at ${last}` },
    );
  }
  return { ok: true, checked, headHash: prev, broken: null };
}
