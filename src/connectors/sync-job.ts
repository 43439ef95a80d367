import { z } from 'zod';
import { defineJob, type JobDefinition } from '../jobs/queue.ts';
import { appendEvent } from '../db/repositories/events.ts';
import { findMessage } from '../db/repositories/messages.ts';
import { findConversation, findCustomer } from '../db/repositories/conversations.ts';
import {
  failOp,
  findConnectorById,
  findThread,
  finishOps,
  leaseThread,
  pendingOps,
  releaseThread,
  updateThread,
} from '../db/repositories/connectors.ts';
import { OutboundError } from '../webhooks/safe-http.ts';
import { backoffMs } from './settings.ts';
import type { Outbound } from './outbound.ts';
import { buildTicket } from './ticket.ts';
import type { ConnectorOpRow, ConnectorRow, ConnectorThreadRow } from '../db/schema.ts';

const Payload = z.object({ threadId: z.string().uuid(), attempt: z.number().int().min(1).default(1) });

/** Lines mirrored in one vendor call when several queued up (the vendor was down or throttled). */
const COALESCE = 20;
const LEASE_SECONDS = 120;

/**
 * Talks to one helpdesk about one thread: runs its pending ops in order (create, mirrored
 * customer lines, close). Retries are ours, not the queue's, so that Retry-After is honoured:
 * a retryable failure re-enqueues the job with backoff and jitter; when attempts run out (or
 * the failure cannot heal, a 4xx) the job fails into the dead-letter list with the op still
 * pending, and "retry" there resumes exactly where it stopped.
 */
export const connectorSyncJob = defineJob({
  name: 'connector.sync.v1',
  schema: Payload,
  retryLimit: 0,
  retryDelaySeconds: 1,
  // Threads sync independently; each helpdesk's own token bucket paces the calls to it.
  concurrency: { perNode: 4 },
  handler: async () => {
    throw new Error('connector.sync.v1 runs through makeConnectorSyncJob');
  },
});

export const makeConnectorSyncJob = (out: Outbound): JobDefinition<z.ZodType> => {
  const job: JobDefinition<typeof Payload> = {
    ...connectorSyncJob,
    handler: async (payload: z.infer<typeof Payload>, meta: { id: string; attempt: number }) => {
      // meta.attempt > 1 with retryLimit 0 means an admin retried it from the dead-letter list.
      const attempt = meta.attempt > 1 ? 1 : payload.attempt;
      await syncThread(out, payload.threadId, attempt);
    },
  };
  // The queue holds definitions of every payload type; this one's handler checks its own.
  return job as unknown as JobDefinition<z.ZodType>;
};

export async function syncThread(out: Outbound, threadId: string, attempt: number): Promise<void> {
  const thread = await findThread(out.db, threadId);
  if (!thread) return;
  const connector = await findConnectorById(out.db, thread.connector_id);
  if (!connector || !connector.enabled) return;
  if (!(await leaseThread(out.db, thread.id, LEASE_SECONDS))) {
    // Another worker is on this thread: come back shortly so nothing it did not see is stranded.
    await out.jobs.enqueue(connectorSyncJob, { threadId, attempt }, { startAfterSeconds: 1 });
    return;
  }
  let current: ConnectorOpRow | undefined;
  try {
    const instance = await out.instance(connector);
    for (;;) {
      const ops = await pendingOps(out.db, thread.id, COALESCE);
      current = ops[0];
      if (!current) break;
      const fresh = (await findThread(out.db, thread.id))!;
      const ref = { externalId: fresh.external_id, data: fresh.data };
      if (current.kind === 'create') {
        const ticket = await buildTicket(out.db, connector, fresh);
        await instance.handoff(ticket, ref, (r) => updateThread(out.db, thread.id, { externalId: r.externalId, data: r.data }));
        if (fresh.status === 'pending') await updateThread(out.db, thread.id, { status: 'open' });
        await finishOps(out.db, [current.id], 'done');
        await auditClearText(out, connector, fresh, 'create');
      } else if (current.kind === 'message') {
        const batch = takeWhile(ops, (o) => o.kind === 'message');
        const lines = [];
        for (const op of batch) {
          const m = await findMessage(out.db, thread.workspace_id, String(op.payload.message_id));
          if (m)
            lines.push({ id: m.id, text: connector.allow_clear_text ? m.text : m.redacted_text, at: new Date(m.created_at).toISOString() });
        }
        if (lines.length > 0) {
          const last = lines.at(-1)!;
          await instance.appendCustomerMessage(ref, {
            messageId: last.id,
            text: lines.map((l) => l.text).join('\n\n'),
            at: last.at,
            customer: await customerOf(out, fresh),
          });
          await auditClearText(out, connector, fresh, 'message');
        }
        await finishOps(
          out.db,
          batch.map((o) => o.id),
          'done',
        );
      } else {
        if (instance.close && ref.externalId) await instance.close(ref);
        await finishOps(out.db, [current.id], instance.close ? 'done' : 'skipped');
      }
    }
  } catch (err) {
    const e = err instanceof OutboundError ? err : null;
    const message = err instanceof Error ? err.message : String(err);
    if (current && e?.kind !== 'throttled') await failOp(out.db, current.id, message);
    await releaseThread(out.db, thread.id);
    const retryable = e ? e.retryable : false;
    if (retryable && attempt < out.settings.BATON_OUTBOUND_MAX_ATTEMPTS) {
      const delay = backoffMs(out.settings, attempt, e?.retryAfterMs ?? null);
      out.log.warn(
        { vendor: connector.vendor, threadId, attempt, status: e?.status, delayMs: Math.round(delay) },
        'connector call failed; retrying',
      );
      // Waiting for our own rate budget is not a failed attempt.
      const next = e?.kind === 'throttled' ? attempt : attempt + 1;
      await out.jobs.enqueue(connectorSyncJob, { threadId, attempt: next }, { startAfterSeconds: delay / 1000 });
      return;
    }
    out.log.error({ vendor: connector.vendor, threadId, attempt, status: e?.status }, 'connector call failed for good; dead-lettered');
    throw new Error(`${connector.vendor}: ${message}`, { cause: err });
  }
  await releaseThread(out.db, thread.id);
}

async function customerOf(out: Outbound, thread: ConnectorThreadRow) {
  const c = await findConversation(out.db, thread.workspace_id, thread.conversation_id);
  const customer = c ? await findCustomer(out.db, thread.workspace_id, c.customer_id) : undefined;
  return {
    id: customer?.id ?? '',
    externalId: customer?.external_id ?? null,
    name: customer?.name ?? null,
    email: customer?.email ?? null,
  };
}

function takeWhile<T>(items: T[], keep: (t: T) => boolean): T[] {
  const out: T[] = [];
  for (const t of items) {
    if (!keep(t)) break;
    out.push(t);
  }
  return out;
}

/** Clear text left Baton for this connector: the workspace allowed it, and it is on record. */
async function auditClearText(out: Outbound, connector: ConnectorRow, thread: ConnectorThreadRow, what: string): Promise<void> {
  if (!connector.allow_clear_text) return;
  await appendEvent(out.db, {
    workspaceId: thread.workspace_id,
    conversationId: thread.conversation_id,
    type: 'connector.clear_text_sent',
    actor: { type: 'system', id: null },
    data: { vendor: connector.vendor, connector_id: connector.id, thread_id: thread.id, op: what },
  });
}
