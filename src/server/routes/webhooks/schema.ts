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

export const DeliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
