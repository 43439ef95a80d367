import { z } from 'zod';
import { SENSITIVE_KINDS } from '../../engine/understand/sensitive.ts';
import { HANDOFF_REASONS } from '../../engine/types.ts';

// The handoff brief: what an agent sees first. Versioned: a consumer checks schema_version and
// reads the fields it knows. Published as JSON Schema at GET /api/v1/schemas/brief.json.
// Every statement in it is taken from a message (named by message_id) or an article (by id).

export const BRIEF_SCHEMA_VERSION = 2;

const Ref = z.object({ message_id: z.string(), seq: z.number().int() });
const ArticleRef = z.object({ id: z.string(), title: z.string(), url: z.string().nullable() });

export const Reaction = z.enum(['asked_for_human', 'said_not_helpful', 'rephrased', 'negative', 'thanked', 'continued', 'none']);

export const BriefSchema = z
  .object({
    schema_version: z.literal(BRIEF_SCHEMA_VERSION),
    conversation_id: z.string(),
    generated_at: z.string().describe('When the brief was (re)built, ISO 8601'),
    customer: z.object({
      id: z.string(),
      external_id: z.string().nullable(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      verified: z.boolean(),
      verified_by: z
        .enum(['identity_hash'])
        .nullable()
        .describe('How the identity was verified: identity_hash = the site signed the user id (HMAC)'),
      tier: z.string().nullable(),
      plan: z.string().nullable(),
      vip: z.boolean(),
    }),
    language: z.string().nullable(),
    channel: z.string(),
    intent: z
      .object({
        id: z.string(),
        title: z.string().describe('In words: the intent or article title ("Gift cards"), never the bare id'),
        confidence: z.number(),
      })
      .nullable(),
    sentiment: z
      .object({ score: z.number().min(-1).max(1), label: z.enum(['negative', 'neutral', 'positive']) })
      .nullable()
      .describe('As the bot measured it on the last turn'),
    summary: z.string().describe('2-3 sentences quoted from the customer, in their own words'),
    summary_sources: z
      .array(Ref.extend({ text: z.string().optional().describe('The sentence quoted from that message') }))
      .describe('The messages the summary sentences come from, one per sentence, in order'),
    goal: z
      .object({ text: z.string(), message_id: z.string(), seq: z.number().int() })
      .nullable()
      .describe("The customer's need still unmet at handoff (not a question the bot already answered), quoted"),
    last_customer_message: z.string().nullable(),
    last_customer_message_id: z.string().nullable().optional(),
    bot_attempts: z.array(
      z.object({
        message_id: z.string(),
        seq: z.number().int(),
        action: z.enum(['answer', 'clarify', 'handoff', 'social']),
        text: z.string(),
        confidence: z.number().nullable(),
        articles: z.array(ArticleRef),
        reaction: z.object({ kind: Reaction, message_id: z.string().nullable(), text: z.string().nullable() }),
      }),
    ),
    knowledge: z.array(ArticleRef).describe('Articles the bot cited or considered'),
    reasons: z.array(z.enum(HANDOFF_REASONS)),
    escalation: z.object({
      reasons: z.array(
        z.object({
          reason: z.enum(HANDOFF_REASONS),
          evidence: z
            .string()
            .nullable()
            .describe(
              "What in the conversation shows it: for a request for a person, anger and a sensitive topic, the part of the customer's message the bot read it in",
            ),
          message_id: z.string().nullable(),
          confidence: z
            .number()
            .min(0)
            .max(1)
            .optional()
            .describe('How sure the escalation-signal detector was of that reading (0-1); absent where a listed phrase or a rule decided'),
          kind: z
            .enum(SENSITIVE_KINDS)
            .optional()
            .describe('With `sensitive_topic`: the topic the bot read last (`self_harm`, `safety`: danger or abuse, `fraud`, `legal`)'),
        }),
      ),
      confidence: z.number().nullable(),
      threshold: z.number().nullable().describe('The confidence threshold in force for the last bot decision'),
    }),
    recommended_next_step: z.object({ action: z.string(), text: z.string() }),
    priority: z.enum(['low', 'normal', 'high', 'urgent']),
    routing: z.object({
      team_id: z.string().nullable(),
      team_name: z.string().nullable(),
      agent_id: z.string().nullable(),
      agent_name: z.string().nullable(),
      rule: z.string().nullable(),
      assignment: z.string(),
      on_shift: z.boolean().describe('Whether anyone was on shift; false means the customer was asked for an e-mail'),
      why: z.string(),
    }),
    fields: z
      .array(
        z.object({
          kind: z.enum(['order_number', 'email', 'amount', 'phone', 'pii_token']),
          label: z.string().optional().describe('In words: "Order number", "Card number (hidden)" for a redacted value'),
          value: z.string().describe('As written; redacted values stay tokens such as <EMAIL_1>'),
          message_id: z.string(),
        }),
      )
      .describe('Details the customer gave'),
    redaction_tokens: z.array(z.string()),
    transcript: z.object({ url: z.string(), message_count: z.number().int(), last_seq: z.number().int() }),
    updates: z
      .array(
        z.object({
          at: z.string(),
          message_id: z.string(),
          seq: z.number().int(),
          in_summary: z
            .boolean()
            .optional()
            .describe('Quoted in the summary (false: nothing in it but a greeting or a detail under fields)'),
        }),
      )
      .describe('Customer messages sent while waiting for a person (after the handoff, until an agent first writes)'),
    state: z
      .object({
        status: z.enum(['bot', 'queued', 'with_agent', 'awaiting_customer', 'resolved', 'closed']),
        assignee_id: z.string().nullable(),
        assignee_name: z.string().nullable(),
        on_shift: z.boolean().describe('Whether anyone is on shift now'),
      })
      .optional()
      .describe('The conversation when the brief was (re)built; routing says how it was at handoff'),
    actions: z
      .object({
        identity: z
          .object({
            via: z.enum(['host_page', 'tool']),
            tool: z.string().nullable().describe('The verification tool, when verified in the conversation'),
            using: z.array(z.string()).describe('The details it was verified with (names of slots, never their values)'),
            text: z.string(),
          })
          .nullable()
          .describe('How the customer was verified for account tools; null: not verified'),
        calls: z.array(
          z.object({
            event_id: z.string(),
            at: z.string(),
            by: z.enum(['bot', 'agent']),
            name: z.string(),
            kind: z.enum(['read', 'write']),
            args: z.record(z.string(), z.unknown()).describe('As tokens (<EMAIL_1>), never clear values'),
            turn: z.number().int(),
            ok: z.boolean(),
            status: z.number().int().nullable(),
            error: z.string().nullable(),
            duration_ms: z.number(),
            summary: z.string().describe('The call in words: "Looked up order #W5442520: pending, 2 items, $412.80"'),
          }),
        ),
        changed: z.array(z.string()).describe('The writes that succeeded, in words'),
        failed: z.array(z.string()).describe('The calls that failed, in words, with why'),
      })
      .optional()
      .describe("What the bot looked up and did: its calls of the company's API (docs/brief.md); absent when it made none"),
  })
  .describe('Baton handoff brief');

export type Brief = z.infer<typeof BriefSchema>;

/** The brief's JSON Schema (draft 2020-12), for helpdesks and other consumers. */
export const briefJsonSchema = (): Record<string, unknown> => ({
  $id: `urn:baton:schema:brief:v${BRIEF_SCHEMA_VERSION}`,
  ...(z.toJSONSchema(BriefSchema) as Record<string, unknown>),
});
