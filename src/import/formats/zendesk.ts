// Zendesk Support ticket exports: tickets with their comments, as a JSON document
// ({"tickets": [...]}, a root array) or NDJSON (Zendesk's JSON data export: a ticket a line).
// Each ticket carries `comments` (Comments API shape) or only `description`.
// Roles: the requester (or a user with role "end-user") is the customer; authors listed with
// --bot-authors, users whose name says bot, and comments via answer_bot / ai_agent channels are
// the bot; everyone else is an agent. Private comments (internal notes) are left out.
import { z } from 'zod';
import { htmlToText } from '../../knowledge/html.ts';
import { ImportedConversationSchema, isoTime, type ImportedConversation } from '../types.ts';

const Id = z.union([z.string(), z.number()]).transform(String);

const Comment = z
  .object({
    author_id: Id.nullable().optional(),
    body: z.string().nullable().optional(),
    plain_body: z.string().nullable().optional(),
    html_body: z.string().nullable().optional(),
    public: z.boolean().optional(),
    created_at: z.unknown().optional(),
    via: z.object({ channel: z.unknown().optional() }).passthrough().nullable().optional(),
  })
  .passthrough();

const Ticket = z
  .object({
    id: Id,
    created_at: z.unknown().optional(),
    subject: z.string().nullable().optional(),
    description: z.string().nullable().optional(),
    status: z.string().nullable().optional(),
    requester_id: Id.nullable().optional(),
    tags: z.array(z.string()).nullable().optional(),
    via: z.object({ channel: z.unknown().optional() }).passthrough().nullable().optional(),
    satisfaction_rating: z.object({ score: z.unknown().optional() }).passthrough().nullable().optional(),
    comments: z.array(Comment).nullable().optional(),
  })
  .passthrough();

const User = z.object({ id: Id, name: z.string().nullable().optional(), role: z.string().nullable().optional() }).passthrough();

export interface ZendeskOptions {
  /** Author ids or names that are the bot. */
  botAuthors?: string[];
}

export class ZendeskMapper {
  private users = new Map<string, { name: string; role: string }>();
  constructor(private readonly opts: ZendeskOptions = {}) {}

  /** A sideloaded users list ({"users": [...]}, before the tickets). */
  addUsers(value: unknown): void {
    if (!Array.isArray(value)) return;
    for (const u of value) {
      const r = User.safeParse(u);
      if (r.success) this.users.set(r.data.id, { name: r.data.name ?? '', role: r.data.role ?? '' });
    }
  }

  private role(authorId: string | null, requesterId: string | null, channel: string): 'customer' | 'agent' | 'bot' {
    const user = authorId ? this.users.get(authorId) : undefined;
    const bots = this.opts.botAuthors ?? [];
    if (authorId && (bots.includes(authorId) || (user && bots.includes(user.name)))) return 'bot';
    if (/^(answer_bot|ai_agent|answer_bot_for_agents|bot)/.test(channel)) return 'bot';
    if (user && /\b(bot|assistant|virtual agent)\b/i.test(user.name)) return 'bot';
    if (authorId !== null && authorId === requesterId) return 'customer';
    if (user?.role === 'end-user') return 'customer';
    return 'agent';
  }

  map(value: unknown): ImportedConversation {
    const t = Ticket.parse(value);
    const requester = t.requester_id ?? null;
    const comments = t.comments ?? [];
    const messages = comments
      .filter((c) => c.public !== false)
      .map((c) => {
        const text = (c.plain_body ?? (c.html_body ? htmlToText(c.html_body) : null) ?? c.body ?? '').trim();
        const authorId = c.author_id ?? null;
        const channel = typeof c.via?.channel === 'string' ? c.via.channel : '';
        return { role: this.role(authorId, requester, channel), text, at: isoTime(c.created_at), author: authorId };
      })
      .filter((m) => m.text !== '');
    if (messages.length === 0 && t.description?.trim())
      messages.push({ role: 'customer', text: t.description.trim(), at: isoTime(t.created_at), author: requester });
    if (messages.length === 0) throw new Error('a ticket without comments or description');
    const score = t.satisfaction_rating?.score;
    return ImportedConversationSchema.parse({
      id: `zendesk-${t.id}`,
      source: 'zendesk',
      created_at: isoTime(t.created_at) ?? messages[0]!.at,
      subject: t.subject ?? null,
      channel: typeof t.via?.channel === 'string' ? t.via.channel : null,
      status: t.status ?? null,
      tags: t.tags ?? [],
      csat: score === 'good' ? 5 : score === 'bad' ? 1 : null,
      messages,
    });
  }
}
