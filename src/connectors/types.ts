import type { z } from 'zod';
import type { Priority } from '../db/schema.ts';
import type { VendorClient } from './http.ts';

// The one interface every helpdesk connector implements (docs/connectors.md). A connector is
// a self-contained folder under src/connectors/<vendor>/ exporting a ConnectorDefinition; the
// core never imports vendor code directly, only through connectors/registry.ts.

/** What a handoff hands to the helpdesk. Text is redacted unless the workspace allowed clear text. */
export interface HandoffTicket {
  handoffId: string;
  conversationId: string;
  customer: { id: string; externalId: string | null; name: string | null; email: string | null };
  subject: string;
  /** The brief as plain text / simple HTML: posted as an internal note, never public. */
  briefText: string;
  briefHtml: string;
  /** The conversation so far (customer, bot and system lines), oldest first. */
  transcript: { author: string; text: string; at: string }[];
  intent: string | null;
  confidence: number | null;
  priority: Priority;
  team: { id: string; name: string } | null;
  reasons: string[];
  tags: string[];
}

export interface CustomerLine {
  messageId: string;
  text: string;
  at: string;
  customer: HandoffTicket['customer'];
}

/** The vendor object a handoff became, plus vendor progress a retried create resumes from. */
export interface ThreadRef {
  externalId: string | null;
  data: Record<string, unknown>;
}

/** An inbound vendor event, normalised. */
export type InboundEvent =
  | { id: string; kind: 'agent_message'; externalThreadId: string; text: string; agentName: string | null; at: Date | null }
  | { id: string; kind: 'closed'; externalThreadId: string; at: Date | null }
  | { id: string; kind: 'ignored'; reason: string };

export interface InboundRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  now: Date;
}

export interface SetupResult {
  /** What was registered through the vendor's API. */
  registered: string[];
  /** Exact steps for what the vendor only lets a person do. */
  manualSteps: string[];
  /** Secrets the vendor issued during set-up (e.g. a webhook signing secret), to store encrypted. */
  credentials?: Record<string, string>;
  /** Non-secret settings learned during set-up (e.g. the API user's id, to drop our echoes). */
  config?: Record<string, unknown>;
}

export interface Capabilities {
  internalNotes: boolean;
  nativePriority: boolean;
  nativeIdempotency: boolean;
  webhookSetup: 'api' | 'manual';
  /** The vendor's documented budget, enforced per connector with a token bucket. */
  rateLimit: { requests: number; perMs: number };
}

export interface ConnectorInstance {
  /** Idempotent: resumes from `progress` (what an earlier attempt recorded) and never creates twice. */
  handoff(ticket: HandoffTicket, progress: ThreadRef, save: (ref: ThreadRef) => Promise<void>): Promise<ThreadRef>;
  appendCustomerMessage(ref: ThreadRef, line: CustomerLine): Promise<void>;
  /** Baton's side ended the human part (resolved/closed in Baton): tell the helpdesk. */
  close?(ref: ThreadRef): Promise<void>;
  /** Throws when the signature or shared secret does not match. */
  verify(request: InboundRequest): void;
  parse(request: InboundRequest): InboundEvent[];
  testConnection(): Promise<{ ok: boolean; detail: string }>;
  setup(webhookUrl: string): Promise<SetupResult>;
}

export interface ConnectorDefinition<C extends z.ZodType = z.ZodType, S extends z.ZodType = z.ZodType> {
  vendor: string;
  displayName: string;
  capabilities: Capabilities;
  /** Non-secret settings. */
  configSchema: C;
  /** Secrets: stored encrypted, never returned. */
  credentialsSchema: S;
  /** Base URL for the vendor API (tests point it at a loopback stand-in via config.base_url). */
  baseUrl(config: z.infer<C>): string;
  /** Auth headers for every API call. */
  authHeaders(credentials: z.infer<S>, config: z.infer<C>): Record<string, string>;
  create(args: { config: z.infer<C>; credentials: z.infer<S>; client: VendorClient }): ConnectorInstance;
}

export const defineConnector = <C extends z.ZodType, S extends z.ZodType>(def: ConnectorDefinition<C, S>): ConnectorDefinition<C, S> => def;

export class SignatureError extends Error {}
