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

export const SetupBody = z.object({
  /** The address the helpdesk reaches Baton at, e.g. https://support.example.com */
  public_url: z.string().url(),
});
