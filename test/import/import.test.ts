import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConversations, type ImportFormat, type ImportItem } from '../../src/import/index.ts';
import { jsonRecords } from '../../src/import/json-stream.ts';
import { csvRecords } from '../../src/import/csv.ts';
import { WorkspaceImporter } from '../../src/import/store.ts';
import { generateKey, keyringFromEnv } from '../../src/pii/index.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { seedWorkspace } from '../support/baton.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baton-import-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function read(name: string, text: string, format: ImportFormat, opts = {}): Promise<ImportItem[]> {
  const path = join(dir, name);
  await writeFile(path, text);
  const items: ImportItem[] = [];
  for await (const i of readConversations(path, format, opts)) items.push(i);
  return items;
}
const ok = (items: ImportItem[]) => items.flatMap((i) => (i.ok ? [i.conversation] : []));
const bad = (items: ImportItem[]) => items.flatMap((i) => (i.ok ? [] : [i.problem]));

async function* chunked(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

describe('streaming parsers', () => {
  it('cuts JSON records out of any chunking: arrays, lists under a key, NDJSON, tricky strings', async () => {
    const doc = '{"users":[{"id":9}],"tickets":[{"id":1,"s":"a \\" ] } ["},{"id":2,"n":{"x":[1,2]}}],"next_page":null}';
    for (const size of [1, 2, 7, 1000]) {
      const got = [];
      for await (const e of jsonRecords(chunked(doc, size), ['users']))
        got.push(e.kind === 'record' ? (e.value as { id: unknown }).id : `users:${JSON.stringify(e.value)}`);
      expect(got).toEqual(['users:[{"id":9}]', 1, 2]);
    }
    const nd = [];
    for await (const e of jsonRecords(chunked('{"id":"a"}\n{"id":"b"}\n', 3))) nd.push((e.value as { id: unknown }).id);
    expect(nd).toEqual(['a', 'b']);
    const arr = [];
    for await (const e of jsonRecords(chunked('[{"id":1},{"id":2}]', 4))) arr.push((e.value as { id: unknown }).id);
    expect(arr).toEqual([1, 2]);
  });

  it('takes records only from the list, and fails on JSON that breaks off or does not parse', async () => {
    const ids = async (text: string) => {
      const out: unknown[] = [];
      for await (const e of jsonRecords(chunked(text, 5))) if (e.kind === 'record') out.push((e.value as { id: unknown }).id);
      return out;
    };
    expect(await ids('{"meta":{"id":0},"tickets":[{"id":1},7,{"id":2}],"next_page":{"id":3},"more":[{"id":4}]}')).toEqual([1, 2]);
    await expect(ids('[{"id":1},{"id":2')).rejects.toThrow();
    await expect(ids('[{"id":1},{"id":}]')).rejects.toThrow();
    const items = await read('broken.json', '{"tickets":[{"id":1,"comments":[]},{"id":', 'zendesk');
    expect(bad(items).at(-1)).toMatchObject({ at: 2, why: expect.stringMatching(/^unreadable JSON/) });
  });

  it('reads RFC 4180 CSV: quotes, doubled quotes, line breaks in fields, CRLF, BOM', async () => {
    const text = '\ufeffa,b\r\n1,"x, ""y""\nz"\r\n\r\n2,\n';
    for (const size of [1, 3, 100]) {
      const rows = [];
      for await (const r of csvRecords(chunked(text, size))) rows.push(r.fields);
      expect(rows).toEqual([
        ['a', 'b'],
        ['1', 'x, "y"\nz'],
        ['2', ''],
      ]);
    }
  });
});

describe('formats', () => {
  it('jsonl: contract tickets (context first) and normalized lines; bad lines reported by number', async () => {
    const items = await read(
      'a.jsonl',
      [
        JSON.stringify({
          id: 't-1',
          context: [
            { role: 'customer', text: 'hi' },
            { role: 'agent', text: 'hello' },
          ],
          messages: [{ role: 'customer', text: 'refund?' }],
          expected: { outcome: 'handoff' },
        }),
        '{"id": 2, "messages": []}',
        'nope',
        JSON.stringify({ id: 'n-1', source: 'zendesk', messages: [{ role: 'bot', text: 'Hi', at: '2024-01-01T00:00:00Z' }] }),
      ].join('\n'),
      'jsonl',
    );
    expect(ok(items).map((c) => [c.id, c.messages.map((m) => m.role).join(',')])).toEqual([
      ['t-1', 'customer,agent,customer'],
      ['n-1', 'bot'],
    ]);
    expect(ok(items)[1]!.messages[0]!.at).toBe('2024-01-01T00:00:00.000Z');
    expect(bad(items).map((p) => p.at)).toEqual([2, 3]);
  });

  it('zendesk: requester is the customer, bot by channel/sideload/flag, private notes dropped, CSAT mapped', async () => {
    const doc = {
      users: [{ id: 7, name: 'Support Bot', role: 'agent' }],
      tickets: [
        {
          id: 101,
          created_at: '2024-03-01T10:00:00Z',
          requester_id: 1,
          satisfaction_rating: { score: 'bad' },
          tags: ['refund'],
          comments: [
            { author_id: 1, body: 'Refund for order 12345 please', public: true, created_at: '2024-03-01T10:00:00Z' },
            { author_id: 7, body: 'Our refund policy...', public: true, created_at: '2024-03-01T10:00:03Z' },
            { author_id: 8, body: 'Try this', public: true, created_at: '2024-03-01T10:00:04Z', via: { channel: 'answer_bot' } },
            { author_id: 9, body: 'note', public: false, created_at: '2024-03-01T10:01:00Z' },
            { author_id: 9, html_body: '<p>What is your <b>order number</b>?</p>', public: true, created_at: '2024-03-01T10:05:00Z' },
            { author_id: 42, body: 'From the flagged bot', public: true, created_at: '2024-03-01T10:06:00Z' },
          ],
        },
        { id: 102, requester_id: 2, description: 'Only a description', created_at: 1709290000 },
        { subject: 'no id' },
      ],
    };
    const items = await read('z.json', JSON.stringify(doc, null, 1), 'zendesk', { botAuthors: ['42'] });
    const [t] = ok(items);
    expect(t!.id).toBe('zendesk-101');
    expect(t!.csat).toBe(1);
    expect(t!.messages.map((m) => `${m.role}:${m.text}`)).toEqual([
      'customer:Refund for order 12345 please',
      'bot:Our refund policy...',
      'bot:Try this',
      'agent:What is your order number?',
      'bot:From the flagged bot',
    ]);
    expect(ok(items)[1]!.messages).toEqual([{ role: 'customer', text: 'Only a description', at: '2024-03-01T10:46:40.000Z', author: '2' }]);
    expect(bad(items)).toEqual([{ at: 3, why: expect.stringContaining('id') }]);
  });

  it('intercom: source + parts, authors mapped, notes and body-less parts dropped, unix times', async () => {
    const conv = {
      id: 555,
      created_at: 1709290000,
      state: 'closed',
      conversation_rating: { rating: 4 },
      tags: { tags: [{ name: 'billing' }] },
      source: { type: 'conversation', body: '<p>Charged twice &amp; no reply</p>', author: { type: 'lead', id: 'u1' } },
      conversation_parts: {
        conversation_parts: [
          { part_type: 'comment', body: '<p>Fin here</p>', created_at: 1709290010, author: { type: 'bot', id: 'fin' } },
          { part_type: 'assignment', body: null, created_at: 1709290020, author: { type: 'bot' } },
          { part_type: 'note', body: 'vip', created_at: 1709290030, author: { type: 'admin', id: 'a1' } },
          { part_type: 'comment', body: 'Hello!', created_at: 1709290100, author: { type: 'admin', id: 'a1' } },
        ],
      },
    };
    const items = await read('i.json', JSON.stringify({ conversations: [conv] }), 'intercom');
    const [c] = ok(items);
    expect(c).toMatchObject({ id: 'intercom-555', csat: 4, tags: ['billing'], status: 'closed' });
    expect(c!.messages.map((m) => [m.role, m.text, m.at])).toEqual([
      ['customer', 'Charged twice & no reply', '2024-03-01T10:46:40.000Z'],
      ['bot', 'Fin here', '2024-03-01T10:46:50.000Z'],
      ['agent', 'Hello!', '2024-03-01T10:48:20.000Z'],
    ]);
  });

  it('csv: documented columns and aliases, role words, split conversations and unknown roles reported', async () => {
    const text =
      'Ticket_ID,Timestamp,Sender,Body,CSAT\nc1,2024-01-01T00:00:00Z,user,"Hello, my ""order"" is late",4\nc1,1704067260,bot,Sorry\nc1,2024-01-01T00:02:00Z,agent,On it\nc2,2024-01-02T00:00:00Z,customer,hi\nc1,2024-01-03T00:00:00Z,agent,late row\nc3,2024-01-02,robot,x\n';
    const items = await read('c.csv', text, 'csv');
    expect(ok(items).map((c) => [c.id, c.csat, c.messages.map((m) => m.role).join(',')])).toEqual([
      ['c1', 4, 'customer,bot,agent'],
      ['c2', null, 'customer'],
    ]);
    expect(ok(items)[0]!.messages[1]!.at).toBe('2024-01-01T00:01:00.000Z');
    expect(bad(items).map((p) => p.at)).toEqual([6, 7]);
    const missing = await read('m.csv', 'id,text\n1,x\n', 'csv');
    expect(bad(missing)[0]!.why).toMatch(/lacks conversation_id, role/);
  });
});

describe('into a workspace', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(async () => t?.dispose());

  it('stores closed conversations with redacted messages, times, a handoff when a human replied; re-import skips', async () => {
    const ws = await seedWorkspace(t.database.db);
    const keyring = keyringFromEnv({ BATON_VAULT_KEY: generateKey() });
    const items = await read(
      'w.jsonl',
      [
        JSON.stringify({
          id: 'a',
          source: 'csv',
          messages: [
            { role: 'customer', text: 'My e-mail is anna@example.com, order 55512 is late', at: '2024-05-01T10:00:00Z' },
            { role: 'bot', text: 'Sorry about that.', at: '2024-05-01T10:00:02Z' },
            { role: 'agent', text: 'Hi Anna, checking now', at: '2024-05-01T10:04:00Z' },
            { role: 'customer', text: 'thanks', at: '2024-05-01T10:05:00Z' },
          ],
        }),
        JSON.stringify({
          id: 'b',
          messages: [
            { role: 'customer', text: 'hours?', at: '2024-05-02T09:00:00Z' },
            { role: 'bot', text: '9 to 5' },
          ],
        }),
      ].join('\n'),
      'jsonl',
    );
    const run = async () => {
      const importer = new WorkspaceImporter(t.database.db, ws.id, { keyring, pii: {} });
      for (const c of ok(items)) await importer.add(c);
      return importer.finish('test');
    };
    expect(await run()).toEqual({ stored: 2, skipped: 0, handoffs: 1 });
    expect(await run()).toEqual({ stored: 0, skipped: 2, handoffs: 0 });
    const db = t.database.db;
    const convs = await db.selectFrom('conversations').selectAll().where('workspace_id', '=', ws.id).orderBy('created_at').execute();
    expect(convs.map((c) => [c.status, c.controller, c.channel, c.tags])).toEqual([
      ['closed', 'none', 'import:csv', ['imported']],
      ['closed', 'none', 'import:jsonl', ['imported']],
    ]);
    expect(convs[0]!.pii_state).toBeTruthy();
    const msgs = await db.selectFrom('messages').selectAll().where('conversation_id', '=', convs[0]!.id).orderBy('seq').execute();
    expect(msgs.map((m) => m.author)).toEqual(['customer', 'bot', 'agent', 'customer']);
    expect(msgs[0]!.text).not.toContain('anna@example.com');
    expect(msgs[2]!.created_at.toISOString()).toBe('2024-05-01T10:04:00.000Z');
    const second = await db
      .selectFrom('messages')
      .select('created_at')
      .where('conversation_id', '=', convs[1]!.id)
      .orderBy('seq')
      .execute();
    expect(second[1]!.created_at.toISOString()).toBe('2024-05-02T09:00:00.000Z');
    const [h] = await db.selectFrom('handoffs').selectAll().where('workspace_id', '=', ws.id).execute();
    expect(h!.requested_at.toISOString()).toBe('2024-05-01T10:00:02.000Z');
    expect(h!.first_agent_reply_at!.toISOString()).toBe('2024-05-01T10:04:00.000Z');
    expect(h!.resolved_at!.toISOString()).toBe('2024-05-01T10:05:00.000Z');
    const events = await db
      .selectFrom('events')
      .select('data')
      .where('workspace_id', '=', ws.id)
      .where('type', '=', 'import.completed')
      .execute();
    expect(events).toHaveLength(2);
  });
});
