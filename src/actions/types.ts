// Actions: the company's own API operations ("tools"), declared per workspace, that the bot
// calls within policy (playbooks for the embedded engine, function calls with a model).
// This file is the seam between the parts: the tool definitions (config), the HTTP caller
// (call), the playbook runner (playbooks) and the conversation layer that persists state and
// records every call (conversations/, handoff brief).
import { z } from 'zod';

export const TOOL_KINDS = ['read', 'write'] as const;
export type ToolKind = (typeof TOOL_KINDS)[number];

/** A JSON Schema object describing a tool's arguments (the subset tools use: object of named properties). */
export const toolInputSchema = z.object({
  type: z.literal('object'),
  properties: z.record(z.string(), z.record(z.string(), z.unknown())),
  required: z.array(z.string()).default([]),
});

/**
 * One HTTP operation of the company's API, declared (imported from an OpenAPI document or
 * written by hand), never coded. Arguments named in `{braces}` in the path go there; the rest
 * go in the query string (GET, DELETE) or as a JSON body (POST, PUT, PATCH).
 */
export const toolDefinitionSchema = z.object({
  /** Also the function name a model sees: letters, digits and underscores. */
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/),
  description: z.string().max(1000).default(''),
  kind: z.enum(TOOL_KINDS),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  /** Relative to the workspace's API base, e.g. "/orders/{order_id}". */
  path: z.string().startsWith('/'),
  input: toolInputSchema,
  /** Result fields to keep (dot paths, e.g. "status", "items.name"); absent keeps all. */
  output: z.array(z.string()).optional(),
  /** How the stored secret is sent: a named header, or "Authorization: Bearer". None: no secret. */
  auth: z
    .discriminatedUnion('type', [z.object({ type: z.literal('header'), header: z.string() }), z.object({ type: z.literal('bearer') })])
    .optional(),
  timeoutMs: z.number().int().min(100).max(30_000).default(5000),
  /**
   * The argument that names the customer's account (e.g. "user_id"): the call runs only when
   * it equals the verified identity. Absent: the tool reads nothing of an account.
   */
  identityArg: z.string().optional(),
  /**
   * The result field that names the account a record belongs to (e.g. an order's "user_id"): a
   * record of another account is withheld and the call counts as refused.
   */
  ownerField: z.string().optional(),
  /**
   * For a write on a record that belongs to an account (an order): the read tool (with an
   * `ownerField`) that finds the record from the write's own arguments. The guard looks it up
   * before the write and refuses one on another customer's record, whoever asked for it.
   */
  ownerLookup: z.string().optional(),
  /** A verification tool: a successful result's field (e.g. "user_id", or "" for a plain-string result) is the verified identity. */
  verifies: z.object({ resultField: z.string() }).optional(),
});
export type ToolDefinition = z.infer<typeof toolDefinitionSchema>;

/** What one call came to. `data` is the kept output (see `output`); errors carry a reason in words. */
export type ToolOutcome =
  | { ok: true; status: number; data: unknown; durationMs: number }
  | {
      ok: false;
      /** timeout, network, http (a non-2xx status), invalid (bad arguments or URL), ssrf, refused (policy: identity, confirmation, budget). */
      error: 'timeout' | 'network' | 'http' | 'invalid' | 'ssrf' | 'refused';
      status?: number;
      /** The API's own message when it gave one ("order is not pending"), else ours. */
      message: string;
      durationMs: number;
    };

/** One call as recorded in the conversation's events, the audit log, the brief and `baton eval --details`. */
export interface ToolCallRecord {
  name: string;
  kind: ToolKind;
  args: Record<string, unknown>;
  /** The 1-based customer turn the call followed. */
  turn: number;
  ok: boolean;
  status?: number;
  error?: string;
  durationMs: number;
  /** The kept result (through the PII shield before it is stored or shown to a model). */
  result?: unknown;
  /** The call in words for the brief: "Looked up order #W5442520: pending, 2 items, $412.80". */
  summary: string;
}

/** Makes the HTTP call for a tool (SSRF guard, deadline, auth secret); the caller of the runner records it. */
export type CallTool = (tool: ToolDefinition, args: Record<string, unknown>) => Promise<ToolOutcome>;

/** Who the customer is, once verified: by the host page (signed widget identity) or by a verification tool. */
export interface VerifiedIdentity {
  /** The account id the company's API knows the customer by (e.g. tau-retail's user_id). */
  id: string;
  via: 'host_page' | 'tool';
  /** For `tool`: which tool verified it, and with what (slot names, never values), for the brief. */
  tool?: string;
  using?: string[];
}

/**
 * The runner's state between a conversation's turns (the playbook in progress, filled slots, a
 * write awaiting "yes", the verified identity). Plain JSON: the conversation layer stores it as
 * is and hands it back on the next turn; only src/actions/playbooks reads inside it.
 */
export type ActionState = Record<string, unknown>;

/** One customer turn offered to the actions runner, after the engine decided on it. */
export interface ActionTurnInput {
  /** The customer's line: redacted in live traffic (values appear as tokens like <EMAIL_1>). */
  text: string;
  /** Earlier turns, oldest first, as the engine read them. */
  history: Array<{ role: 'customer' | 'bot' | 'agent'; text: string }>;
  /** The engine's reading of this line: the article it points at, its confidence and the threshold. */
  intent: { id: string; confidence: number } | null;
  threshold: number;
  /** What the engine decided for the line ("details": it asks what a need announced but not said is). */
  decision?: { action: string; clarify?: string | null; social?: string | null; reasons?: string[]; language?: string | null };
  state: ActionState | null;
  /** Verified by the host page before the conversation began, if at all. */
  identity: VerifiedIdentity | null;
  /** 1-based customer turn number. */
  turn: number;
  /** Makes a call; the runner checks identity, confirmation and budget before it asks. */
  call: CallTool;
}

export interface ActionTurnResult {
  /** False: no playbook took this turn; the engine's own decision stands. */
  handled: boolean;
  /** What the bot says (empty for a handoff). */
  reply: string;
  /** The runner gives up (a tool failed, policy refused twice, another person's account): hand off. */
  handoff?: { reason: 'action_failed' | 'policy' | 'customer_requested' | 'repeated_failure'; note: string };
  state: ActionState | null;
  calls: ToolCallRecord[];
  identity: VerifiedIdentity | null;
  /** The playbook that took the turn (its id), for traces and reports. */
  playbook?: string;
}
