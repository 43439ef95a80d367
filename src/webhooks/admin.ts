import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Schema, WebhookDeliveryRow, WebhookSubscriptionRow } from '../db/schema.ts';
import { transaction } from '../db/transaction.ts';
import { appendEvent } from '../db/repositories/events.ts';
import {
  deleteSubscription,
  findDelivery,
  findSubscription,
  insertSubscription,
  listDeliveries,
  listSubscriptions,
  resetDelivery,
  updateSubscription,
} from '../db/repositories/webhooks.ts';
import type { FailedJob } from '../db/repositories/jobs.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { actorRef, type Actor } from '../conversations/actor.ts';
import { Outbound } from '../connectors/outbound.ts';
import { webhookDeliveryJob } from './deliver-job.ts';
import { checkTargetUrl, OutboundError } from './safe-http.ts';

// The admin's commands and queries on outbound webhook subscriptions and their deliveries.

export interface NewSubscription {
  url: string;
  event_types: string[];
  description?: string;
  allow_private: boolean;
  enabled: boolean;
}

export interface SubscriptionChange {
  url?: string;
  event_types?: string[];
  description?: string | null;
  allow_private?: boolean;
  enabled?: boolean;
}

/** A signing secret, shown once at creation or rotation. */
const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

async function checkUrl(url: string, allowPrivate: boolean): Promise<void> {
  try {
    await checkTargetUrl(url, allowPrivate);
  } catch (err) {
    if (err instanceof OutboundError && !err.retryable)
      throw new AppError('invalid_request', `url refused: ${err.message}`, { reason: err.kind });
    throw new AppError('invalid_request', `url refused: ${(err as Error).message}`);
  }
}

export const subscriptionsOf = (db: Kysely<Schema>, workspaceId: string): Promise<WebhookSubscriptionRow[]> =>
  listSubscriptions(db, workspaceId);

/** The workspace's subscription `id`, or not_found. */
export async function subscriptionOf(db: Kysely<Schema>, workspaceId: string, id: string): Promise<WebhookSubscriptionRow> {
  const sub = await findSubscription(db, workspaceId, id);
  if (!sub) throw new AppError('not_found');
  return sub;
}

/** Subscribes a URL, with its event; the signing secret is returned this once. */
export async function createSubscription(
  db: Kysely<Schema>,
  out: Outbound,
  actor: Actor,
  b: NewSubscription,
): Promise<{ subscription: WebhookSubscriptionRow; secret: string }> {
  await checkUrl(b.url, b.allow_private);
  const id = randomUUID();
  const secret = newWebhookSecret();
  const secretEnc = await out.seal(secret, Outbound.aad.webhook({ workspace_id: actor.workspaceId, id }));
  const subscription = await transaction(db, async (tx) => {
    const saved = await insertSubscription(tx, {
      id,
      workspaceId: actor.workspaceId,
      url: b.url,
      description: b.description ?? null,
      eventTypes: b.event_types,
      secretEnc,
      allowPrivate: b.allow_private,
      enabled: b.enabled,
    });
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      conversationId: null,
      type: 'webhook.configured',
      actor: actorRef(actor),
      data: { webhook_id: id, change: 'created', allow_private: b.allow_private },
    });
    return saved;
  });
  return { subscription, secret };
}

/** Changes a subscription; a new URL, or a change of private-network leave, is checked again. */
export async function changeSubscription(
  db: Kysely<Schema>,
  workspaceId: string,
  id: string,
  b: SubscriptionChange,
): Promise<WebhookSubscriptionRow> {
  const sub = await subscriptionOf(db, workspaceId, id);
  const allowPrivate = b.allow_private ?? sub.allow_private;
  if (b.url !== undefined || b.allow_private !== undefined) await checkUrl(b.url ?? sub.url, allowPrivate);
  await updateSubscription(db, sub.id, {
    url: b.url,
    description: b.description,
    eventTypes: b.event_types,
    allowPrivate: b.allow_private,
    enabled: b.enabled,
  });
  return (await findSubscription(db, workspaceId, sub.id))!;
}

export async function removeSubscription(db: Kysely<Schema>, workspaceId: string, id: string): Promise<void> {
  if (!(await deleteSubscription(db, workspaceId, id))) throw new AppError('not_found');
}

/** A new signing secret for the subscription, returned this once. */
export async function rotateSecret(db: Kysely<Schema>, out: Outbound, workspaceId: string, id: string): Promise<string> {
  const sub = await subscriptionOf(db, workspaceId, id);
  const secret = newWebhookSecret();
  await updateSubscription(db, sub.id, { secretEnc: await out.seal(secret, Outbound.aad.webhook(sub)) });
  return secret;
}

/** The subscription's delivery log, newest first. */
export async function deliveriesOf(db: Kysely<Schema>, workspaceId: string, id: string, limit: number): Promise<WebhookDeliveryRow[]> {
  const sub = await subscriptionOf(db, workspaceId, id);
  return listDeliveries(db, workspaceId, sub.id, limit);
}

/** Starts a fresh round of attempts for one of the workspace's deliveries. */
export async function retryDelivery(
  db: Kysely<Schema>,
  jobs: Pick<JobQueue, 'enqueue'>,
  workspaceId: string,
  id: string,
): Promise<WebhookDeliveryRow> {
  const d = await findDelivery(db, id);
  if (!d || d.workspace_id !== workspaceId) throw new AppError('not_found');
  await transaction(db, async (tx) => {
    await resetDelivery(tx, d.id);
    await jobs.enqueue(webhookDeliveryJob, { deliveryId: d.id, attempt: 1 }, { tx });
  });
  return (await findDelivery(db, d.id))!;
}

/** The workspace's deliveries that used up their retries, with their jobs. */
export async function deliveryDeadLetters(
  db: Kysely<Schema>,
  jobs: Pick<JobQueue, 'failed'>,
  workspaceId: string,
): Promise<{ job: FailedJob; delivery: WebhookDeliveryRow }[]> {
  const rows = [];
  for (const job of await jobs.failed(webhookDeliveryJob.name, 500)) {
    const delivery = await findDelivery(db, String((job.data as { deliveryId?: string }).deliveryId));
    if (delivery && delivery.workspace_id === workspaceId && delivery.status === 'failed') rows.push({ job, delivery });
  }
  return rows;
}
