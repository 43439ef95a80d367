import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiClient, login } from '../support/baton.ts';
import { agentLogin, shot, PAGE_WAIT_MS } from './browser.ts';
import { useBrowserBaton } from './setup.ts';

// The inbox from the keyboard, in Chromium: rows that say who and what, j/k through the list,
// a to accept, m for the macro picker, c and / for the composer, e to resolve, ? for the help;
// no shortcut while typing; no horizontal scrolling at 1280 and 1440 px; axe finds nothing
// serious or critical in these states, in the light scheme or the dark one.
describe('the inbox from the keyboard', () => {
  const env = useBrowserBaton();
  const ids: Record<string, string> = {};
  let axeSource: string;

  beforeAll(async () => {
    axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const api = apiClient(env.baton.url);
    const admin = await login(env.baton.url, env.ws.admin.email, env.ws.admin.password);
    const macro = await api('POST', '/api/v1/macros', {
      token: admin,
      body: {
        title: 'Refund on its way',
        body: 'Hi {{customer.name}}, your refund is on its way: expect it within 5 to 10 business days.',
      },
    });
    expect(macro.status).toBe(201);
    // One in the customers' language and one in another: the picker lists the first first, the other last.
    for (const [title, text, language] of [
      ['Erstattung unterwegs', 'Hallo {{customer.name}}, Ihre Erstattung ist unterwegs.', 'de'],
      ['Anything else?', 'Is there anything else I can help with?', 'en'],
    ])
      expect((await api('POST', '/api/v1/macros', { token: admin, body: { title, body: text, language } })).status).toBe(201);
    // Three customers waiting; the last one asked is at the top of the list.
    const start = async (key: string, lines: string[], name?: string) => {
      const res = await api('POST', '/api/v1/widget/conversations', {
        body: { workspace: env.ws.slug, message: lines[0], customer: name ? { name } : undefined },
      });
      expect(res.status).toBe(201);
      for (const text of lines.slice(1))
        await api('POST', `/api/v1/widget/conversations/${res.body.conversation.id}/messages`, { token: res.body.token, body: { text } });
      ids[key] = res.body.conversation.id;
    };
    // Long unbroken words (a pasted link, a name without spaces) must wrap, not widen the panes.
    const link = `https://shop.example.test/orders/${'x'.repeat(180)}`;
    await start('long', [`See ${link} it is broken, I want a person`], 'Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaft');
    await start('visitor', ['My parcel never arrived and nobody answers, I want a person']);
    await start('bea', ['Where is my order #5521? I need a human'], 'Bea Busy');
    await start('ann', ['how do refunds work?', 'That did not help. I want a person please.'], 'Ann Example');
  });

  /** Serious and critical axe findings in the light scheme and then the dark one (dark findings say so). */
  async function axe(page: Page): Promise<string[]> {
    await page.evaluate(axeSource);
    const light = await axeRun(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = (await axeRun(page)).map((v) => `dark: ${v}`);
    await page.emulateMedia({ colorScheme: 'light' });
    return [...light, ...dark];
  }
  function axeRun(page: Page): Promise<string[]> {
    return page.evaluate(async () => {
      const a = (
        window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
      ).axe;
      return (await a.run()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
  }
  /** Panes wider than they are shown: what makes a horizontal scrollbar. */
  const overflowing = (page: Page) =>
    page.evaluate(() =>
      [
        document.scrollingElement!,
        ...Array.from(document.querySelectorAll('.list-pane, .conversation-pane, .conv-body, .side-pane, .admin-page')),
      ]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.className || el.tagName}: ${el.scrollWidth} > ${el.clientWidth}`),
    );
  const heading = (page: Page) => page.locator('#conv-title').textContent();

  it('walks, accepts, inserts a macro, replies and resolves without the mouse', { timeout: 120_000 }, async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    ctx.setDefaultTimeout(PAGE_WAIT_MS);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await agentLogin(page, env.baton.url, env.ws.agent.email, env.ws.agent.password);

    // Rows in words: the customer (or "Visitor"), what about, their latest line.
    const row = (key: string) => page.locator(`.conversations li[data-conversation-id="${ids[key]}"]`);
    await row('ann').waitFor();
    expect(await row('ann').locator('.title').textContent()).toBe('Ann Example');
    expect(await row('ann').locator('.topic').textContent()).toBe('Refunds');
    expect(await row('ann').locator('.summary').textContent()).toBe('That did not help. I want a person please.');
    expect(await row('visitor').locator('.title').textContent()).toBe('Visitor');
    expect(await row('visitor').locator('.summary').textContent()).toContain('My parcel never arrived');
    expect(await page.locator('.conversations').textContent()).not.toMatch(/\brefunds\b(?! work)/);
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await overflowing(page), `${width} px`).toEqual([]);
      await shot(page, `inbox-rows-${width}`);
    }
    // The inbox with nothing open still has its one main heading.
    expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Inbox']);
    expect(await axe(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });

    // j opens the first row, j the next, k back.
    await page.keyboard.press('j');
    await page.waitForURL(`**/app/c/${ids.ann}`);
    expect(await heading(page)).toBe('Ann Example');
    await page.keyboard.press('j');
    await page.waitForURL(`**/app/c/${ids.bea}`);
    await page.keyboard.press('k');
    await page.waitForURL(`**/app/c/${ids.ann}`);
    expect(await heading(page)).toBe('Ann Example');

    // Hints: on the buttons (title, aria-keyshortcuts, a key chip) and in the composer.
    const accept = page.getByRole('button', { name: 'Accept', exact: true });
    expect(await accept.getAttribute('title')).toBe('Accept the conversation (A)');
    expect(await accept.getAttribute('aria-keyshortcuts')).toBe('A');
    expect(await accept.locator('kbd').textContent()).toBe('A');

    // Typing in a field is typing: no shortcut fires.
    const composer = page.getByRole('textbox', { name: 'Reply to the customer' });
    const status = await page.getByTestId('conversation-status').textContent();
    await composer.click();
    await page.keyboard.type('jake ');
    expect(await composer.inputValue()).toBe('jake ');
    expect(page.url()).toContain(ids.ann);
    expect(await page.getByTestId('conversation-status').textContent()).toBe(status);
    await page.keyboard.press('Escape');
    await composer.fill('');
    await page.keyboard.press('Escape');

    // a accepts.
    await page.keyboard.press('a');
    await page.getByTestId('conversation-status').getByText('With agent').waitFor();

    // m opens the macro picker; type to filter, Enter inserts into the composer.
    await page.keyboard.press('m');
    const picker = page.getByRole('dialog', { name: 'Insert a macro' });
    await picker.waitFor();
    await picker.getByRole('option', { name: /Refund on its way/ }).waitFor();
    expect(await picker.getByRole('option').locator('strong').allTextContents()).toEqual([
      'Anything else? · English',
      'Refund on its way',
      'Erstattung unterwegs · German',
    ]);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'inbox-macro-picker-1280');
    await page.keyboard.type('refund');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'hidden' });
    await expect
      .poll(() => composer.inputValue())
      .toBe('Hi Ann Example, your refund is on its way: expect it within 5 to 10 business days.');
    await expect.poll(() => composer.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Control+Enter');
    await page.locator('.msg-agent', { hasText: 'your refund is on its way' }).waitFor();
    // Sent (the box empties), and the composer has taken the focus back.
    await expect.poll(() => composer.inputValue()).toBe('');

    // c and / put the cursor in the composer (and "/" is not typed).
    await page.keyboard.press('Escape');
    expect(await composer.evaluate((el) => el === document.activeElement)).toBe(false);
    await page.keyboard.press('c');
    expect(await composer.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('/');
    expect(await composer.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await composer.inputValue()).toBe('');
    await page.keyboard.press('Escape');

    // ? shows every shortcut; Esc closes it.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    for (const does of [
      'Next conversation',
      'Previous conversation',
      'Accept the conversation',
      'Resolve the conversation',
      'Insert a macro',
    ])
      await help.getByRole('cell', { name: new RegExp(`^${does}`) }).waitFor();
    expect(await axe(page)).toEqual([]);
    // Shortcuts wait while a dialog is open.
    await page.keyboard.press('j');
    expect(page.url()).toContain(ids.ann);
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 800 });
      await shot(page, `inbox-shortcuts-${width}`);
    }
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    await page.setViewportSize({ width: 1280, height: 800 });

    // e resolves.
    await page.keyboard.press('e');
    await page.getByTestId('conversation-status').getByText('Resolved').waitFor();

    // The open conversation and the list at both widths: no horizontal scrolling, axe clean.
    await page.keyboard.press('j');
    await page.waitForURL(`**/app/c/${ids.bea}`);
    await page.getByRole('button', { name: 'Accept', exact: true }).waitFor();
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await overflowing(page), `${width} px`).toEqual([]);
      await shot(page, `inbox-conversation-${width}`);
    }
    expect(await axe(page)).toEqual([]);
    // r resolves too.
    await page.keyboard.press('r');
    await page.getByTestId('conversation-status').getByText('Resolved').waitFor();
    // The conversation with the long words, in the list and open.
    await page.keyboard.press('j');
    await page.waitForURL(`**/app/c/${ids.visitor}`);
    await page.keyboard.press('j');
    await page.waitForURL(`**/app/c/${ids.long}`);
    await page.locator('.msg-customer, .transcript').first().waitFor();
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await overflowing(page), `${width} px, long words`).toEqual([]);
    }
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('says in words when a conversation address is wrong', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await agentLogin(page, env.baton.url, env.ws.agent.email, env.ws.agent.password);
    await page.goto(`${env.baton.url}/app/c/not-a-conversation`);
    await page.getByRole('alert').getByText('This conversation does not exist, or you have no access to it.').waitFor();
    expect(await page.getByText(/Invalid UUID/).count()).toBe(0);
    await ctx.close();
  });

  it('explains on the Routing page what routing does', { timeout: 60_000 }, async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    ctx.setDefaultTimeout(PAGE_WAIT_MS);
    const page = await ctx.newPage();
    await agentLogin(page, env.baton.url, env.ws.admin.email, env.ws.admin.password);
    await page.goto(`${env.baton.url}/app/admin/routing`);
    const how = page.locator('details.explainer');
    await how.getByText('How a handoff is routed').waitFor();
    // No rules in this workspace: the explanation names the team everything falls to.
    expect(await how.getAttribute('open')).not.toBeNull();
    await how.getByText(/else the first team by name \(Support\)/).waitFor();
    await how.getByText(/the one with the fewest open conversations/).waitFor();
    expect(await page.getByText('every handoff goes to the workspace queue').count()).toBe(0);
    // A rule's intents are named by their articles' titles.
    const admin = await login(env.baton.url, env.ws.admin.email, env.ws.admin.password);
    const rule = await apiClient(env.baton.url)('POST', '/api/v1/admin/routing-rules', {
      token: admin,
      body: {
        name: 'Money to Support',
        conditions: { intents: ['refunds', 'gift-cards'] },
        target: { type: 'team', team_id: env.ws.teamId },
      },
    });
    expect(rule.status).toBe(201);
    await page.reload();
    await page.getByText('When intent is “Refunds” or gift-cards → Team Support').waitFor();
    expect(await how.getAttribute('open')).not.toBeNull();
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await overflowing(page), `${width} px`).toEqual([]);
      await shot(page, `routing-${width}`);
    }
    expect(await axe(page)).toEqual([]);
    await ctx.close();
  });
});
