import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient, login } from '../support/baton.ts';
import { shot, startHostSite, PAGE_WAIT_MS } from './browser.ts';
import { useBrowserBaton } from './setup.ts';

// The customer who waits for a person sees where they stand and roughly how long, and the
// line moves on screen as agents take the conversations ahead.
describe('the widget while queued', () => {
  const env = useBrowserBaton();
  let staff: string;
  const api = () => apiClient(env.baton.url);

  beforeAll(async () => {
    staff = await login(env.baton.url, env.ws.admin.email, env.ws.admin.password);
    expect((await api()('PUT', '/api/v1/me/status', { token: staff, body: { status: 'online' } })).status).toBe(200);
  });

  async function queuedOverApi(): Promise<string> {
    const started = await api()('POST', '/api/v1/widget/conversations', { body: { workspace: env.ws.slug, message: 'hello' } });
    const id = started.body.conversation.id as string;
    expect((await api()('POST', `/api/v1/widget/conversations/${id}/handoff`, { token: started.body.token })).status).toBe(200);
    return id;
  }
  const accept = async (id: string) =>
    expect((await api()('POST', `/api/v1/conversations/${id}/accept`, { token: staff })).status).toBe(200);

  it('shows the place in line and the expected wait, and follows the line as it moves', { timeout: 90_000 }, async () => {
    // Recent pick-ups in this queue took about four minutes each.
    for (let i = 0; i < 4; i++) {
      const id = await queuedOverApi();
      await accept(id);
      await env.tdb.database.db
        .updateTable('handoffs')
        .set({ requested_at: sql`now() - interval '4 minutes'`, accepted_at: sql`now()` })
        .where('conversation_id', '=', id)
        .execute();
    }
    const ahead = await queuedOverApi();

    const site = await startHostSite(env.baton.url, { workspace: env.ws.slug });
    try {
      for (const width of [1280, 1440]) {
        const ctx = await env.browser.newContext({ viewport: { width, height: 800 }, locale: 'en-US' });
        ctx.setDefaultTimeout(PAGE_WAIT_MS);
        const page = await ctx.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(site.url);
        const widget = page.locator('#baton-widget');
        await widget.getByRole('button', { name: 'Chat with us' }).click();
        await widget.getByRole('textbox').fill('How long do refunds take?');
        await widget.getByRole('button', { name: 'Send' }).click();
        await widget.locator('.m.bot', { hasText: 'Refunds take 5 to 10 business days.' }).waitFor();
        await widget.getByRole('button', { name: 'Talk to a person' }).click();
        await widget.getByRole('button', { name: 'Waiting for a person…' }).waitFor();
        const line = widget.locator('.queue');
        await expect.poll(() => line.textContent()).toBe('You are number 2 in line. Expected wait: 5 to 10 minutes.');
        await shot(page, `widget-queued-${width}`);

        if (width === 1280) {
          // An agent takes the one ahead: pushed on the socket, the line moves up.
          await accept(ahead);
          await expect.poll(() => line.textContent()).toBe('You are next in line. Expected wait: a few minutes.');
          await shot(page, `widget-queued-next-${width}`);
          // And this one: the line is gone, a person is here.
          const id = await page.evaluate(
            (key) => (JSON.parse(localStorage.getItem(key) ?? 'null') as { id: string }).id,
            `baton:widget:${env.ws.slug}`,
          );
          await accept(id);
          await widget.getByRole('button', { name: 'You are talking with a person' }).waitFor();
          await expect.poll(() => line.isHidden()).toBe(true);
        } else {
          // Leave the next run a queue of one ahead again.
          const id = await page.evaluate(
            (key) => (JSON.parse(localStorage.getItem(key) ?? 'null') as { id: string }).id,
            `baton:widget:${env.ws.slug}`,
          );
          await accept(id);
        }
        expect(errors).toEqual([]);
        await ctx.close();
        if (width === 1280) await queuedOverApiAhead();
      }
    } finally {
      await site.close();
    }

    async function queuedOverApiAhead(): Promise<void> {
      await queuedOverApi();
    }
  });
});
