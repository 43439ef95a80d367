// Labelled tickets (shared/contracts/eval.md), validated line by line.
import { z } from 'zod';
import { HANDOFF_REASONS } from '../types.ts';

const Message = z.object({ role: z.enum(['customer', 'agent']), text: z.string() });

export const TicketSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  messages: z.array(Message).min(1),
  context: z.array(Message).optional(),
  expected: z.object({
    outcome: z.enum(['answer', 'handoff', 'social']),
    article: z.union([z.string(), z.array(z.string())]).optional(),
    reason: z.enum(HANDOFF_REASONS).optional(),
    /** The write calls a correct bot makes (`baton eval --tools`): exactly these, with these arguments, no others. */
    actions: z.array(z.object({ name: z.string(), args: z.record(z.string(), z.unknown()).default({}) })).optional(),
  }),
});
export type Ticket = z.infer<typeof TicketSchema>;

export function parseTickets(text: string): { tickets: Ticket[]; errors: { line: number; why: string }[] } {
  const tickets: Ticket[] = [];
  const errors: { line: number; why: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    try {
      const r = TicketSchema.safeParse(JSON.parse(raw));
      if (r.success) tickets.push(r.data);
      else errors.push({ line: i + 1, why: r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') });
    } catch (e) {
      errors.push({ line: i + 1, why: `invalid JSON: ${(e as Error).message}` });
    }
  });
  return { tickets, errors };
}

export function expectedArticles(t: Ticket): string[] {
  const a = t.expected.article;
  return a === undefined ? [] : Array.isArray(a) ? a : [a];
}
