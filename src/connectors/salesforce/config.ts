import { z } from 'zod';
import { hostedConfig } from '../hosted.ts';

// Salesforce Service Cloud connector settings. Field names are Case field API names; picklist
// values (Origin, Status, Priority) are org-specific, so each is configurable.

const FieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, 'a custom field API name ending in __c');
const SalesforceId = z.string().regex(/^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/, 'a 15- or 18-character Salesforce id');

/** The My Domain name: https://<my_domain>.my.salesforce.com (sandboxes: "acme--uat.sandbox"). */
const MyDomain = z.string().regex(/^[a-z0-9][a-z0-9-]*(\.sandbox)?$/i);

export const Config = hostedConfig(
  'my_domain',
  {
    api_version: z
      .string()
      .regex(/^v\d{2,3}\.0$/)
      .default('v62.0'),
    /** External ID field holding the handoff id: creates become upserts (native idempotency). */
    handoff_field: FieldName.optional(),
    /** Custom fields for intent (text) and confidence (number); without them both go to the Description's tag line. */
    intent_field: FieldName.optional(),
    confidence_field: FieldName.optional(),
    /** Baton team id or name -> queue (00G...) or user (005...) id for OwnerId. */
    queue_map: z.record(z.string(), SalesforceId).default({}),
    default_queue_id: SalesforceId.optional(),
    /** Baton priority -> Case Priority picklist value (standard values: High, Medium, Low). */
    priority_map: z
      .object({ low: z.string().min(1), normal: z.string().min(1), high: z.string().min(1), urgent: z.string().min(1) })
      .default({ low: 'Low', normal: 'Medium', high: 'High', urgent: 'High' }),
    origin: z.string().min(1).default('Web'),
    new_status: z.string().min(1).default('New'),
    closed_status: z.string().min(1).default('Closed'),
    /** Learned by set-up from the token's identity URL: the org whose callouts we accept, the user whose writes are our echoes. */
    organization_id: SalesforceId.optional(),
    integration_user_id: SalesforceId.optional(),
  },
  MyDomain,
);

export type SfConfig = z.infer<typeof Config>;

export const Credentials = z.object({
  /** The connected app's consumer key and secret (client credentials flow). */
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  /** Sent by the org's callout as X-Baton-Secret. */
  webhook_secret: z.string().min(16).optional(),
});

export type SfCredentials = z.infer<typeof Credentials>;

export const baseUrlOf = (c: SfConfig): string => c.base_url ?? `https://${c.my_domain}.my.salesforce.com`;
