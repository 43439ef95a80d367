import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { apiClient, login } from '../support/baton.ts';
import { shot, startHostSite, PAGE_WAIT_MS } from './browser.ts';
import { useBrowserBaton } from './setup.ts';

// The widget as a customer meets it on someone else's website: under the strict Content
// Security Policies real sites send, in a right-to-left language, at the length limit, and
// through an accessibility audit (axe-core) of each of its states.
describe('the widget on a host page', () => {
  const env = useBrowserBaton();
  let staffToken: string;
  const api = () => apiClient(env.baton.url);

  beforeAll(async () => {
    staffToken = await login(env.baton.url, env.ws.admin.email, env.ws.admin.password);
  });

  /** A fresh customer (own storage) on a new page of `url`; page errors are collected. */
  async function customerOn(url: string, width = 1280): Promise<{ page: Page; widget: Locator; errors: string[] }> {
    const ctx = await env.browser.newContext({ viewport: { width, height: 800 }, locale: 'en-US' });
    ctx.setDefaultTimeout(PAGE_WAIT_MS);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    return { page, widget: page.locator('#baton-widget'), errors };
  }

  const conversationId = (page: Page) =>
    page.evaluate((key) => (JSON.parse(localStorage.getItem(key) ?? 'null') as { id: string }).id, `baton:widget:${env.ws.slug}`);

  /** The staff side, over the API: take the conversation and answer. */
  async function agentReplies(page: Page, text: string): Promise<string> {
    const id = await conversationId(page);
    expect((await api()('POST', `/api/v1/conversations/${id}/accept`, { token: staffToken })).status).toBe(200);
    expect((await api()('POST', `/api/v1/conversations/${id}/messages`, { token: staffToken, body: { text } })).status).toBe(201);
    return id;
  }

  async function ask(widget: Locator, text: string): Promise<void> {
    await widget.getByRole('textbox').fill(text);
    await widget.getByRole('button', { name: 'Send' }).click();
  }

  describe('under the host page’s Content Security Policy', () => {
    // Baton is on another origin than the shop (another port): the shop's policy names it.
    const policies = (baton: string) => {
      const socket = baton.replace(/^http/, 'ws');
      const strict = `default-src 'self'; script-src 'self' ${baton}; style-src 'self'; img-src 'self'; object-src 'none'`;
      return {
        "style-src 'self' (no inline styles)": `${strict}; connect-src 'self' ${baton} ${socket}`,
        "require-trusted-types-for 'script'": `${strict}; connect-src 'self' ${baton} ${socket}; require-trusted-types-for 'script'; trusted-types 'none'`,
        // Chromium does not count ws: as allowed by an http: source: the socket is refused.
        'no ws: or wss: in connect-src': `${strict}; connect-src 'self' ${baton}`,
      };
    };

    for (const name of [
      "style-src 'self' (no inline styles)",
      "require-trusted-types-for 'script'",
      'no ws: or wss: in connect-src',
    ] as const) {
      it(`renders styled, answers and gets the agent's reply: ${name}`, { timeout: 60_000 }, async () => {
        const site = await startHostSite(env.baton.url, { workspace: env.ws.slug, name: 'Noa' }, { csp: policies(env.baton.url)[name] });
        const { page, widget, errors } = await customerOn(site.url);
        const sockets: string[] = [];
        page.on('websocket', (s) => sockets.push(s.url()));
        try {
          const launcher = widget.getByRole('button', { name: 'Chat with us' });
          const box = (await launcher.boundingBox())!;
          expect([box.width, box.height]).toEqual([56, 56]);
          expect(await launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(29, 78, 216)');
          await launcher.click();
          expect((await widget.locator('.panel').boundingBox())!.width).toBe(370);

          await ask(widget, 'how do refunds work?');
          const answer = widget.locator('.m.bot', { hasText: 'Refunds take 5 to 10 business days.' });
          await answer.waitFor();
          expect(await answer.getByRole('link', { name: 'Refunds' }).getAttribute('href')).toBe('https://help.example.test/refunds');

          await widget.getByRole('button', { name: 'Talk to a person' }).click();
          await widget.getByRole('button', { name: 'Waiting for a person…' }).waitFor();
          await agentReplies(page, 'Hi Noa, Dana here.');
          // Over the socket, or by polling where the page allows no socket.
          await widget.locator('.m.agent', { hasText: 'Hi Noa, Dana here.' }).waitFor();
          await widget.getByRole('button', { name: 'You are talking with a person' }).waitFor();
          if (name.startsWith('no ws')) expect(sockets).toEqual([]);
          else expect(sockets).toHaveLength(1);
          expect(await widget.locator('.note').isHidden()).toBe(true);
          expect(errors).toEqual([]);
          await shot(page, `widget-csp-${name.split(/\W+/).filter(Boolean).join('-').toLowerCase()}`);
        } finally {
          await page.context().close();
          await site.close();
        }
      });
    }
  });

  it('loads pinned to its build with Subresource Integrity, and not when the hash does not match', { timeout: 60_000 }, async () => {
    const { status, body } = await api()('GET', '/api/v1/admin/widget-snippet', { token: staffToken });
    expect(status).toBe(200);
    const { script_url: src, integrity } = body.pinned as { script_url: string; integrity: string };
    const csp = `default-src 'self'; script-src 'self' ${env.baton.url}; style-src 'self'; connect-src 'self' ${env.baton.url}; require-trusted-types-for 'script'; trusted-types 'none'`;
    const site = await startHostSite(env.baton.url, { workspace: env.ws.slug }, { csp, script: { src, integrity } });
    const { page, widget, errors } = await customerOn(site.url);
    try {
      await widget.getByRole('button', { name: 'Chat with us' }).click();
      await ask(widget, 'how do refunds work?');
      await widget.locator('.m.bot', { hasText: 'Refunds take 5 to 10 business days.' }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
      await site.close();
    }
    // An integrity value that is not this build's: the browser refuses to run the script.
    const wrong = `sha384-${Buffer.alloc(48, 7).toString('base64')}`;
    const tampered = await startHostSite(env.baton.url, { workspace: env.ws.slug }, { script: { src, integrity: wrong } });
    const refused = await customerOn(tampered.url);
    try {
      const blocked = refused.page.waitForEvent('console', (m) => /integrity/i.test(m.text()));
      await refused.page.reload();
      await blocked;
      expect(await refused.widget.count()).toBe(0);
    } finally {
      await refused.page.context().close();
      await tampered.close();
    }
  });

  it("offers a bot question's choices as buttons that answer it, on the newest line only", { timeout: 60_000 }, async () => {
    const site = await startHostSite(env.baton.url, { workspace: env.ws.slug });
    const { page, widget } = await customerOn(site.url);
    try {
      await widget.getByRole('button', { name: 'Chat with us' }).click();
      await ask(widget, 'which one is for my problem?');
      const choices = widget.getByRole('group', { name: 'Choose one' });
      await choices.waitFor();
      expect(await choices.getByRole('button').allTextContents()).toEqual(['Refunds', 'Shipping']);
      await shot(page, 'widget-options');
      await widget.getByRole('textbox').fill('half-typed');
      await choices.getByRole('button', { name: 'Refunds' }).click();
      // The choice is sent as the customer's line and answered; the question's buttons go away.
      await widget.locator('.m.customer .text', { hasText: /^Refunds$/ }).waitFor();
      await widget.locator('.m.bot', { hasText: 'Refunds take 5 to 10 business days.' }).waitFor();
      expect(await widget.getByRole('group', { name: 'Choose one' }).isVisible()).toBe(false);
      expect(await widget.getByRole('textbox').inputValue()).toBe('half-typed');
    } finally {
      await page.context().close();
      await site.close();
    }
  });

  it('keeps what the customer types while the answer to the last line is on its way', { timeout: 60_000 }, async () => {
    const site = await startHostSite(env.baton.url, { workspace: env.ws.slug });
    const { page, widget } = await customerOn(site.url);
    try {
      await widget.getByRole('button', { name: 'Chat with us' }).click();
      const answers = widget.locator('.m.bot', { hasText: 'Refunds take 5 to 10 business days.' });
      await ask(widget, 'how do refunds work?');
      await answers.first().waitFor();
      // The next line's answer is held back a moment, as on a slow network.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route('**/api/v1/widget/conversations/*/messages', async (route) => {
        await held;
        await route.continue();
      });
      await ask(widget, 'and how do refunds work for a gift?');
      await widget.getByRole('textbox').fill('and for gift cards?');
      release();
      await answers.nth(1).waitFor();
      expect(await widget.getByRole('textbox').inputValue()).toBe('and for gift cards?');
      // Once it is sent, the box is empty again.
      await page.unroute('**/api/v1/widget/conversations/*/messages');
      await widget.getByRole('button', { name: 'Send' }).click();
      await widget.locator('.m.customer .text', { hasText: 'and for gift cards?' }).waitFor();
      await expect.poll(() => widget.getByRole('textbox').inputValue()).toBe('');
    } finally {
      await page.context().close();
      await site.close();
    }
  });

  it('shows answers cleanly and right-to-left lines right to left', { timeout: 60_000 }, async () => {
    const site = await startHostSite(env.baton.url, { workspace: env.ws.slug });
    const { page, widget } = await customerOn(site.url);
    try {
      await widget.getByRole('button', { name: 'Chat with us' }).click();
      await ask(widget, 'how do refunds work?');
      const answer = widget.locator('.m.bot', { hasText: 'Refunds take' });
      await answer.waitFor();
      // The source is said once, as a link under the answer; the text starts with its first word.
      expect(await answer.locator('.text').textContent()).toBe('Refunds take 5 to 10 business days.');
      expect(await answer.getByText(/Sources?:/).count()).toBe(1);

      const hebrew = 'מתי יגיע ההחזר שלי?';
      await ask(widget, hebrew);
      const line = widget.locator('.m.customer .text', { hasText: hebrew });
      await line.waitFor();
      expect(await line.evaluate((el) => el.matches(':dir(rtl)'))).toBe(true);
      expect(await widget.locator('.m.customer .text', { hasText: 'how do refunds work?' }).evaluate((el) => el.matches(':dir(ltr)'))).toBe(
        true,
      );
      expect(await widget.getByRole('textbox').getAttribute('dir')).toBe('auto');
    } finally {
      await page.context().close();
      await site.close();
    }
  });

  it('takes lines as long as the server does, with a counter near the limit', { timeout: 60_000 }, async () => {
    // The server's limit as it publishes it.
    const doc = await api()('GET', '/api/v1/openapi.json');
    const body = doc.body.paths['/api/v1/widget/conversations/{id}/messages'].post.requestBody.content['application/json'].schema;
    const max: number = body.properties.text.maxLength;
    expect(max).toBeGreaterThan(100);

    const site = await startHostSite(env.baton.url, { workspace: env.ws.slug });
    const { page, widget } = await customerOn(site.url);
    try {
      await widget.getByRole('button', { name: 'Chat with us' }).click();
      const box = widget.getByRole('textbox');
      expect(await box.getAttribute('maxlength')).toBe(String(max));
      const counter = widget.locator('.count');
      await ask(widget, 'hello');
      await widget.locator('.m.customer', { hasText: 'hello' }).waitFor();
      expect(await counter.isHidden()).toBe(true);

      await box.fill('x'.repeat(max - 500));
      expect(await counter.isVisible()).toBe(true);
      expect(await counter.textContent()).toBe(`${(max - 500).toLocaleString('en-US')} / ${max.toLocaleString('en-US')}`);
      // Typing past the limit stops at it; the longest line the widget allows, the server takes.
      await box.fill('y'.repeat(max + 20));
      expect((await box.inputValue()).length).toBe(max);
      expect(await counter.textContent()).toBe(`${max.toLocaleString('en-US')} / ${max.toLocaleString('en-US')}`);
      await widget.getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => box.inputValue()).toBe('');
      expect(await counter.isHidden()).toBe(true);
      await widget.locator('.m.customer .text', { hasText: 'y'.repeat(50) }).waitFor();
      expect(await widget.locator('.note').isHidden()).toBe(true);
    } finally {
      await page.context().close();
      await site.close();
    }
  });

  it('has no serious or critical axe violations in any state, and the rating box hides no message', { timeout: 90_000 }, async () => {
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const site = await startHostSite(env.baton.url, { workspace: env.ws.slug, name: 'Ann' });
    const { page, widget } = await customerOn(site.url);
    await page.evaluate(axeSource);
    const audit = async (state: string) => {
      const result = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: { run(ctx: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> };
          }
        ).axe;
        const r = await axe.run({ include: [['#baton-widget']] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
      });
      const grave = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(grave, `axe, widget ${state}`).toEqual([]);
      expect(
        result.filter((v) => v.id.startsWith('landmark')),
        `landmarks, widget ${state}`,
      ).toEqual([]);
    };
    try {
      await audit('closed');
      await widget.getByRole('button', { name: 'Chat with us' }).click();
      await audit('open');
      await ask(widget, 'how do refunds work?');
      await widget.locator('.m.bot', { hasText: 'Refunds take' }).waitFor();
      await audit('with an answer');
      await ask(widget, 'which one covers returns?');
      await widget.getByRole('group', { name: 'Choose one' }).waitFor();
      await audit('with choices');
      await widget.getByRole('button', { name: 'Talk to a person' }).click();
      await widget.getByRole('button', { name: 'Waiting for a person…' }).waitFor();
      await audit('queued');

      const id = await agentReplies(page, 'Done: your refund is on its way. Anything else?');
      await widget.locator('.m.agent', { hasText: 'your refund is on its way' }).waitFor();
      expect((await api()('POST', `/api/v1/conversations/${id}/resolve`, { token: staffToken })).status).toBe(200);
      await widget.getByRole('button', { name: 'Rate 5 out of 5' }).waitFor();
      await audit('asking for a rating');
      // The newest message sits in full above the rating box.
      const log = (await widget.locator('.log').boundingBox())!;
      const last = (await widget.locator('.log .m').last().boundingBox())!;
      expect(last.y).toBeGreaterThanOrEqual(log.y);
      expect(last.y + last.height).toBeLessThanOrEqual(log.y + log.height + 0.5);
      await shot(page, 'widget-rating');
      await widget.getByRole('button', { name: 'Rate 5 out of 5' }).click();
      await widget.getByText('Thank you for your feedback!').waitFor();
      await audit('rated');
    } finally {
      await page.context().close();
      await site.close();
    }
  });
});
