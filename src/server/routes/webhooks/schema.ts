import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../../../webhooks/events.ts';

const EventType = z.enum(['*', ...WEBHOOK_EVENT_TYPES]);

export const CreateWebhookBody = z.object({
  url: z.string().url().max(2000),
  event_types: z.array(EventType).min(1).max(50),
  description: z.string().max(200).optional(),
  /** Deliver to private, loopback or link-local addresses. Off by default (SSRF); say so explicitly. */
  allow_private: z.boolean().default(false),
  enabled: z.boolean().default(true),
});

export const PatchWebhookBody = z.object({
  url: z.string().url().max(2000).optional(),
  event_types: z.array(EventType).min(1).max(50).optional(),
  description: z.string().max(200).nullable().optional(),
  allow_private: z.boolean().optional(),
  enabled: z.boolean().optional(),
});

// Answers.
export const Webhook = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    event_types: z.array(z.string()),
    allow_private: z.boolean(),
    enabled: z.boolean(),
    created_at: z.string().nullable(),
  })
  .meta({ id: 'Webhook' });
export const WebhookDelivery = z
  .object({
    id: z.string(),
    subscription_id: z.string(),
    event_id: z.string(),
    event_type: z.string(),
    status: z.string(),
    attempts: z.number(),
    last_status: z.number().nullable().describe("The receiver's last HTTP status"),
    last_error: z.string().nullable(),
    created_at: z.string().nullable(),
    last_attempt_at: z.string().nullable(),
    delivered_at: z.string().nullable(),
  })
  .meta({ id: 'WebhookDelivery' });
export const WebhooksResponse = z.object({ webhooks: z.array(Webhook), event_types: z.array(z.string()) });
export const CreatedWebhook = z.object({ webhook: Webhook, secret: z.string().describe('The signing secret (whsec_…): shown this once') });
export const WebhookResponse = z.object({ webhook: Webhook });
export const SecretResponse = z.object({ secret: z.string() });
export const DeliveriesResponse = z.object({ deliveries: z.array(WebhookDelivery) });
export const DeliveryResponse = z.object({ delivery: WebhookDelivery });
export const WebhookDeadLetters = z.object({ dead_letters: z.array(z.object({ job_id: z.string(), delivery: WebhookDelivery })) });

export const DeliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
