import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../../errors.ts';
import { staffActor } from '../../plugins/auth.ts';
import { actorRef } from '../../../conversations/actor.ts';
import { appendEvent } from '../../../db/repositories/events.ts';
import {
  deleteSubscription,
  findDelivery,
  findSubscription,
  insertSubscription,
  listDeliveries,
  listSubscriptions,
  resetDelivery,
  updateSubscription,
} from '../../../db/repositories/webhooks.ts';
import type { WebhookDeliveryRow, WebhookSubscriptionRow } from '../../../db/schema.ts';
import { Outbound } from '../../../connectors/outbound.ts';
import { webhookDeliveryJob } from '../../../webhooks/deliver-job.ts';
import { WEBHOOK_EVENT_TYPES } from '../../../webhooks/events.ts';
import { checkTargetUrl, OutboundError } from '../../../webhooks/safe-http.ts';
import { IdParams } from '../schemas.ts';
import type { AppContext } from '../../context.ts';
import { CreatedWebhook, CreateWebhookBody, DeliveriesQuery, DeliveriesResponse, DeliveryResponse, PatchWebhookBody, SecretResponse, WebhookDeadLetters, WebhookResponse, WebhooksResponse } from './schema.ts';
import { NoContent } from '../responses.ts';

const admin = { access: { kind: 'staff' as const, role: 'admin' as const } };
const tags = ['webhooks'];
const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

const presentSubscription = (s: WebhookSubscriptionRow) => ({
  id: s.id,
  url: s.url,
  description: s.description,
  event_types: s.event_types,
  allow_private: s.allow_private,
  enabled: s.enabled,
  created_at: iso(s.created_at),
});

const presentDelivery = (d: WebhookDeliveryRow) => ({
  id: d.id,
  subscription_id: d.subscription_id,
  event_id: `evt_${d.event_id}`,
  event_type: d.event_type,
  status: d.status,
  attempts: d.attempts,
  last_status: d.last_status,
  last_error: d.last_error,
  created_at: iso(d.created_at),
  last_attempt_at: iso(d.last_attempt_at),
  delivered_at: iso(d.delivered_at),
});

/** A signing secret, shown once at creation or rotation. */
const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

