import { describe, expect, it } from 'vitest';
import { agentLogin, shot, PAGE_WAIT_MS } from './browser.ts';
import { useBrowserBaton } from './setup.ts';

// An admin who has the workspace open is online, on every screen of it: the Agents page must
// not show them offline because they left the inbox to look at it.
describe('presence in the workspace', () => {
  const env = useBrowserBaton();

  const statusOf = async (agentId: string) =>
    (await env.tdb.database.db.selectFrom('agents').select('status').where('id', '=', agentId).executeTakeFirstOrThrow()).status;

  it('shows the logged-in admin online on the Agents page, and keeps them online there', { timeout: 60_000 }, async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    ctx.setDefaultTimeout(PAGE_WAIT_MS);
    const page = await ctx.newPage();
    await agentLogin(page, env.baton.url, env.ws.admin.email, env.ws.admin.password);
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'Agents', exact: true }).click();
    const row = page.getByRole('row', { name: new RegExp(env.ws.admin.email) });
    await expect.poll(() => row.textContent()).toMatch(/online/);
    // Still online on this page after the inbox is long gone: the socket belongs to the workspace.
    await expect.poll(() => statusOf(env.ws.admin.id)).toBe('online');
    await page.waitForTimeout(1500);
    expect(await statusOf(env.ws.admin.id)).toBe('online');
    await page.reload();
    await expect.poll(() => row.textContent()).toMatch(/online/);
    await shot(page, 'admin-agents-presence');
    await ctx.close();
  });
});
