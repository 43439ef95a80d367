import { z } from 'zod';

// Settings of the outbound side (connectors and webhooks), read from the environment once at
// boot and validated like src/config/env.ts: every problem listed, nothing read late.
const SettingsSchema = z.object({
  /** 32 bytes, as 64 hex characters or base64: encrypts connector credentials and webhook secrets. */
  BATON_SECRET_KEY: z.string().optional(),
  BATON_DATA_DIR: z.string().min(1).default('.baton-data'),
  DATABASE_URL: z.string().optional(),
  /** Attempts per outbound call before it lands in the dead-letter list. */
  BATON_OUTBOUND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  /** First retry delay; doubles each attempt (with full jitter) up to the max. */
  BATON_OUTBOUND_RETRY_BASE_MS: z.coerce.number().int().min(10).default(2000),
  BATON_OUTBOUND_RETRY_MAX_MS: z.coerce.number().int().min(10).default(10 * 60 * 1000),
  BATON_OUTBOUND_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** How often the event dispatcher looks for new events (it is also woken by NOTIFY). */
  BATON_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  /** Outbound webhook signatures older than this are to be refused by receivers (documented). */
  BATON_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).default(300),
});

export type OutboundSettings = z.infer<typeof SettingsSchema>;

export function loadOutboundSettings(source: NodeJS.ProcessEnv = process.env): OutboundSettings {
  const result = SettingsSchema.safeParse(source);
  if (!result.success) {
    throw new Error(`invalid configuration:\n${result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return result.data;
}

/** Exponential backoff with full jitter, never shorter than what the vendor asked for. */
export function backoffMs(settings: OutboundSettings, attempt: number, retryAfterMs: number | null, random = Math.random): number {
  const cap = Math.min(settings.BATON_OUTBOUND_RETRY_MAX_MS, settings.BATON_OUTBOUND_RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = cap / 2 + (cap / 2) * random();
  return Math.max(jittered, retryAfterMs ?? 0);
}
