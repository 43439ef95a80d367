import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, seedWorkspace, startTestBaton, type SeededWorkspace } from '../support/baton.ts';
import { syncArticles } from '../../src/db/repositories/knowledge.ts';
import { setAgentStatus } from '../../src/db/repositories/agents.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';
import { ensureBuilt } from './build.ts';
import { agentLogin, launchBrowser, shot, PAGE_WAIT_MS } from './browser.ts';

// The brief in the agent workspace reads like a person wrote it (issue 18): the intent by its
// title, collected details by what they are ("Card number (hidden)", revealable), the bot's
// 4,000-character answer trimmed with "Show more", every message sent while waiting quoted,
// and a next step that follows the conversation (no "Nobody on shift" once an agent accepted).
describe('the brief in the workspace', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  let browser: Browser;
  let conversationId: string;
  const longBody = `Our warranty covers manufacturing faults for two years. ${'Keep the receipt and the original packaging, and describe the fault when you write to us. '.repeat(45)}`;

  beforeAll(async () => {
    const built = ensureBuilt();
    tdb = await openTestDatabase();
    baton = await startTestBaton(tdb.database);
    ws = await seedWorkspace(tdb.database.db, 'labels');
    await syncArticles(tdb.database.db, ws.id, [{ id: 'warranty-terms', title: 'Warranty terms', body: longBody }], { prune: false });
    await setAgentStatus(tdb.database.db, ws.id, ws.agent.id, 'offline');
    const api = apiClient(baton.url);
    const started = await api('POST', '/api/v1/widget/conversations', {
      body: { workspace: ws.slug, message: 'What does the warranty cover?', customer: { name: 'Mia Lund' } },
    });
    conversationId = started.body.conversation.id;
    const say = (text: string) =>
      api('POST', `/api/v1/widget/conversations/${conversationId}/messages`, { token: started.body.token, body: { text } });
    await say('My blender stopped after a week and my card 4111 1111 1111 1111 was charged twice. I want a person.');
    await say('i cant log in, forgot my pw');
    [browser] = await Promise.all([launchBrowser(), built]);
  }, 180_000);

  /** The conversation's page in the workspace, as the agent, once its brief is shown. */
  async function openBrief(id: string, width = 1280) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.setDefaultTimeout(PAGE_WAIT_MS);
    await agentLogin(page, baton.url, ws.agent.email, ws.agent.password);
    await page.goto(`${baton.url}/app/c/${id}`);
    const brief = page.locator('section.brief');
    await brief.getByRole('heading', { name: 'Handoff brief' }).waitFor();
    return { page, brief };
  }

  afterAll(async () => {
    await browser?.close();
    await baton?.stop();
    await tdb?.dispose();
  });

  it('labels, trimmed quotes with show more, waiting messages, and a next step from the state now', async () => {
    expect(longBody.length).toBeGreaterThan(4000);
    for (const width of [1280, 1440]) {
      const { page, brief } = await openBrief(conversationId, width);
      const row = (label: string) => brief.locator('.brief-row', { has: page.locator('dt', { hasText: label }) });

      expect(await row('Intent').textContent()).toContain('Warranty terms');
      // The bot answered the warranty question; the handoff is about the blender and the charge.
      expect(await row('Goal').textContent()).toContain('My blender stopped after a week');
      expect(await row('Intent').textContent()).not.toContain('warranty-terms');
      const collected = await row('Collected').textContent();
      expect(collected).toContain('Card number (hidden):');
      expect(collected).not.toMatch(/pii token/i);
      // Every message sent while waiting is in the summary, and the note does not over-claim.
      expect(await brief.locator('.brief-summary').textContent()).toContain('i cant log in, forgot my pw');
      // One quoted line per message, not one run-on line of quotes.
      const lines = await brief.locator('.brief-summary li').allTextContents();
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.at(-1)).toContain('i cant log in, forgot my pw');
      await brief.locator('.waiting-note').getByText('the summary quotes it.', { exact: false }).waitFor();
      // The agent reading it is on shift now: no "Nobody is on shift", but what the customer was promised.
      expect(await row('Recommended next step').textContent()).toContain('accept and answer here');

      // The bot's long answer: trimmed, then shown in full on request.
      const attempt = brief.locator('.attempts li').first();
      const trimmed = (await attempt.locator('q').first().textContent())!;
      expect(trimmed.length).toBeLessThan(300);
      expect(trimmed.endsWith('…')).toBe(true);
      await attempt.scrollIntoViewIfNeeded();
      await shot(page, `brief-${width}`);
      await attempt.getByRole('button', { name: /Show more/ }).click();
      expect((await attempt.locator('q').first().textContent())!.length).toBeGreaterThan(4000);
      await attempt.getByRole('button', { name: 'Show less' }).waitFor();
      await page.close();
    }
  });

  it("a clarifying question's pages are named once: in its words and under knowledge referenced", async () => {
    const api = apiClient(baton.url);
    const started = await api('POST', '/api/v1/widget/conversations', {
      body: { workspace: ws.slug, message: 'which one is about my order?' },
    });
    expect(started.body.messages.at(-1).options.length).toBeGreaterThan(1);
    const id = started.body.conversation.id;
    await api('POST', `/api/v1/widget/conversations/${id}/messages`, {
      token: started.body.token,
      body: { text: 'none of them, I want a person' },
    });
    const { page, brief } = await openBrief(id);
    const attempt = brief.locator('.attempts li').first();
    expect(await attempt.textContent()).toContain('Do you mean “Refunds”');
    expect(await attempt.locator('.cites').count()).toBe(0);
    const knowledge = brief.locator('.brief-block', { has: page.getByRole('heading', { name: 'Knowledge referenced' }) });
    expect(await knowledge.getByText('Refunds', { exact: true }).count()).toBe(1);
    await page.close();
  });

  it('why it was escalated: the sentence the bot read, and how sure it was', async () => {
    const api = apiClient(baton.url);
    const started = await api('POST', '/api/v1/widget/conversations', {
      body: { workspace: ws.slug, message: 'My parcel is late again. I am in danger at home, he is back.' },
    });
    const id = started.body.conversation.id;
    const { page, brief } = await openBrief(id);
    const why = brief.locator('.brief-block', { has: page.getByRole('heading', { name: 'Why it was escalated' }) });
    // The sentence that carried it, not the whole message; the detector's certainty beside it.
    expect(await why.locator('li').textContent()).toBe(
      'Sensitive topic (danger or abuse): I am in danger at home, he is back. (the bot was 90% sure)',
    );
    expect(await why.locator('li q').textContent()).toBe('I am in danger at home, he is back.');
    const next = (await brief.locator('.brief-row', { has: page.locator('dt', { hasText: 'Recommended next step' }) }).textContent())!;
    expect(next).toContain("The bot read danger or abuse in the customer's words (90% sure)");
    await why.scrollIntoViewIfNeeded();
    await shot(page, 'brief-why-1280');
    await page.close();
  });

  it('after an agent accepts, the brief no longer says nobody is on shift', async () => {
    const { page, brief } = await openBrief(conversationId, 1440);
    await page
      .getByRole('button', { name: /^Accept/ })
      .first()
      .click();
    const row = brief.locator('.brief-row', { has: page.locator('dt', { hasText: 'Now' }) });
    await row.getByText(/^with /).waitFor();
    const next = (await brief.locator('.brief-row', { has: page.locator('dt', { hasText: 'Recommended next step' }) }).textContent())!;
    expect(next).not.toMatch(/nobody/i);
    expect(await brief.locator('.badge', { hasText: 'nobody on shift' }).count()).toBe(0);
    await shot(page, 'brief-accepted-1440');
    await page.close();
  });
});
