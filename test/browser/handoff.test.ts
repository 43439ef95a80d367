import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { apiClient, login } from '../support/baton.ts';
import { agentLogin, shot, startHostSite, PAGE_WAIT_MS } from './browser.ts';
import { useBrowserBaton } from './setup.ts';

// The whole handoff in two real browsers: a customer on a website with the widget, an agent in
// the workspace. Bot answer with its source, "talk to a person", the brief live in the queue,
// accept, reply, resolve, rating; reload and a second tab resume the same conversation.
describe('handoff in the browser: widget and agent workspace', () => {
  const env = useBrowserBaton();
  let site: { url: string; close(): Promise<void> };
  let customerCtx: BrowserContext;
  let agentCtx: BrowserContext;
  const dialogs: string[] = [];

  beforeAll(async () => {
    site = await startHostSite(env.baton.url, { workspace: env.ws.slug, name: 'Ann' });
    customerCtx = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    customerCtx.setDefaultTimeout(PAGE_WAIT_MS);
    agentCtx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    agentCtx.setDefaultTimeout(PAGE_WAIT_MS);
    for (const ctx of [customerCtx, agentCtx]) ctx.on('page', (p) => p.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss())));
  });

  afterAll(() => site?.close());

  // About 15 s on an idle machine; the margin is for a busy CI runner.
  it('runs from the first question to the rating', { timeout: 120_000 }, async () => {
    const api = apiClient(env.baton.url);
    // The agent is at work first (an open workspace socket counts as online).
    const agent: Page = await agentCtx.newPage();
    await agentLogin(agent, env.baton.url, env.ws.agent.email, env.ws.agent.password);

    const customer: Page = await customerCtx.newPage();
    await customer.goto(site.url);
    await customer.getByRole('button', { name: 'Chat with us' }).click();
    const widget = customer.locator('#baton-widget');
    await widget.getByRole('textbox').fill('how do refunds work?');
    await widget.getByRole('button', { name: 'Send' }).click();
    const botAnswer = widget.locator('.m.bot', { hasText: 'Refunds take 5 to 10 business days.' });
    await botAnswer.waitFor();
    const source = botAnswer.getByRole('link', { name: 'Refunds' });
    expect(await source.getAttribute('href')).toBe('https://help.example.test/refunds');
    // Host styles stay outside the shadow root.
    const launcherBg = await widget.locator('.launcher').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(launcherBg).toBe('rgb(29, 78, 216)');
    await shot(customer, 'widget-bot-answer');

    await widget.getByRole('button', { name: 'Talk to a person' }).click();
    await widget.getByText('Connecting you with the Support team.').waitFor();
    await widget.getByRole('button', { name: 'Waiting for a person…' }).waitFor();

    // The handoff appears in the agent's queue without a reload, marked new.
    const item = agent.locator('.conversations li.new', { hasText: 'Ann' });
    await item.waitFor({ timeout: 10_000 });
    await shot(agent, 'workspace-queue-live');
    await item.getByRole('link').click();
    const brief = agent.locator('section.brief');
    await brief.waitFor();
    await brief.locator('.reasons').getByText('Customer asked for a person').waitFor();
    await brief.getByText('Routed at handoff').waitFor();
    expect(await brief.locator('.brief-summary').textContent()).toContain('refunds');
    // The transcript below it: the bot's turn marked, with its source.
    const botTurn = agent.locator('.msg-bot', { hasText: 'Refunds take 5 to 10 business days.' });
    await botTurn.getByText('Bot', { exact: true }).waitFor();
    await botTurn.getByRole('link', { name: 'Refunds' }).waitFor();
    // Agent assist: suggestions when the server has them, a clear "not available" otherwise.
    const assist = agent.locator('section.assist');
    await assist.locator('.not-available, .assist-items, p.muted.small').first().waitFor();
    // A draft names its article and why it is there, not its kind's identifier.
    const draft = assist.locator('.assist-items').first().locator('li').first();
    expect(await draft.locator('.assist-label').textContent()).toBe('Refunds');
    expect(await draft.locator('.assist-why').textContent()).toBe('The bot cited this article.');
    await shot(agent, 'workspace-brief');

    await agent.getByRole('button', { name: 'Accept' }).click();
    await agent.getByTestId('conversation-status').getByText('With agent').waitFor();
    await widget.getByText(`${'agent of acme'} joined the conversation.`).waitFor();

    await agent.getByRole('radio', { name: 'Internal note' }).check();
    await agent.getByRole('textbox', { name: 'Internal note (agents only)' }).fill('Refund looks eligible.');
    await agent.getByRole('button', { name: 'Add note' }).click();
    await agent.locator('.msg-note', { hasText: 'Refund looks eligible.' }).waitFor();

    await agent.getByRole('radio', { name: 'Reply' }).check();
    const replyBox = agent.getByRole('textbox', { name: 'Reply to the customer' });
    // One click puts a suggested reply in the composer, to edit before sending.
    const insert = assist.getByRole('button', { name: /^Insert suggestion/ }).first();
    if ((await insert.count()) > 0) {
      await insert.click();
      expect(await replyBox.inputValue()).not.toBe('');
    }
    await replyBox.fill('Hi Ann, I am on it: your refund is on its way. Its status: https://help.example.test/refund-status.');
    await agent.getByRole('button', { name: 'Send reply' }).click();
    const agentReply = widget.locator('.m.agent', { hasText: 'your refund is on its way' });
    await agentReply.waitFor();
    // An address in a reply opens as a link; the full stop after it stays text.
    const address = agentReply.getByRole('link', { name: 'https://help.example.test/refund-status' });
    expect(await address.getAttribute('href')).toBe('https://help.example.test/refund-status');
    expect(await address.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await widget.getByText('Refund looks eligible.').count()).toBe(0);

    // Reload and a second tab pick the same conversation back up.
    await customer.reload();
    await customer.getByRole('button', { name: 'Chat with us' }).click();
    await customer.locator('#baton-widget .m.agent', { hasText: 'your refund is on its way' }).waitFor();
    const secondTab = await customerCtx.newPage();
    await secondTab.goto(site.url);
    await secondTab.getByRole('button', { name: 'Chat with us' }).click();
    await secondTab.locator('#baton-widget .m.bot', { hasText: 'Refunds take 5 to 10' }).waitFor();
    await secondTab.close();
    await shot(customer, 'widget-with-agent');

    await agent.getByRole('button', { name: 'Resolve' }).click();
    await agent.getByTestId('conversation-status').getByText('Resolved').waitFor();
    await widget.getByRole('button', { name: 'Rate 5 out of 5' }).click();
    await widget.getByText('Thank you for your feedback!').waitFor();
    await shot(customer, 'widget-rated');

    const agentToken = await login(env.baton.url, env.ws.admin.email, env.ws.admin.password);
    const list = await api('GET', '/api/v1/conversations?limit=5', { token: agentToken });
    const rated = list.body.conversations.find((c: { csat: number | null }) => c.csat === 5);
    expect(rated).toMatchObject({ status: 'resolved', csat: 5 });
    expect(dialogs).toEqual([]);
  });

  it('renders hostile text as text in the widget and the workspace (no script runs)', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    const hostileName = '<img src=y onerror=alert("name")>';
    const hostile = await startHostSite(env.baton.url, { workspace: env.ws.slug, name: hostileName });
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    ctx.setDefaultTimeout(PAGE_WAIT_MS);
    ctx.on('page', (p) => p.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss())));
    try {
      const agent = await agentCtx.newPage();
      agent.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
      await agent.goto(`${env.baton.url}/app/`);
      await agent.getByText('Live', { exact: true }).waitFor();

      const customer = await ctx.newPage();
      await customer.goto(hostile.url);
      await customer.getByRole('button', { name: 'Chat with us' }).click();
      const widget = customer.locator('#baton-widget');
      await widget.getByRole('textbox').fill(payload);
      await widget.getByRole('button', { name: 'Send' }).click();
      // Nothing matches in the knowledge: the bot hands off, and the text stays text.
      await widget.locator('.m.customer .text', { hasText: payload }).waitFor();
      expect(await widget.locator('.log img').count()).toBe(0);

      const item = agent.locator('.conversations li', { hasText: hostileName });
      await item.getByRole('link').click();
      await agent.locator('h1', { hasText: hostileName }).waitFor();
      expect(await agent.locator('.msg-customer .msg-text').first().textContent()).toBe(payload);
      expect(await agent.locator('main img').count()).toBe(0);
      await agent.getByRole('button', { name: 'Accept' }).click();
      await agent.getByTestId('conversation-status').getByText('With agent').waitFor();
      const reply = '<script>alert(2)</script><b onmouseover=alert(3)>bold</b>';
      await agent.getByRole('textbox', { name: 'Reply to the customer' }).fill(reply);
      await agent.getByRole('button', { name: 'Send reply' }).click();
      await widget.locator('.m.agent .text', { hasText: reply }).waitFor();
      expect(await widget.locator('.log b, .log script').count()).toBe(0);
      await agent.locator('.msg-agent .msg-text', { hasText: reply }).hover();
      await shot(agent, 'workspace-xss');
      await shot(customer, 'widget-xss');
      expect(dialogs).toEqual([]);
      await agent.close();
    } finally {
      await ctx.close();
      await hostile.close();
    }
  });

  it('sends a line again after its answer was lost, and it is kept and shown once', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    ctx.setDefaultTimeout(PAGE_WAIT_MS);
    try {
      const customer = await ctx.newPage();
      await customer.goto(site.url);
      await customer.getByRole('button', { name: 'Chat with us' }).click();
      const widget = customer.locator('#baton-widget');
      await widget.getByRole('textbox').fill('how do refunds work?');
      await widget.getByRole('button', { name: 'Send' }).click();
      // The answer itself, not the welcome (also a bot line): a send while the first is under way is ignored.
      await widget.locator('.m.bot', { hasText: 'Refunds take 5 to 10 business days.' }).waitFor();

      // The next line reaches the server, but its answer never reaches the page.
      let delivered = 0;
      await customer.route('**/api/v1/widget/conversations/*/messages', async (route) => {
        await route.fetch();
        delivered++;
        await route.abort('connectionreset');
      });
      const line = 'and how long does it take?';
      await widget.getByRole('textbox').fill(line);
      await widget.getByRole('button', { name: 'Send' }).click();
      await widget.getByText('Something went wrong').waitFor();
      expect(delivered).toBe(1);
      expect(await widget.getByRole('textbox').inputValue()).toBe(line);

      await customer.unroute('**/api/v1/widget/conversations/*/messages');
      await widget.getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => widget.getByRole('textbox').inputValue()).toBe('');
      expect(await widget.locator('.m.customer', { hasText: line }).count()).toBe(1);

      // Kept once on the server too (staff read every conversation of the workspace).
      const agentToken = await login(env.baton.url, env.ws.admin.email, env.ws.admin.password);
      const list = await apiClient(env.baton.url)('GET', '/api/v1/conversations?limit=50', { token: agentToken });
      const mine = [];
      for (const c of list.body.conversations as { id: string }[]) {
        const read = await apiClient(env.baton.url)('GET', `/api/v1/conversations/${c.id}`, { token: agentToken });
        mine.push(...(read.body.messages as { text: string }[]).filter((m) => m.text === line));
      }
      expect(mine).toHaveLength(1);
    } finally {
      await ctx.close();
    }
  });

  it('lays out without horizontal scrolling at 375 and 1280 px', async () => {
    for (const width of [375, 1280]) {
      const page = await agentCtx.newPage();
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${env.baton.url}/app/`);
      await page.getByText('Live', { exact: true }).waitFor();
      // Mine: the conversation this agent accepted (it has a handoff, so a brief), whatever came after it.
      await page.getByRole('button', { name: 'Mine', exact: true }).click();
      await page.locator('.conversations li a').first().click();
      await page.locator('section.brief').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `workspace at ${width}px`).toBeLessThanOrEqual(0);
      await shot(page, `workspace-${width}`);
      await page.close();

      const phone = await customerCtx.newPage();
      await phone.setViewportSize({ width, height: 740 });
      await phone.goto(site.url);
      await phone.getByRole('button', { name: 'Chat with us' }).click();
      await phone.locator('#baton-widget .m.agent').first().waitFor();
      const box = await phone.locator('#baton-widget .panel').boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      await shot(phone, `widget-${width}`);
      await phone.close();
    }
  });

  it('tells the agent why there is no draft for a customer at risk, and puts the safety macro first', { timeout: 60_000 }, async () => {
    const api = apiClient(env.baton.url);
    const token = env.ws.adminKey;
    for (const [title, body, tags] of [
      ['Ask for the order number', 'Hi {{customer.name}}, could you send me the order number?', ['order']],
      ['Are you safe right now?', 'Hi {{customer.name}}, I am here with you. Are you safe right now?', ['safety']],
      ['Refund on its way', 'Hi {{customer.name}}, your refund is on its way.', ['refund']],
    ] as const)
      expect((await api('POST', '/api/v1/macros', { token, body: { title, body, tags } })).status).toBe(201);
    const started = await api('POST', '/api/v1/widget/conversations', {
      body: { workspace: env.ws.slug, customer: { name: 'Pia' }, message: 'I am in danger, my ex is waiting outside my door' },
    });
    const id = started.body.conversation.id as string;
    expect((await api('GET', `/api/v1/conversations/${id}`, { token })).body.conversation.priority).toBe('urgent');
    const agent = await agentCtx.newPage();
    await agent.setViewportSize({ width: 1440, height: 900 });
    await agent.goto(`${env.baton.url}/app/c/${id}`);
    const assist = agent.locator('section.assist');
    await assist.getByRole('note').getByText('No drafts from the knowledge:').waitFor();
    const first = assist.locator('.assist-items').last().locator('li').first();
    expect(await first.locator('.assist-label').textContent()).toBe('Are you safe right now?');
    expect(await first.locator('p').textContent()).toBe('Hi Pia, I am here with you. Are you safe right now?');
    // The macros that do not fit are listed as the customer would read them too, not with braces.
    const listed = await assist.locator('.assist-items').last().locator('li p').allTextContents();
    expect(listed).toContain('Hi Pia, your refund is on its way.');
    expect(listed.filter((t) => t.includes('{{'))).toEqual([]);
    await shot(agent, 'assist-at-risk-1440');
    await agent.setViewportSize({ width: 1280, height: 800 });
    expect(await agent.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(agent, 'assist-at-risk-1280');
    // A macro's fields written or inserted unfilled (from the list, the M key, pasted): the customer reads them filled in.
    await agent.getByRole('button', { name: 'Accept' }).click();
    await agent.getByTestId('conversation-status').getByText('With agent').waitFor();
    await agent.getByRole('textbox', { name: 'Reply to the customer' }).fill("Hi {{customer.name}}, I'm {{ agent.name }}.");
    await agent.getByRole('button', { name: 'Send reply' }).click();
    await expect
      .poll(async () => {
        const seen = await api('GET', `/api/v1/widget/conversations/${id}`, { token: started.body.token });
        return (seen.body.messages as { author: string; text: string }[]).filter((m) => m.author === 'agent').map((m) => m.text);
      })
      .toEqual(["Hi Pia, I'm agent of acme."]);
    await agent.close();
  });
});
