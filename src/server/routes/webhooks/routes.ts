import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { staffActor } from '../../plugins/auth.ts';
import type { WebhookDeliveryRow, WebhookSubscriptionRow } from '../../../db/schema.ts';
import {
  changeSubscription,
  createSubscription,
  deliveriesOf,
  deliveryDeadLetters,
  removeSubscription,
  retryDelivery,
  rotateSecret,
  subscriptionsOf,
} from '../../../webhooks/admin.ts';
import { WEBHOOK_EVENT_TYPES } from '../../../webhooks/events.ts';
import { IdParams } from '../schemas.ts';
import type { AppContext } from '../../context.ts';
import {
  CreatedWebhook,
  CreateWebhookBody,
  DeliveriesQuery,
  DeliveriesResponse,
  DeliveryResponse,
  PatchWebhookBody,
  SecretResponse,
  WebhookDeadLetters,
  WebhookResponse,
  WebhooksResponse,
} from './schema.ts';
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

// Outbound webhooks: subscriptions per workspace, their delivery log, retry (admin only).
export function webhookRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        operationId: 'listWebhooks',
        summary: 'Webhook subscriptions, and the event types a subscription can ask for',
        response: { 200: WebhooksResponse },
      },
      config: admin,
    },
    async (request) => ({
      webhooks: (await subscriptionsOf(ctx.db, staffActor(request).workspaceId)).map(presentSubscription),
      event_types: ['*', ...WEBHOOK_EVENT_TYPES],
    }),
  );

  r.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        operationId: 'createWebhook',
        summary: 'Subscribe a URL to events (the signing secret is returned once)',
        body: CreateWebhookBody,
        response: { 201: CreatedWebhook },
      },
      config: admin,
    },
    async (request, reply) => {
      const { subscription, secret } = await createSubscription(ctx.db, ctx.outbound, staffActor(request), request.body);
      reply.status(201);
      return { webhook: presentSubscription(subscription), secret };
    },
  );

  r.patch(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags,
        operationId: 'updateWebhook',
        summary: 'Change a subscription',
        params: IdParams,
        body: PatchWebhookBody,
        response: { 200: WebhookResponse },
      },
      config: admin,
    },
    async (request) => ({
      webhook: presentSubscription(await changeSubscription(ctx.db, staffActor(request).workspaceId, request.params.id, request.body)),
    }),
  );

  r.delete(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags,
        operationId: 'deleteWebhook',
        summary: 'Remove a subscription and its log',
        params: IdParams,
        response: { 204: NoContent },
      },
      config: admin,
    },
    async (request, reply) => {
      await removeSubscription(ctx.db, staffActor(request).workspaceId, request.params.id);
      reply.status(204);
    },
  );

  r.post(
    '/api/v1/webhooks/:id/rotate-secret',
    {
      schema: {
        tags,
        operationId: 'rotateWebhookSecret',
        summary: 'A new signing secret (returned once)',
        params: IdParams,
        response: { 200: SecretResponse },
      },
      config: admin,
    },
    async (request) => ({
      secret: await rotateSecret(ctx.db, ctx.outbound, staffActor(request).workspaceId, request.params.id),
    }),
  );

  r.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        operationId: 'listWebhookDeliveries',
        summary: 'Delivery log, newest first',
        params: IdParams,
        querystring: DeliveriesQuery,
        response: { 200: DeliveriesResponse },
      },
      config: admin,
    },
    async (request) => ({
      deliveries: (await deliveriesOf(ctx.db, staffActor(request).workspaceId, request.params.id, request.query.limit)).map(
        presentDelivery,
      ),
    }),
  );

  r.post(
    '/api/v1/webhooks/deliveries/:id/retry',
    {
      schema: {
        tags,
        operationId: 'retryWebhookDelivery',
        summary: 'Deliver again (a fresh round of attempts)',
        params: IdParams,
        response: { 200: DeliveryResponse },
      },
      config: admin,
    },
    async (request) => ({
      delivery: presentDelivery(await retryDelivery(ctx.db, ctx.jobs, staffActor(request).workspaceId, request.params.id)),
    }),
  );

  r.get(
    '/api/v1/webhooks/dead-letters',
    {
      schema: {
        tags,
        operationId: 'listWebhookDeadLetters',
        summary: 'Deliveries that used up their retries',
        response: { 200: WebhookDeadLetters },
      },
      config: admin,
    },
    async (request) => ({
      dead_letters: (await deliveryDeadLetters(ctx.db, ctx.jobs, staffActor(request).workspaceId)).map(({ job, delivery }) => ({
        job_id: job.id,
        delivery: presentDelivery(delivery),
      })),
    }),
  );
}
