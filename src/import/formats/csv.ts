// CSV: one message a row, the rows of a conversation next to each other (docs/import.md).
// Required columns: conversation_id, role, text; optional: created_at, author, subject,
// channel, language, csat. Names are case-insensitive; common aliases are accepted.
import { ImportedConversationSchema, isoTime, type ImportedConversation, type ImportItem } from '../types.ts';

const ALIASES: Record<string, string[]> = {
  conversation_id: ['conversation_id', 'conversation', 'ticket_id', 'ticket', 'thread_id'],
  role: ['role', 'author_type', 'sender_type', 'sender', 'from'],
  text: ['text', 'body', 'message', 'content'],
  created_at: ['created_at', 'timestamp', 'time', 'date', 'sent_at'],
  author: ['author', 'author_id', 'sender_id', 'author_name'],
  subject: ['subject', 'title'],
  channel: ['channel'],
  language: ['language', 'locale'],
  csat: ['csat', 'rating', 'satisfaction'],
};

const ROLE: Record<string, 'customer' | 'agent' | 'bot' | null> = {
  customer: 'customer',
  user: 'customer',
  'end-user': 'customer',
  end_user: 'customer',
  contact: 'customer',
  visitor: 'customer',
  lead: 'customer',
  requester: 'customer',
  agent: 'agent',
  admin: 'agent',
  human: 'agent',
  staff: 'agent',
  operator: 'agent',
  bot: 'bot',
  ai: 'bot',
  assistant: 'bot',
  ai_agent: 'bot',
  virtual_agent: 'bot',
  system: null,
  note: null,
  internal: null,
};

export class CsvMapper {
  private columns: Record<string, number> | null = null;
  private current: { id: string; line: number; rows: string[][]; rejected: boolean } | null = null;
  private done = new Set<string>();

  /** Feeds one CSV record; returns the conversations (or problems) it completes. */
  push(line: number, fields: string[]): ImportItem[] {
    if (!this.columns) {
      this.header(fields);
      return [];
    }
    const id = fields[this.columns.conversation_id!]?.trim() ?? '';
    if (!id) return [{ ok: false, problem: { at: line, why: 'no conversation_id' } }];
    const out: ImportItem[] = [];
    if (this.current && this.current.id !== id) out.push(...this.flush());
    if (!this.current) {
      const rejected = this.done.has(id);
      if (rejected)
        out.push({
          ok: false,
          problem: { at: line, why: `conversation "${id}" continues after other rows (left out): keep a conversation's rows together` },
        });
      this.current = { id, line, rows: [], rejected };
    }
    this.current.rows.push(fields);
    return out;
  }

  flush(): ImportItem[] {
    const cur = this.current;
    if (!cur) return [];
    this.current = null;
    this.done.add(cur.id);
    if (cur.rejected) return [];
    try {
      return [{ ok: true, conversation: this.build(cur.id, cur.rows) }];
    } catch (e) {
      return [{ ok: false, problem: { at: cur.line, why: (e as Error).message } }];
    }
  }

  private header(fields: string[]) {
    const names = fields.map((f) =>
      f
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_'),
    );
    const cols: Record<string, number> = {};
    for (const [key, aliases] of Object.entries(ALIASES)) {
      const i = names.findIndex((n) => aliases.includes(n));
      if (i >= 0) cols[key] = i;
    }
    const missing = ['conversation_id', 'role', 'text'].filter((k) => cols[k] === undefined);
    if (missing.length) throw new Error(`CSV header lacks ${missing.join(', ')} (found: ${names.join(', ')})`);
    this.columns = cols;
  }

  private build(id: string, rows: string[][]): ImportedConversation {
    const col = this.columns!;
    const get = (r: string[], k: string) => (col[k] === undefined ? '' : (r[col[k]!] ?? '').trim());
    const messages: ImportedConversation['messages'] = [];
    for (const r of rows) {
      const raw = get(r, 'role').toLowerCase();
      if (!Object.hasOwn(ROLE, raw)) throw new Error(`unknown role "${raw}" (use customer, agent or bot)`);
      const role = ROLE[raw] ?? null;
      const text = get(r, 'text');
      if (!role || !text) continue;
      messages.push({ role, text, at: isoTime(get(r, 'created_at')), author: get(r, 'author') || null });
    }
    if (messages.length === 0) throw new Error('no message with text');
    const first = rows[0]!;
    const csat = Number(get(first, 'csat'));
    return ImportedConversationSchema.parse({
      id,
      source: 'csv',
      created_at: messages[0]!.at,
      subject: get(first, 'subject') || null,
      channel: get(first, 'channel') || null,
      language: get(first, 'language') || null,
      csat: Number.isInteger(csat) && csat >= 1 && csat <= 5 ? csat : null,
      messages,
    });
  }
}
