import { z } from 'zod';
import { ClientMessageId, MessageText, Pagination } from '../schemas.ts';

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

export const ReplyBody = z.object({ text: MessageText, internal: z.boolean().default(false), client_message_id: ClientMessageId.optional() });

export const AssignBody = z
  .object({ agent_id: z.string().uuid().optional(), team_id: z.string().uuid().optional(), priority: Priority.optional() })
  .refine((b) => b.agent_id || b.team_id, { message: 'name agent_id or team_id' });

/** Why an agent needs a conversation's personal data; kept with the reveal in the audit log. */
export const RevealBody = z
  .object({ reason: z.string().trim().min(3, 'say in a few words why').max(500).optional() })
  .strict()
  .nullish();
