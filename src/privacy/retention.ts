import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Schema } from '../db/schema.ts';
import { defineJob } from '../jobs/queue.ts';
import { transaction } from '../db/transaction.ts';
import { recordAudit } from '../audit/log.ts';
import { readPolicy } from '../workspaces/policy.ts';
import type { Logger } from 'pino';
import {
  customersIdleSince,
  purgeConversations,
  staleConversations,
  workspacePolicies,
  type PurgeCounts,
} from '../db/repositories/privacy.ts';

/** Conversations deleted per transaction: a long backlog goes in short steps. */
const BATCH = 200;

/**
 * Applies each workspace's retention policy (policy.retentionDays): conversations whose last
 * activity is older than that are deleted with everything in them (see purge.ts), and
 * customers left with no conversation and created before the cut-off go too. An anonymous
 * tombstone keeps the counts; the audit log records each run that deleted something.
 */
export async function applyRetention(db: Kysely<Schema>, now = new Date(), onlyWorkspace?: string): Promise<Record<string, PurgeCounts>> {
  const result: Record<string, PurgeCounts> = {};
  for (const ws of await workspacePolicies(db, onlyWorkspace)) {
    const days = readPolicy(ws.policy).retentionDays;
    if (!days) continue;
    const cutoff = new Date(now.getTime() - days * 86_400_000);
    const total: PurgeCounts = { customers: 0, conversations: 0, messages: 0, handoffs: 0 };
    for (;;) {
      const counts = await transaction(db, async (tx) => {
        const old = await staleConversations(tx, ws.id, cutoff, BATCH);
        const orphans = await customersIdleSince(tx, ws.id, cutoff, BATCH);
        const customerIds = [...new Set([...old.map((c) => c.customer_id), ...orphans.map((c) => c.id)])];
        return purgeConversations(
          tx,
          ws.id,
          old.map((c) => c.id),
          { reason: 'retention', customerIds },
        );
      });
      for (const k of Object.keys(total) as (keyof PurgeCounts)[]) total[k] += counts[k];
      if (counts.conversations < BATCH && counts.customers < BATCH) break;
    }
    if (total.conversations > 0 || total.customers > 0) {
      await recordAudit(db, {
        workspaceId: ws.id,
        type: 'privacy.retention_applied',
        actor: { type: 'system', id: null },
        data: { retention_days: days, cutoff: cutoff.toISOString(), ...total },
      });
    }
    result[ws.id] = total;
  }
  return result;
}

/** Runs daily at 03:17 UTC on one node (pg-boss cron), and on demand with a workspace id. */
export const RETENTION_CRON = '17 3 * * *';

export const retentionJob = (ctx: { db: Kysely<Schema>; log: Logger }) =>
  defineJob({
    name: 'privacy.retention.v1',
    schema: z
      .object({ workspace_id: z.string().uuid().optional() })
      .nullish()
      .transform((v) => v ?? {}),
    retryLimit: 3,
    retryDelaySeconds: 60,
    cron: RETENTION_CRON,
    handler: async (payload) => {
      const result = await applyRetention(ctx.db, new Date(), payload.workspace_id);
      const deleted = Object.values(result).reduce((n, c) => n + c.conversations, 0);
      if (deleted > 0) ctx.log.info({ job: 'privacy.retention.v1', conversations: deleted }, 'retention applied');
    },
  });
