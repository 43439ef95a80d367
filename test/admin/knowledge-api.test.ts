import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, seedWorkspace, startTestBaton, type SeededWorkspace } from '../support/baton.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';
import { chunkArticle, loadKnowledge } from '../../src/knowledge/index.ts';

// Knowledge through the admin API over real HTTP: the same files give the same articles as
// `baton ingest` (its loader), a bad upload lists every problem once and stores nothing, and
// one article can be read and deleted (audited, and the bot stops citing it).
describe('knowledge admin API', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  let api: ReturnType<typeof apiClient>;
  let dir: string;

  const FILES: Record<string, string> = {
    'Opening Hours.md': [
      '---',
      'url: https://help.example.test/hours',
      'tags: [store]',
      'examples:',
      '  - when are you open',
      '---',
      '# Opening hours',
      '',
      'We are open 9:00-18:00, Monday to Saturday.',
      '',
      '# Holidays',
      '',
      'We close on 25 December and 1 January.',
    ].join('\n'),
    'faq.jsonl': [
      JSON.stringify({ id: 'warranty', title: 'Warranty', body: 'Every device has a two year warranty. Keep the receipt.' }),
      JSON.stringify({ id: 'returns', title: 'Returns', body: 'Returns are free within 30 days.', locale: 'en' }),
    ].join('\n'),
    'gift.html':
      '<html lang="en"><head><title>Gift cards</title></head><body><main><h1>Gift cards</h1><p>Gift cards never expire.</p></main></body></html>',
  };
  const count = async (table: 'knowledge_articles' | 'events') =>
    Number(
      (await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)} where workspace_id = ${ws.id}`.execute(tdb.database.db))
        .rows[0]!.n,
    );

  beforeAll(async () => {
    tdb = await openTestDatabase();
    baton = await startTestBaton(tdb.database);
    ws = await seedWorkspace(tdb.database.db, 'kb');
    api = apiClient(baton.url);
    dir = await mkdtemp(join(tmpdir(), 'baton-kb-'));
    for (const [name, text] of Object.entries(FILES)) await writeFile(join(dir, name), text);
  });
  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('gives the same articles and passages as baton ingest for the same files', async () => {
    const cli = await loadKnowledge(dir);
    expect(cli.errors).toEqual([]);
    const up = await api('POST', '/api/v1/admin/knowledge?prune=true', {
      token: ws.adminKey,
      body: { files: Object.entries(FILES).map(([name, text]) => ({ name, text })) },
    });
    expect(up.status).toBe(200);
    expect(up.body.summary).toMatchObject({ added: cli.articles.length });
    expect(up.body.warnings).toEqual([]);
    // The Markdown file is one article whose headings cut passages, in both ways in.
    expect(cli.articles.find((a) => a.id === 'opening-hours')).toBeTruthy();
    for (const a of cli.articles) {
      const got = await api('GET', `/api/v1/admin/knowledge/${encodeURIComponent(a.id)}`, { token: ws.adminKey });
      expect(got.status).toBe(200);
      const stored = got.body.article;
      expect({
        id: stored.id,
        title: stored.title,
        body: stored.body,
        url: stored.url ?? undefined,
        tags: stored.tags,
        examples: stored.examples,
      }).toEqual({
        id: a.id,
        title: a.title,
        body: a.body,
        url: a.url,
        tags: a.tags ?? [],
        examples: a.examples ?? [],
      });
      expect(stored.passages).toEqual(chunkArticle(a).map((p) => ({ index: p.index, heading: p.heading, text: p.text })));
    }
    const hours = (await api('GET', '/api/v1/admin/knowledge/opening-hours', { token: ws.adminKey })).body.article;
    expect(hours.passages.map((p: { heading: string }) => p.heading)).toEqual(['Opening hours', 'Holidays']);
  });

  it('stores an example question of two articles, and warns of it, counting the articles stored before', async () => {
    const shop = await seedWorkspace(tdb.database.db, 'kb-shared');
    const upload = (articles: object[]) => api('POST', '/api/v1/admin/knowledge', { token: shop.adminKey, body: { articles } });
    const first = await upload([
      { id: 'track-order', title: 'Track your order', body: 'Use the tracking link.', examples: ['where is my order'] },
    ]);
    expect(first.body.warnings).toEqual([]);
    const second = await upload([
      {
        id: 'order-status',
        title: 'Order status',
        body: 'Pending, shipped, delivered.',
        examples: ['Where is my order?', 'has it shipped'],
      },
    ]);
    expect(second.status).toBe(200);
    expect(second.body.summary).toMatchObject({ added: 1 });
    expect(second.body.warnings).toEqual([
      {
        kind: 'shared_example',
        question: 'Where is my order?',
        articles: ['order-status', 'track-order'],
        message: expect.stringMatching(/example question of 2 articles \(order-status, track-order\).*keep it on one article/),
      },
    ]);
    // The same at any time, until one of the two articles goes.
    const warnings = () => api('GET', '/api/v1/admin/knowledge-warnings', { token: shop.adminKey });
    expect((await warnings()).body.warnings).toEqual(second.body.warnings);
    expect((await api('DELETE', '/api/v1/admin/knowledge/order-status', { token: shop.adminKey })).status).toBe(200);
    expect((await warnings()).body.warnings).toEqual([]);
    expect((await api('GET', '/api/v1/admin/knowledge-warnings')).status).toBe(401);
  });

  it('lists every problem of a bad upload once, with its line, and stores nothing', async () => {
    const [articles, events] = [await count('knowledge_articles'), await count('events')];
    const res = await api('POST', '/api/v1/admin/knowledge', {
      token: ws.adminKey,
      body: {
        files: [
          {
            name: 'kb.jsonl',
            text: [
              JSON.stringify({ id: 'ok', title: 'Fine', body: 'A good line.' }),
              '{"id": "broken", ',
              JSON.stringify({ id: 'x', title: '', body: 'No title', url: 'javascript:alert(1)' }),
              JSON.stringify({ id: 'ok', title: 'Again', body: 'Same id.' }),
              JSON.stringify({ id: 'y', title: 'Fine too', body: 'Another good line.' }),
            ].join('\n'),
          },
          { name: 'links.md', text: '---\nurl: javascript:alert(1)\n---\n# Links\n\nText.' },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('4 problems in the upload; nothing was stored.');
    expect(res.body.error.details).toEqual([
      { file: 'kb.jsonl', line: 2, message: expect.stringMatching(/^not valid JSON/) },
      { file: 'kb.jsonl', line: 3, message: 'title: is empty; url: must be an http(s) link or a relative path' },
      { file: 'kb.jsonl', line: 4, message: 'id "ok" is already used on line 1' },
      { file: 'links.md', message: 'url: must be an http(s) link or a relative path' },
    ]);
    expect([await count('knowledge_articles'), await count('events')]).toEqual([articles, events]);
    // JSONL bodies and {articles} lists are read the same way.
    const jsonl = await api('POST', '/api/v1/admin/knowledge', {
      token: ws.adminKey,
      rawBody: '{"id":"a","title":"A","body":"x"}\nnope\n{"id":"b"}\n',
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(jsonl.body.error.details.map((d: { line: number }) => d.line)).toEqual([2, 3]);
    const listed = await api('POST', '/api/v1/admin/knowledge', {
      token: ws.adminKey,
      body: {
        articles: [
          { id: 'a', title: 'A', body: 'x' },
          { id: 'a', title: 'B', body: 'y' },
        ],
      },
    });
    expect(listed.body.error.details).toEqual([{ file: 'articles.json', message: 'id "a" is already used' }]);
  });

  it('takes a help centre of a few megabytes, over the server-wide body limit', async () => {
    const body = 'Our stores stock every size. '.repeat(40);
    const text = Array.from({ length: 2500 }, (_, i) => JSON.stringify({ id: `bulk-${i}`, title: `Bulk ${i}`, body })).join('\n');
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const up = await api('POST', '/api/v1/admin/knowledge', { token: ws.adminKey, body: { files: [{ name: 'bulk.jsonl', text }] } });
    expect([up.status, up.body.summary?.added]).toEqual([200, 2500]);
  });

  it('shows and deletes one article: audited, gone from the list and from the bot', async () => {
    const ask = async () =>
      (await api('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug, message: 'what about the warranty?' } })).body
        .messages[1]?.citations?.[0]?.articleId as string | undefined;
    let cited: string | undefined;
    for (let i = 0; i < 50 && cited !== 'warranty'; i++) {
      cited = await ask();
      if (cited !== 'warranty') await new Promise((r) => setTimeout(r, 100));
    }
    expect(cited).toBe('warranty');

    const del = await api('DELETE', '/api/v1/admin/knowledge/warranty', { token: ws.adminKey });
    expect(del.status).toBe(200);
    const { rows } = await sql<{ data: Record<string, unknown>; actor_id: string | null }>`
      select data, actor_id from events where workspace_id = ${ws.id} and type = 'knowledge.updated' order by id desc limit 1`.execute(
      tdb.database.db,
    );
    expect(rows[0]!.data).toMatchObject({ source: 'admin-delete', article_id: 'warranty', title: 'Warranty', deleted: 1 });
    expect((await api('GET', '/api/v1/admin/knowledge/warranty', { token: ws.adminKey })).status).toBe(404);
    expect((await api('DELETE', '/api/v1/admin/knowledge/warranty', { token: ws.adminKey })).status).toBe(404);
    const list = await api('GET', '/api/v1/admin/knowledge', { token: ws.adminKey });
    expect(list.body.articles.map((a: { id: string }) => a.id)).not.toContain('warranty');
    // An id is the customer's own: slashes, spaces and '#' travel encoded.
    const odd = 'help/returns #2?';
    await api('POST', '/api/v1/admin/knowledge', {
      token: ws.adminKey,
      body: { articles: [{ id: odd, title: 'Odd', body: 'An odd id.' }] },
    });
    const path = `/api/v1/admin/knowledge/${encodeURIComponent(odd)}`;
    expect((await api('GET', path, { token: ws.adminKey })).body.article?.id).toBe(odd);
    expect((await api('DELETE', path, { token: ws.adminKey })).status).toBe(200);
    expect((await api('GET', path, { token: ws.adminKey })).status).toBe(404);
    // Every node rebuilds on the event; this one must stop citing the deleted article.
    for (let i = 0; i < 50 && cited === 'warranty'; i++) {
      cited = await ask();
      if (cited === 'warranty') await new Promise((r) => setTimeout(r, 100));
    }
    expect(cited).not.toBe('warranty');
  });
});
