// JSON Lines: the eval contract's tickets (context + messages, roles customer and agent) or
// normalized conversations written by `baton import --out` (roles customer, agent, bot; times).
import { z } from 'zod';
import { ImportedConversationSchema, isoTime, type ImportedConversation } from '../types.ts';

const ContractMessage = z.object({
  role: z.enum(['customer', 'agent', 'bot', 'user', 'assistant', 'human']),
  text: z.string(),
  at: z.unknown().optional(),
  created_at: z.unknown().optional(),
  author: z.string().nullable().optional(),
});

const Line = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  context: z.array(ContractMessage).optional(),
  messages: z.array(ContractMessage).min(1),
});

const ROLE = { customer: 'customer', user: 'customer', agent: 'agent', human: 'agent', bot: 'bot', assistant: 'bot' } as const;

export function fromJsonlRecord(value: unknown): ImportedConversation {
  const base = ImportedConversationSchema.partial({ messages: true }).safeParse(value);
  const r = Line.parse(value);
  const messages = [...(r.context ?? []), ...r.messages]
    .filter((m) => m.text.trim() !== '')
    .map((m) => ({ role: ROLE[m.role], text: m.text, at: isoTime(m.at ?? m.created_at), author: m.author ?? null }));
  if (messages.length === 0) throw new Error('no message with text');
  const meta = base.success ? base.data : {};
  return ImportedConversationSchema.parse({ ...meta, id: r.id, source: (meta as { source?: string }).source ?? 'jsonl', messages });
}
