import { z } from 'zod';
import { ClientMessageId, MessageText, Pagination } from '../schemas.ts';
import { Conversation, Customer, Handoff, Message, NextCursor } from '../responses.ts';

const Status = z.enum(['bot', 'queued', 'with_agent', 'awaiting_customer', 'resolved', 'closed']);
export const Priority = z.enum(['low', 'normal', 'high', 'urgent']);

export const ListQuery = Pagination.extend({
  status: z
    .union([Status, z.string().regex(/^[a-z_]+(,[a-z_]+)*$/)])
    .optional()
    .describe('One status or a comma-separated list')
    .transform((v, ctx) => {
      if (!v) return undefined;
      const parts = v.split(',');
      for (const p of parts) {
        if (!Status.safeParse(p).success) {
          ctx.addIssue({ code: 'custom', message: `unknown status "${p}"` });
          return z.NEVER;
        }
      }
      return parts as z.infer<typeof Status>[];
    }),
  team_id: z.string().uuid().optional(),
  assignee_id: z.union([z.string().uuid(), z.literal('me')]).optional(),
  priority: Priority.optional(),
  language: z.string().min(2).max(10).optional(),
  customer_id: z.string().uuid().optional(),
});

export const ReplyBody = z.object({
  text: MessageText,
  internal: z.boolean().default(false),
  client_message_id: ClientMessageId.optional(),
});

export const AssignBody = z
  .object({ agent_id: z.string().uuid().optional(), team_id: z.string().uuid().optional(), priority: Priority.optional() })
  .refine((b) => b.agent_id || b.team_id, { message: 'name agent_id or team_id' });

// Answers.
export const Queue = z
  .object({
    team_id: z.string().nullable().describe('null: the workspace queue (no team)'),
    team_name: z.string().nullable(),
    queued: z.number(),
    with_agent: z.number(),
    awaiting_customer: z.number(),
  })
  .meta({ id: 'Queue' });
export const QueuesResponse = z.object({ queues: z.array(Queue) });
export const ConversationRow = Conversation.extend({
  customer_name: z.string().nullable().describe("The customer's name, when known"),
  preview: z.string().nullable().describe("The customer's latest message (redacted, at most 140 characters)"),
  intent_label: z
    .string()
    .nullable()
    .describe("The recognised intent in words (its article's title); null when there is none or it is not an article"),
}).meta({ id: 'ConversationRow', description: 'A conversation as an inbox row: the conversation and what the row shows' });
export const ListResponse = z.object({ conversations: z.array(ConversationRow), next_cursor: NextCursor });
export const BotVerification = z
  .object({
    tool: z.string().nullable().describe('The verification tool the bot called'),
    using: z.array(z.string()).describe('The kinds of detail it was called with (slot names, e.g. "email"), never their values'),
    method: z.string().describe('The same in words, e.g. "e-mail lookup"'),
  })
  .meta({
    id: 'BotVerification',
    description: 'How the bot verified the customer in the conversation with a verification tool (docs/actions.md)',
  });
export const ConversationDetail = z
  .object({
    conversation: Conversation,
    messages: z.array(Message),
    handoffs: z.array(Handoff),
    customer: Customer.nullable(),
    bot_verification: BotVerification.nullable().describe('Null when the bot did not verify the customer with a tool'),
  })
  .meta({ id: 'ConversationDetail', description: 'One conversation with its transcript (internal notes included), handoffs and customer' });
export const RevealResponse = z.object({
  values: z.record(z.string(), z.string()).describe('Token (e.g. <EMAIL_1>) to the value it stands for'),
});
export const ConversationResponse = z.object({ conversation: Conversation });
export const ReplyResponse = z.object({ message: Message });
/** Why an agent needs a conversation's personal data; kept with the reveal in the audit log. */
export const RevealBody = z
  .object({ reason: z.string().trim().min(3, 'say in a few words why').max(500).optional() })
  .strict()
  .nullish();

export const RerunToolBody = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/)
    .describe('A read tool of the workspace (docs/actions.md)'),
  args: z.record(z.string(), z.unknown()).default({}).describe('As in the brief: tokens such as <EMAIL_1> are put back for the call'),
});
export const RerunToolResponse = z.object({
  call: z
    .object({
      name: z.string(),
      kind: z.enum(['read', 'write']),
      args: z.record(z.string(), z.unknown()),
      ok: z.boolean(),
      status: z.number().int().nullable(),
      error: z.string().nullable().describe('Why it failed: timeout, network, http, invalid, ssrf or refused, with the reason'),
      duration_ms: z.number(),
      summary: z.string(),
      result: z.unknown().describe("The kept result, with personal data as tokens (reveal them like the transcript's)"),
    })
    .meta({ id: 'ToolCall', description: "One call of the company's API, as recorded in the conversation (a tool.called event)" }),
});
