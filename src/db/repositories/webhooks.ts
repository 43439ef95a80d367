import type { WebhookDeliveryRow, WebhookSubscriptionRow } from '../schema.ts';
import { json, type Executor } from './executor.ts';

export function insertSubscription(
  db: Executor,
  s: {
    id: string;
    workspaceId: string;
    url: string;
    description: string | null;
    eventTypes: string[];
    secretEnc: string;
    allowPrivate: boolean;
    enabled: boolean;
  },
): Promise<WebhookSubscriptionRow> {
  return db
    .insertInto('webhook_subscriptions')
    .values({
      id: s.id,
      workspace_id: s.workspaceId,
      url: s.url,
      description: s.description,
      event_types: json(s.eventTypes),
      secret_enc: s.secretEnc,
      allow_private: s.allowPrivate,
      enabled: s.enabled,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listSubscriptions(db: Executor, workspaceId: string): Promise<WebhookSubscriptionRow[]> {
  return db.selectFrom('webhook_subscriptions').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
}

export function listEnabledSubscriptions(db: Executor, workspaceIds: string[]): Promise<WebhookSubscriptionRow[]> {
  if (workspaceIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('webhook_subscriptions').selectAll().where('workspace_id', 'in', workspaceIds).where('enabled', '=', true).execute();
}

export function findSubscription(db: Executor, workspaceId: string, id: string): Promise<WebhookSubscriptionRow | undefined> {
  return db.selectFrom('webhook_subscriptions').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function updateSubscription(
  db: Executor,
  id: string,
  patch: {
    url?: string;
    description?: string | null;
    eventTypes?: string[];
    allowPrivate?: boolean;
    enabled?: boolean;
    secretEnc?: string;
  },
): Promise<void> {
  const set: Record<string, unknown> = {};
  if (patch.url !== undefined) set.url = patch.url;
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.eventTypes !== undefined) set.event_types = json(patch.eventTypes);
  if (patch.allowPrivate !== undefined) set.allow_private = patch.allowPrivate;
  if (patch.enabled !== undefined) set.enabled = patch.enabled;
  if (patch.secretEnc !== undefined) set.secret_enc = patch.secretEnc;
  if (Object.keys(set).length) await db.updateTable('webhook_subscriptions').set(set).where('id', '=', id).execute();
}

export async function deleteSubscription(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('webhook_subscriptions').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** One delivery per (subscription, event); null when it exists already (the dispatcher re-read the event). */
export async function insertDelivery(
  db: Executor,
  d: { id: string; workspaceId: string; subscriptionId: string; eventId: string; eventType: string },
): Promise<WebhookDeliveryRow | null> {
  const row = await db
    .insertInto('webhook_deliveries')
    .values({ id: d.id, workspace_id: d.workspaceId, subscription_id: d.subscriptionId, event_id: d.eventId, event_type: d.eventType })
    .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export function findDelivery(db: Executor, id: string): Promise<WebhookDeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listDeliveries(db: Executor, workspaceId: string, subscriptionId: string, limit = 100): Promise<WebhookDeliveryRow[]> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('subscription_id', '=', subscriptionId)
    .orderBy('created_at', 'desc')
    .orderBy('event_id', 'desc')
    .limit(limit)
    .execute();
}

export async function recordAttempt(
  db: Executor,
  id: string,
  r: { status: 'pending' | 'delivered' | 'failed'; httpStatus: number | null; error: string | null },
): Promise<void> {
  const now = new Date();
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      status: r.status,
      last_status: r.httpStatus,
      last_error: r.error ? r.error.slice(0, 500) : null,
      last_attempt_at: now,
      ...(r.status === 'delivered' ? { delivered_at: now } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

export async function resetDelivery(db: Executor, id: string): Promise<void> {
  await db.updateTable('webhook_deliveries').set({ status: 'pending' }).where('id', '=', id).execute();
}