// Outbound webhooks: subscriptions per workspace, their delivery log, retry (admin only).
export function webhookRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const out = (): Outbound => ctx.outbound;

  async function checkUrl(url: string, allowPrivate: boolean): Promise<void> {
    try {
      await checkTargetUrl(url, allowPrivate);
    } catch (err) {
      if (err instanceof OutboundError && !err.retryable) throw new AppError('invalid_request', `url refused: ${err.message}`, { reason: err.kind });
      throw new AppError('invalid_request', `url refused: ${(err as Error).message}`);
    }
  }

  async function box() {
    try {
      return await out().box();
    } catch (err) {
      throw new AppError('unavailable', (err as Error).message);
    }
  }

  r.get('/api/v1/webhooks', { schema: { tags, operationId: 'listWebhooks', summary: 'Webhook subscriptions, and the event types a subscription can ask for', response: { 200: WebhooksResponse } }, config: admin }, async (request) => ({
    webhooks: (await listSubscriptions(ctx.db, staffActor(request).workspaceId)).map(presentSubscription),
    event_types: ['*', ...WEBHOOK_EVENT_TYPES],
  }));

  r.post('/api/v1/webhooks', { schema: { tags, operationId: 'createWebhook', summary: 'Subscribe a URL to events (the signing secret is returned once)', body: CreateWebhookBody, response: { 201: CreatedWebhook } }, config: admin }, async (request, reply) => {
    const actor = staffActor(request);
    const b = request.body;
    await checkUrl(b.url, b.allow_private);
    const id = randomUUID();
    const secret = newWebhookSecret();
    const secretEnc = (await box()).seal(secret, Outbound.aad.webhook({ workspace_id: actor.workspaceId, id }));
    const row = await ctx.db.transaction().execute(async (tx) => {
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
    reply.status(201);
    return { webhook: presentSubscription(row), secret };
  });

  r.patch('/api/v1/webhooks/:id', { schema: { tags, operationId: 'updateWebhook', summary: 'Change a subscription', params: IdParams, body: PatchWebhookBody, response: { 200: WebhookResponse } }, config: admin }, async (request) => {
    const actor = staffActor(request);
    const sub = await findSubscription(ctx.db, actor.workspaceId, request.params.id);
    if (!sub) throw new AppError('not_found');
    const b = request.body;
    const allowPrivate = b.allow_private ?? sub.allow_private;
    if (b.url !== undefined || b.allow_private !== undefined) await checkUrl(b.url ?? sub.url, allowPrivate);
    await updateSubscription(ctx.db, sub.id, { url: b.url, description: b.description, eventTypes: b.event_types, allowPrivate: b.allow_private, enabled: b.enabled });
    return { webhook: presentSubscription((await findSubscription(ctx.db, actor.workspaceId, sub.id))!) };
  });

  r.delete('/api/v1/webhooks/:id', { schema: { tags, operationId: 'deleteWebhook', summary: 'Remove a subscription and its log', params: IdParams, response: { 204: NoContent } }, config: admin }, async (request, reply) => {
    if (!(await deleteSubscription(ctx.db, staffActor(request).workspaceId, request.params.id))) throw new AppError('not_found');
    reply.status(204);
  });

  r.post('/api/v1/webhooks/:id/rotate-secret', { schema: { tags, operationId: 'rotateWebhookSecret', summary: 'A new signing secret (returned once)', params: IdParams, response: { 200: SecretResponse } }, config: admin }, async (request) => {
    const actor = staffActor(request);
    const sub = await findSubscription(ctx.db, actor.workspaceId, request.params.id);
    if (!sub) throw new AppError('not_found');
    const secret = newWebhookSecret();
    await updateSubscription(ctx.db, sub.id, { secretEnc: (await box()).seal(secret, Outbound.aad.webhook(sub)) });
    return { secret };
  });

  r.get(
    '/api/v1/webhooks/:id/deliveries',
    { schema: { tags, operationId: 'listWebhookDeliveries', summary: 'Delivery log, newest first', params: IdParams, querystring: DeliveriesQuery, response: { 200: DeliveriesResponse } }, config: admin },
    async (request) => {
      const actor = staffActor(request);
      const sub = await findSubscription(ctx.db, actor.workspaceId, request.params.id);
      if (!sub) throw new AppError('not_found');
      return { deliveries: (await listDeliveries(ctx.db, actor.workspaceId, sub.id, request.query.limit)).map(presentDelivery) };
    },
  );

  r.post('/api/v1/webhooks/deliveries/:id/retry', { schema: { tags, operationId: 'retryWebhookDelivery', summary: 'Deliver again (a fresh round of attempts)', params: IdParams, response: { 200: DeliveryResponse } }, config: admin }, async (request) => {
    const actor = staffActor(request);
    const d = await findDelivery(ctx.db, request.params.id);
    if (!d || d.workspace_id !== actor.workspaceId) throw new AppError('not_found');
    await ctx.db.transaction().execute(async (tx) => {
      await resetDelivery(tx, d.id);
      await ctx.jobs.enqueue(webhookDeliveryJob, { deliveryId: d.id, attempt: 1 }, { tx });
    });
    return { delivery: presentDelivery((await findDelivery(ctx.db, d.id))!) };
  });

  r.get('/api/v1/webhooks/dead-letters', { schema: { tags, operationId: 'listWebhookDeadLetters', summary: 'Deliveries that used up their retries', response: { 200: WebhookDeadLetters } }, config: admin }, async (request) => {
    const actor = staffActor(request);
    const rows = [];
    for (const job of await ctx.jobs.failed(webhookDeliveryJob.name, 500)) {
      const d = await findDelivery(ctx.db, String((job.data as { deliveryId?: string }).deliveryId));
      if (d && d.workspace_id === actor.workspaceId && d.status === 'failed') rows.push({ job_id: job.id, delivery: presentDelivery(d) });
    }
    return { dead_letters: rows };
  });
}
