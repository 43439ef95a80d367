import { z } from 'zod';
import { BaseEnvSchema, parseEnv } from '../env.ts';
import { backoffDelay } from '../retry.ts';

// Settings of the outbound side (connectors and webhooks), read from the environment once at
// boot and validated like src/config/env.ts: every problem listed, nothing read late. Where
// data lives (for the key file) comes from the shared fields in src/env.ts.
const SettingsSchema = BaseEnvSchema.pick({ DATABASE_URL: true, BATON_DATA_DIR: true }).extend({
  /** 32 bytes, as 64 hex characters or base64: encrypts connector credentials and webhook secrets. */
  BATON_SECRET_KEY: z.string().optional(),
  /** Retired secret keys (comma-separated) that still decrypt after a rotation. */
  BATON_SECRET_PREVIOUS_KEYS: z.string().optional(),
  /** Attempts per outbound call before it lands in the dead-letter list. */
  BATON_OUTBOUND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  /** First retry delay; doubles each attempt (with full jitter) up to the max. */
  BATON_OUTBOUND_RETRY_BASE_MS: z.coerce.number().int().min(10).default(2000),
  BATON_OUTBOUND_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .min(10)
    .default(10 * 60 * 1000),
  BATON_OUTBOUND_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** How often the event dispatcher looks for new events (it is also woken by NOTIFY). */
  BATON_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  /** Outbound webhook signatures older than this are to be refused by receivers (documented). */
  BATON_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).default(300),
});

export type OutboundSettings = z.infer<typeof SettingsSchema>;

export function loadOutboundSettings(source: NodeJS.ProcessEnv = process.env): OutboundSettings {
  return parseEnv(SettingsSchema, source);
}

/** The shared backoff (src/retry.ts) at the outbound settings, never shorter than what the vendor asked for. */
export function backoffMs(settings: OutboundSettings, attempt: number, retryAfterMs: number | null, random = Math.random): number {
  const delay = backoffDelay(
    attempt,
    { baseMs: settings.BATON_OUTBOUND_RETRY_BASE_MS, maxMs: settings.BATON_OUTBOUND_RETRY_MAX_MS },
    random,
  );
  return Math.max(delay, retryAfterMs ?? 0);
}
