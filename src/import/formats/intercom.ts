// Intercom conversations (REST API "conversation" objects, as an export: a JSON array,
// {"conversations": [...]}, or NDJSON). The opening message is `source`; the rest are
// `conversation_parts.conversation_parts`. Authors: user / lead / contact are the customer,
// admin is an agent, bot (Fin, custom bots, operator) is the bot. Notes are internal and left
// out, as are parts without a body (assignments, state changes).
import { z } from 'zod';
import { htmlToText } from '../../knowledge/html.ts';
import { ImportedConversationSchema, isoTime, type ImportedConversation } from '../types.ts';

const Id = z.union([z.string(), z.number()]).transform(String);
const Author = z
  .object({ type: z.string().nullable().optional(), id: Id.nullable().optional(), name: z.string().nullable().optional() })
  .passthrough();

const Part = z
  .object({
    part_type: z.string().nullable().optional(),
    body: z.string().nullable().optional(),
    created_at: z.unknown().optional(),
    author: Author.nullable().optional(),
  })
  .passthrough();

const Conversation = z
  .object({
    id: Id,
    created_at: z.unknown().optional(),
    state: z.string().nullable().optional(),
    title: z.string().nullable().optional(),
    source: z
      .object({
        type: z.string().nullable().optional(),
        subject: z.string().nullable().optional(),
        body: z.string().nullable().optional(),
        author: Author.nullable().optional(),
      })
      .passthrough()
      .nullable()
      .optional(),
    conversation_parts: z
      .object({ conversation_parts: z.array(Part).nullable().optional() })
      .passthrough()
      .nullable()
      .optional(),
    conversation_rating: z.object({ rating: z.unknown().optional() }).passthrough().nullable().optional(),
    tags: z
      .object({
        tags: z
          .array(z.object({ name: z.string() }).passthrough())
          .nullable()
          .optional(),
      })
      .passthrough()
      .nullable()
      .optional(),
  })
  .passthrough();

const ROLES: Record<string, 'customer' | 'agent' | 'bot'> = {
  user: 'customer',
  lead: 'customer',
  contact: 'customer',
  admin: 'agent',
  team: 'agent',
  bot: 'bot',
};

export function fromIntercomRecord(value: unknown): ImportedConversation {
  const c = Conversation.parse(value);
  const messages: ImportedConversation['messages'] = [];
  const add = (author: z.infer<typeof Author> | null | undefined, body: string | null | undefined, at: unknown) => {
    const role = ROLES[author?.type ?? ''];
    const text = body ? htmlToText(body) : '';
    if (role && text) messages.push({ role, text, at: isoTime(at), author: author?.id ?? author?.name ?? null });
  };
  if (c.source) add(c.source.author, c.source.body, c.created_at);
  for (const p of c.conversation_parts?.conversation_parts ?? []) {
    if (p.part_type === 'note' || p.part_type === 'note_and_reopen') continue;
    add(p.author, p.body, p.created_at);
  }
  if (messages.length === 0) throw new Error('a conversation without messages');
  const rating = Number(c.conversation_rating?.rating);
  return ImportedConversationSchema.parse({
    id: `intercom-${c.id}`,
    source: 'intercom',
    created_at: isoTime(c.created_at) ?? messages[0]!.at,
    subject: c.title ?? c.source?.subject ?? null,
    channel: c.source?.type ?? null,
    status: c.state ?? null,
    tags: (c.tags?.tags ?? []).map((t) => t.name),
    csat: Number.isInteger(rating) && rating >= 1 && rating <= 5 ? rating : null,
    messages,
  });
}
