import { z } from 'zod';
import { MessageText } from '../schemas.ts';

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
      name: z.string().trim().min(1).max(200).optional(),
      email: z.string().trim().email().max(320).optional(),
      attributes: z.record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])).optional(),
    })
    .refine((c) => !c.user_hash || c.user_id, { message: 'user_hash needs user_id', path: ['user_hash'] })
    .optional(),
  message: MessageText.optional(),
});

/** The sender's own id for a line: sending it again with the same id returns the line already kept. */
export const ClientMessageId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, "-" or "_"')
  .describe('Your own id for this line (e.g. a UUID). Send it again with the same id after a timeout: you get the line already kept, never a second copy.');

export const PostMessageBody = z.object({ text: MessageText, client_message_id: ClientMessageId.optional() });
export const CsatBody = z.object({ score: z.number().int().min(1).max(5) });
