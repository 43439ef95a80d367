import { z } from 'zod';
import { defineJob, type JobDefinition } from '../jobs/queue.ts';
import { findEvent } from '../db/repositories/events.ts';
import { findDelivery, findSubscription, recordAttempt } from '../db/repositories/webhooks.ts';
import { backoffMs } from '../connectors/settings.ts';
import { Outbound } from '../connectors/outbound.ts';
import { OutboundError, safeRequest } from './safe-http.ts';
import { parseRetryAfter } from '../retry.ts';
import { buildPayload } from './payload.ts';
import { sign, SIGNATURE_HEADER } from './signature.ts';

const Payload = z.object({
  deliveryId: z.string().uuid(),
  attempt: z.number().int().min(1).default(1),
  /** The receiver, for the per-subscriber cap (absent in jobs enqueued before it was added). */
  subscriptionId: z.string().uuid().optional(),
});

/** Enqueue handle (name and payload); the handler is bound to the outbound side by makeWebhookDeliveryJob. */
export const webhookDeliveryJob = defineJob({
  name: 'webhook.deliver.v1',
  schema: Payload,
  retryLimit: 0,
  retryDelaySeconds: 1,
  // Deliveries mostly wait on the receiver: many at once per node, a few per receiver.
  concurrency: { perNode: 16, perKey: 4, key: (p) => p.subscriptionId ?? null },
  handler: async () => {
    throw new Error('webhook.deliver.v1 runs through makeWebhookDeliveryJob');
  },
});

export const makeWebhookDeliveryJob = (out: Outbound): JobDefinition<z.ZodType> => {
  const job: JobDefinition<typeof Payload> = {
    ...webhookDeliveryJob,
    handler: async (payload: z.infer<typeof Payload>, meta: { id: string; attempt: number }) =>
      deliver(out, payload.deliveryId, meta.attempt > 1 ? 1 : payload.attempt),
  };
  // The queue holds definitions of every payload type; this one's handler checks its own.
  return job as unknown as JobDefinition<z.ZodType>;
};

/**
 * POSTs one event to one subscriber, signed. 2xx is delivered; 408, 429 and 5xx (and network
 * errors) are retried with backoff and jitter, honouring Retry-After; other answers, and SSRF
 * refusals, fail at once. When attempts run out the job fails into the dead-letter list.
 */
export async function deliver(out: Outbound, deliveryId: string, attempt: number): Promise<void> {
  const delivery = await findDelivery(out.db, deliveryId);
  if (!delivery || delivery.status === 'delivered') return;
  const sub = await findSubscription(out.db, delivery.workspace_id, delivery.subscription_id);
  if (!sub || !sub.enabled) return;
  const event = await findEvent(out.db, delivery.event_id);
  if (!event) return;
  const body = JSON.stringify(await buildPayload(out.db, event, delivery.event_type, delivery.id));
  const secret = (await out.box()).open(sub.secret_enc, Outbound.aad.webhook(sub));
  const timestamp = Math.floor(Date.now() / 1000);
  let failure: OutboundError;
  try {
    const res = await safeRequest(sub.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Baton-Webhooks/1',
        [SIGNATURE_HEADER]: sign(secret, body, timestamp),
        'baton-event-id': `evt_${event.id}`,
        'baton-event-type': delivery.event_type,
        'baton-delivery-id': delivery.id,
      },
      body,
      timeoutMs: out.settings.BATON_OUTBOUND_TIMEOUT_MS,
      allowPrivate: sub.allow_private,
    });
    if (res.status >= 200 && res.status < 300) {
      await recordAttempt(out.db, delivery.id, { status: 'delivered', httpStatus: res.status, error: null });
      return;
    }
    const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
    failure = new OutboundError(`answered ${res.status}`, 'http', retryable, res.status, parseRetryAfter(res.headers['retry-after']));
  } catch (err) {
    failure = err instanceof OutboundError ? err : new OutboundError((err as Error).message, 'network', true);
  }
  if (failure.retryable && attempt < out.settings.BATON_OUTBOUND_MAX_ATTEMPTS) {
    await recordAttempt(out.db, delivery.id, { status: 'pending', httpStatus: failure.status, error: failure.message });
    const delay = backoffMs(out.settings, attempt, failure.retryAfterMs);
    await out.jobs.enqueue(
      webhookDeliveryJob,
      { deliveryId, attempt: attempt + 1, subscriptionId: sub.id },
      { startAfterSeconds: delay / 1000 },
    );
    return;
  }
  await recordAttempt(out.db, delivery.id, { status: 'failed', httpStatus: failure.status, error: failure.message });
  throw new Error(`webhook delivery ${delivery.id} failed: ${failure.message}`);
}
