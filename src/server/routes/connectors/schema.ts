import { z } from 'zod';
import { VENDORS } from '../../../connectors/registry.ts';

export const VendorParams = z.object({ vendor: z.enum(VENDORS as [string, ...string[]]) });
export const InboundParams = VendorParams.extend({ workspaceId: z.string().uuid() });
export const JobParams = z.object({ id: z.string().uuid() });

export const PutConnectorBody = z.object({
  enabled: z.boolean().default(true),
  /** Non-secret settings, checked against the vendor's schema. */
  config: z.record(z.string(), z.unknown()).default({}),
  /** Secrets, checked against the vendor's schema; omitted keeps the stored ones. Never returned. */
  credentials: z.record(z.string(), z.unknown()).optional(),
  /** Send clear (unredacted) text to this helpdesk; each time it happens is recorded as an event. */
  allow_clear_text: z.boolean().default(false),
});

// Answers.
export const Connector = z
  .object({
    id: z.string(),
    vendor: z.string(),
    display_name: z.string(),
    enabled: z.boolean(),
    config: z.record(z.string(), z.unknown()).describe('Non-secret settings'),
    has_credentials: z.boolean().describe('Credentials are stored encrypted and never returned'),
    allow_clear_text: z.boolean(),
    webhook_path: z.string().describe('Where the helpdesk sends its webhooks'),
    created_at: z.string().nullable(),
    updated_at: z.string().nullable(),
  })
  .meta({ id: 'Connector' });
export const ConnectorsResponse = z.object({
  vendors: z.array(
    z.object({
      vendor: z.string(),
      display_name: z.string(),
      capabilities: z.object({
        internalNotes: z.boolean(),
        nativePriority: z.boolean(),
        nativeIdempotency: z.boolean(),
        webhookSetup: z.enum(['api', 'manual']),
        rateLimit: z.object({ requests: z.number(), perMs: z.number() }),
      }),
    }),
  ),
  connectors: z.array(Connector),
});
export const ConnectorResponse = z.object({ connector: Connector });
export const TestResponse = z.object({ ok: z.boolean(), detail: z.string() });
export const SetupResponse = z.object({ webhook_url: z.string(), registered: z.array(z.string()), manual_steps: z.array(z.string()) });
export const ThreadsResponse = z.object({
  threads: z.array(
    z.object({
      id: z.string(),
      conversation_id: z.string(),
      handoff_id: z.string().nullable(),
      external_id: z.string().nullable(),
      status: z.string(),
      created_at: z.string().nullable(),
      ops: z.array(z.object({ kind: z.string(), state: z.string(), attempts: z.number(), last_error: z.string().nullable() })),
    }),
  ),
});
export const ConnectorDeadLetters = z.object({
  dead_letters: z.array(
    z.object({
      id: z.string().describe('The job id: retry with it'),
      thread_id: z.string(),
      conversation_id: z.string(),
      external_id: z.string().nullable(),
      op: z.string().nullable(),
      attempts: z.number().nullable(),
      error: z.string().nullable(),
      failed_at: z.string().nullable(),
    }),
  ),
});
export const InboundResponse = z.object({ received: z.number(), applied: z.number(), duplicates: z.number(), ignored: z.number() });

export const SetupBody = z.object({
  /** The address the helpdesk reaches Baton at, e.g. https://support.example.com */
  public_url: z.string().url(),
});
