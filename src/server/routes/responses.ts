import { z } from 'zod';
import { ERROR_CATALOGUE, type ErrorCode } from '../../errors.ts';
import { BriefSchema } from '../../handoff/brief/schema.ts';

// What the API answers: the shapes the presenters (src/server/presenters) produce, as zod.
// Routes name them in `response`, so the server checks every answer against them and the
// OpenAPI document (and contracts/api.ts generated from it) describes them. Each `.meta({ id })`
// becomes a named schema in the document's components.

const Iso = z.string().describe('ISO 8601 time');
const IsoOrNull = Iso.nullable();

export const ErrorEnvelope = z
  .object({
    error: z.object({
      code: z
        .enum(Object.keys(ERROR_CATALOGUE) as [ErrorCode, ...ErrorCode[]])
        .describe('One of the catalogue in docs/api.md; each maps to one HTTP status'),
      message: z.string(),
      details: z.unknown().optional().describe('Per code: e.g. the failing fields of invalid_request'),
    }),
  })
  .meta({ id: 'ErrorEnvelope', description: 'Every failure, whatever the route: {"error": {"code", "message", "details"?}}' });

export const Ok = z.object({ ok: z.boolean() }).meta({ id: 'Ok', description: 'Done' });

/** 204: no body. */
export const NoContent = z.null().describe('No content');

export const ConversationStatus = z
  .enum(['bot', 'queued', 'with_agent', 'awaiting_customer', 'resolved', 'closed'])
  .meta({ id: 'ConversationStatus' });
export const Priority = z.enum(['low', 'normal', 'high', 'urgent']).meta({ id: 'Priority' });
const Controller = z.enum(['bot', 'human', 'none']);

export const Conversation = z
  .object({
    id: z.string(),
    status: ConversationStatus,
    controller: Controller,
    channel: z.string(),
    language: z.string().nullable(),
    customer_id: z.string(),
    assignee_id: z.string().nullable(),
    team_id: z.string().nullable(),
    priority: Priority,
    intent: z.string().nullable(),
    tags: z.array(z.string()),
    csat: z.number().nullable(),
    last_seq: z.number(),
    created_at: IsoOrNull,
    updated_at: IsoOrNull.meta({
      description: 'Last activity. While the bot holds the conversation it moves at most once a minute; with a person, at every change.',
    }),
  })
  .meta({ id: 'Conversation', description: 'A conversation as staff see it' });

export const CustomerConversation = z
  .object({
    id: z.string(),
    status: ConversationStatus,
    controller: Controller,
    language: z.string().nullable(),
    csat: z.number().nullable(),
    created_at: IsoOrNull,
  })
  .meta({ id: 'CustomerConversation', description: 'What a customer may see of their own conversation' });

export const QueuePlace = z
  .object({
    position: z.number().int().min(1).describe('1: next in line'),
    ahead: z.number().int().min(0).describe('Conversations before this one in the same queue'),
    expected_wait: z
      .object({
        min_minutes: z.number().int().min(0),
        max_minutes: z.number().int().nullable().describe('null: more than min_minutes'),
      })
      .nullable()
      .describe(
        'The range the wait probably falls in, from recent pick-ups in this queue; null when there are too few to say or nobody is on shift',
      ),
  })
  .meta({
    id: 'QueuePlace',
    description: 'Where a queued conversation stands in its queue (docs/routing.md, "Queue position and expected wait")',
  });

export const Citation = z
  .object({ articleId: z.string(), title: z.string(), url: z.string().optional(), passage: z.string() })
  .partial()
  .meta({ id: 'Citation', description: 'An article passage a bot answer quotes' });

export const ClarifyOption = z
  .object({ articleId: z.string(), title: z.string() })
  .meta({ id: 'ClarifyOption', description: 'A page a clarifying question names; answering with its title picks it' });

const MessageFields = {
  id: z.string(),
  conversation_id: z.string(),
  seq: z.number(),
  author: z.enum(['customer', 'bot', 'agent', 'system']),
  agent_id: z.string().nullable(),
  citations: z.array(Citation).nullable(),
  options: z
    .array(ClarifyOption)
    .nullable()
    .describe('A bot question\'s choices ("Do you mean …?"), in its order; null on every other message'),
  created_at: IsoOrNull,
};

export const Message = z
  .object({
    ...MessageFields,
    text: z.string().describe('Redacted: personal values appear as tokens such as <EMAIL_1> (reveal shows them)'),
    internal: z.boolean(),
    trace: z.record(z.string(), z.unknown()).nullable().describe('What the bot decided and why (bot messages)'),
  })
  .meta({ id: 'Message', description: 'A message as staff see it' });

export const CustomerMessage = z
  .object({ ...MessageFields, text: z.string().describe("The customer's own words as typed") })
  .meta({ id: 'CustomerMessage', description: 'A message as its customer sees it (never internal notes)' });

export const Brief = BriefSchema.meta({ id: 'Brief', description: 'The handoff brief (docs/brief.md), schema_version 2' });

export const Handoff = z
  .object({
    id: z.string(),
    conversation_id: z.string(),
    reasons: z.array(z.string()),
    brief: z
      .union([Brief, z.record(z.string(), z.unknown())])
      .describe('The brief (check schema_version: 2 is Brief); imported handoffs carry {imported, source, source_id}'),
    routing: z.record(z.string(), z.unknown()),
    team_id: z.string().nullable(),
    requested_at: IsoOrNull,
    offered_at: IsoOrNull,
    accepted_at: IsoOrNull,
    first_agent_reply_at: IsoOrNull,
    resolved_at: IsoOrNull,
  })
  .meta({ id: 'Handoff' });

export const Agent = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'agent', 'viewer']),
    skills: z.array(z.string()),
    languages: z.array(z.string()),
    capacity: z.number(),
    status: z.enum(['online', 'away', 'offline']),
  })
  .meta({ id: 'Agent' });

export const Team = z
  .object({
    id: z.string(),
    name: z.string(),
    skills: z.array(z.string()),
    sla_seconds: z.number(),
    fallback_team_id: z.string().nullable(),
    member_ids: z.array(z.string()),
  })
  .meta({ id: 'Team' });

export const Customer = z
  .object({
    id: z.string(),
    external_id: z.string().nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    verified: z.boolean(),
    attributes: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Customer' });

/** The cursor to the next page, null on the last. */
export const NextCursor = z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page');
