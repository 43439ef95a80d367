import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Page } from 'playwright-core';
import type { Schema } from '../../src/db/schema.ts';
import type { SeededWorkspace } from '../support/baton.ts';
import { insertPastConversation, type PastMessage } from '../support/history.ts';
import { ROOT } from '../support/paths.ts';
import { agentLogin, PAGE_WAIT_MS } from './browser.ts';
import { useBrowserBaton } from './setup.ts';

// The Knowledge page and Analytics in Chromium against a real server: a bad upload lists every
// problem (file and line) once and stores nothing; one article opens with its passages and is
// deleted; the handoff reasons add up to the handoffs and the knowledge gaps hold no greeting.
const SHOTS = process.env.SHOTS_DIR ?? join(ROOT, 'test-results', 'browser');

describe('knowledge and analytics in the browser', () => {
  const env = useBrowserBaton({ workspace: 'initech' });

  async function adminPage(width: number): Promise<Page> {
    const ctx = await env.browser.newContext({ viewport: { width, height: 900 } });
    ctx.setDefaultTimeout(PAGE_WAIT_MS);
    const p = await ctx.newPage();
    await agentLogin(p, env.baton.url, env.ws.admin.email, env.ws.admin.password);
    return p;
  }
  const shot = async (p: Page, name: string, fullPage = false) => {
    await mkdir(SHOTS, { recursive: true });
    await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
  };
  const noSideScroll = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('lists every upload problem by line, stores nothing, then shows and deletes one article', { timeout: 120_000 }, async () => {
    const p = await adminPage(1280);
    await p.goto(`${env.baton.url}/app/admin/knowledge`);
    const table = p.getByRole('table', { name: 'Knowledge articles' });
    await table.waitFor();
    const before = await table.getByRole('row').count();

    const bad = [
      JSON.stringify({ id: 'ok', title: 'Fine', body: 'A good line.' }),
      '{"id": "broken", ',
      JSON.stringify({ id: 'x', title: '', body: 'No title', url: 'javascript:alert(1)' }),
      JSON.stringify({ id: 'ok', title: 'Again', body: 'Same id.' }),
      JSON.stringify({ title: 'No id', body: 'Somebody forgot the id.' }),
    ].join('\n');
    const upload = p.getByLabel('Knowledge files');
    await upload.setInputFiles([
      { name: 'faq.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(bad) },
      { name: 'links.md', mimeType: 'text/markdown', buffer: Buffer.from('---\nurl: javascript:alert(1)\n---\n# Links\n\nText.') },
    ]);
    await p.getByRole('button', { name: 'Upload', exact: true }).click();
    const problems = p.getByRole('table', { name: 'Upload problems' });
    await problems.waitFor();
    const rows = (await problems.locator('tbody tr').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
    expect(rows).toEqual([
      expect.stringMatching(/^faq\.jsonl, line 2not valid JSON/),
      'faq.jsonl, line 3title: is empty; url: must be an http(s) link or a relative path',
      'faq.jsonl, line 4id "ok" is already used on line 1',
      'faq.jsonl, line 5id: is missing',
      'links.mdurl: must be an http(s) link or a relative path',
    ]);
    await p.getByRole('alert').getByText('5 problems in the upload; nothing was stored.').waitFor();
    expect(await table.getByRole('row').count()).toBe(before);
    expect(await noSideScroll(p)).toBe(true);
    await shot(p, 'knowledge-errors-1280');
    await p.setViewportSize({ width: 1440, height: 900 });
    await shot(p, 'knowledge-errors-1440');

    // Good files: a Markdown page becomes one article whose headings cut its passages.
    const md = [
      '---',
      'url: https://help.example.test/hours',
      'tags: [store]',
      'examples:',
      '  - when are you open',
      '  - are you open on sunday',
      '---',
      '# Opening hours',
      '',
      'We are open 9:00-18:00, Monday to Saturday. On Sundays the shop stays closed, but the chat is open.',
      '',
      '## Holidays',
      '',
      'We close on 25 December and 1 January. Orders placed then ship on the next working day.',
    ].join('\n');
    await upload.setInputFiles([
      { name: 'Opening Hours.md', mimeType: 'text/markdown', buffer: Buffer.from(md) },
      {
        name: 'faq.jsonl',
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from(
          [
            JSON.stringify({ id: 'warranty', title: 'Warranty', body: 'Every device has a two year warranty.' }),
            // The Markdown page's example question again: stored, with a warning.
            JSON.stringify({
              id: 'sunday',
              title: 'Sunday',
              body: 'The shop is closed on Sundays.',
              examples: ['Are you open on Sunday?'],
            }),
          ].join('\n'),
        ),
      },
    ]);
    await p.getByRole('button', { name: 'Upload', exact: true }).click();
    await p.getByText('Upload done: 3 added').waitFor();
    const warned = p.getByRole('table', { name: 'Example questions of more than one article' });
    // The warnings are read again after the upload, in a request of their own: wait for them.
    await warned.locator('tbody tr').first().waitFor();
    expect(await warned.locator('tbody tr td').allTextContents()).toEqual(['are you open on sunday', 'opening-hours, sunday']);
    await shot(p, 'knowledge-warnings-1440');
    await p.setViewportSize({ width: 1280, height: 900 });
    expect(await noSideScroll(p)).toBe(true);
    await shot(p, 'knowledge-warnings-1280');
    await p.setViewportSize({ width: 1440, height: 900 });
    await table.getByRole('link', { name: 'Opening hours', exact: true }).click();
    const view = p.getByRole('region', { name: 'Opening hours' });
    await view.getByRole('heading', { name: /Passages \(2\)/ }).waitFor();
    expect(await view.locator('.passages strong').allTextContents()).toEqual(['Opening hours', 'Holidays']);
    await view.getByText('are you open on sunday').waitFor();
    // The open article is in the address: a reload (or a shared link) opens it again.
    expect(new URL(p.url()).pathname).toBe('/app/admin/knowledge/opening-hours');
    await p.reload();
    await view.getByRole('heading', { name: /Passages \(2\)/ }).waitFor();
    expect(await noSideScroll(p)).toBe(true);
    await shot(p, 'knowledge-article-1440');
    await p.setViewportSize({ width: 1280, height: 900 });
    await shot(p, 'knowledge-article-1280');

    await view.getByRole('button', { name: 'Delete Opening hours' }).click();
    await view.getByRole('button', { name: 'Yes, delete' }).click();
    await p.getByRole('status').filter({ hasText: 'Deleted “Opening hours”' }).waitFor();
    await table.getByRole('link', { name: 'Warranty', exact: true }).waitFor();
    expect(new URL(p.url()).pathname).toBe('/app/admin/knowledge');
    expect(await table.getByRole('link', { name: 'Opening hours', exact: true }).count()).toBe(0);
    // Its example question is now on one article only: the warning is gone.
    await p.getByRole('region', { name: 'Knowledge warnings' }).waitFor({ state: 'detached' });
    await p.context().close();
  });

  it('adds the handoff reasons up to the handoffs and keeps greetings out of the knowledge gaps', { timeout: 120_000 }, async () => {
    const { handoffs, handedOff } = await seedAnalytics(env.tdb.database.db, env.ws);
    const p = await adminPage(1440);
    await p.goto(`${env.baton.url}/app/analytics`);
    const reasons = p.getByRole('img', { name: /^Handoff reasons:/ });
    await reasons.waitFor();
    const label = (await reasons.getAttribute('aria-label')) ?? '';
    const counted = [...label.matchAll(/ (\d+) \(\d+%\)/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(counted).toBe(handoffs);
    await p.getByText(`${handoffs} handoffs in ${handedOff} conversations, each counted once under its main reason`).waitFor();
    await p.getByRole('img', { name: /^CSAT by path \(1–5\): Bot only .*People only .*Bot, then a person/ }).waitFor();
    const gaps = p.getByRole('table', { name: 'Knowledge gaps' });
    await gaps.waitFor();
    const gapText = (await gaps.locator('tbody').textContent()) ?? '';
    expect(gapText).toContain('do you sell gift wrapping');
    expect(gapText).not.toMatch(/\bhi\b|asdf/i);
    expect(await noSideScroll(p)).toBe(true);
    await shot(p, 'analytics-1440', true);
    await p.setViewportSize({ width: 1280, height: 900 });
    expect(await noSideScroll(p)).toBe(true);
    await shot(p, 'analytics-1280', true);
    await p.context().close();
  });
});

/**
 * Three weeks of conversations: bot answers, people-only chats, handoffs with one or several
 * reasons, one conversation handed off twice, CSAT on each path, and low-confidence handoffs
 * after a real question, after only "hi", and after keyboard mashing.
 */
async function seedAnalytics(db: Kysely<Schema>, ws: SeededWorkspace): Promise<{ handoffs: number; handedOff: number }> {
  const now = Date.now();
  let handoffs = 0;
  let handedOff = 0;
  const REASONS = [
    ['low_confidence'],
    ['customer_requested', 'negative_sentiment'],
    ['policy'],
    ['customer_requested'],
    ['sensitive_topic', 'customer_requested'],
  ];
  // A fixed pseudo-random sequence: varied like real traffic, the same on every run.
  let state = 7;
  let low = 0;
  const rand = () => (state = (state * 48271) % 2147483647) / 2147483647;
  for (let d = 20; d >= 0; d--) {
    for (let k = 0; k < 3 + Math.floor(rand() * 6); k++) {
      const start = new Date(now - d * 86_400_000 - (k + 1) * 3_600_000);
      const t = (s: number) => new Date(start.getTime() + s * 1000);
      const r = rand();
      const kind = r < 0.45 ? 0 : r < 0.55 ? 2 : r < 0.85 ? 3 : 4; // 0: bot; 2: people only; 3, 4: handed off (4: low confidence)
      const wait = Math.round(20 + rand() * 400);
      // Low-confidence handoffs after only "hi", after keyboard mashing, and after a real question, in turn.
      const question =
        kind === 4
          ? ['hi', 'asdf asdf', 'do you sell gift wrapping'][low++ % 3]!
          : k % 3 === 0
            ? 'do you sell gift wrapping'
            : 'where is my order';
      const msgs: PastMessage[] = [{ author: 'customer', text: question, at: 0 }];
      if (kind <= 1) msgs.push({ author: 'bot', text: 'Here is how.', at: 2, action: 'answer' });
      if (kind === 2) msgs.push({ author: 'agent', text: 'Hello, I can help.', at: 60 });
      if (kind >= 3)
        msgs.push(
          { author: 'bot', text: 'A person will help.', at: 2, action: 'handoff' },
          { author: 'agent', text: 'Hi, I am here.', at: 4 + wait },
        );
      const id = await insertPastConversation(db, ws.id, start, msgs, {
        csat: rand() < 0.35 ? null : Math.min(5, Math.max(1, Math.round((kind <= 1 ? 4.4 : kind === 2 ? 4 : 3.5) + (rand() - 0.5) * 2.5))),
      });
      if (kind < 3) continue;
      handedOff++;
      // The first three went back to the bot and were handed off again.
      const times = handedOff <= 3 ? [2, 900] : [2];
      for (const [j, at] of times.entries()) {
        const reasons = kind === 4 ? ['low_confidence'] : REASONS[Math.floor(rand() * REASONS.length)]!;
        handoffs++;
        await db
          .insertInto('handoffs')
          .values({
            id: randomUUID(),
            workspace_id: ws.id,
            conversation_id: id,
            reasons: JSON.stringify(reasons),
            brief: JSON.stringify({ escalation: { confidence: 0.2 } }),
            routing: '{}',
            team_id: null,
            requested_at: t(at),
            accepted_at: t(at + 20),
            first_agent_reply_at: t(at + 2 + wait),
            resolved_at: t(at + 600),
          })
          .execute();
      }
    }
  }
  return { handoffs, handedOff };
}
