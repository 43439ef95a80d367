import { z } from 'zod';
import { ClientMessageId, MessageText } from '../schemas.ts';
import { CustomerConversation, CustomerMessage, QueuePlace } from '../responses.ts';

export const StartBody = z.object({
  workspace: z.string().min(1).max(100).describe('The workspace slug from the install snippet'),
  channel: z.enum(['widget', 'api', 'email']).default('widget'),
  language: z.string().min(2).max(10).optional(),
  customer: z
    .object({
      user_id: z.string().min(1).max(200).optional(),
      user_hash: z
        .string()
        .regex(/^[0-9a-f]{64}$/i, 'must be a hex HMAC-SHA256')
        .optional(),
      expires: z
        .number()
        .int()
        .positive()
        .optional()
        .describe('Unix seconds after which the signed identity is refused; when given, user_hash signs user_id + "\\n" + expires'),
      name: z.string().trim().min(1).max(200).optional(),
      email: z.string().trim().email().max(320).optional(),
      attributes: z.record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])).optional(),
    })
    .refine((c) => !c.user_hash || c.user_id, { message: 'user_hash needs user_id', path: ['user_hash'] })
    .refine((c) => c.expires === undefined || c.user_hash, { message: 'expires needs user_hash', path: ['expires'] })
    .optional(),
  message: MessageText.optional(),
});

export const PostMessageBody = z.object({ text: MessageText, client_message_id: ClientMessageId.optional() });
export const CsatBody = z.object({ score: z.number().int().min(1).max(5) });

// Answers.
export const StartResponse = z.object({
  token: z.string().describe('The customer token (ct_…): send it as a bearer token on the other widget routes'),
  conversation: CustomerConversation,
  messages: z.array(CustomerMessage).describe('The first message and the bot replies, when `message` was sent'),
});
/** null: the conversation is not waiting in a queue. */
const MyQueuePlace = QueuePlace.nullable();
export const ReadResponse = z.object({ conversation: CustomerConversation, messages: z.array(CustomerMessage), queue: MyQueuePlace });
export const QueueResponse = z.object({ queue: MyQueuePlace });
export const PostMessageResponse = z.object({
  message: CustomerMessage,
  replies: z.array(CustomerMessage),
  conversation: CustomerConversation,
});
export const HandoffResponse = z.object({ conversation: CustomerConversation, replies: z.array(CustomerMessage), queue: MyQueuePlace });
export const CsatResponse = z.object({ conversation: CustomerConversation });
