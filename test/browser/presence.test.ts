import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { seedWorkspace, startTestBaton, type SeededWorkspace } from '../support/baton.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';
import { ensureBuilt } from './build.ts';
import { agentLogin, launchBrowser, shot } from './browser.ts';

// An admin who has the workspace open is online, on every screen of it: the Agents page must
// not show them offline because they left the inbox to look at it.
describe('presence in the workspace', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  let browser: Browser;

  beforeAll(async () => {
    const built = ensureBuilt();
    tdb = await openTestDatabase();
    baton = await startTestBaton(tdb.database);
    ws = await seedWorkspace(tdb.database.db);
    [browser] = await Promise.all([launchBrowser(), built]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.stop();
    await tdb?.dispose();
  });

  const statusOf = async (agentId: string) =>
    (await tdb.database.db.selectFrom('agents').select('status').where('id', '=', agentId).executeTakeFirstOrThrow()).status;

  it('shows the logged-in admin online on the Agents page, and keeps them online there', { timeout: 60_000 }, async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    ctx.setDefaultTimeout(10_000);
    const page = await ctx.newPage();
    await agentLogin(page, baton.url, ws.admin.email, ws.admin.password);
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'Agents', exact: true }).click();
    const row = page.getByRole('row', { name: new RegExp(ws.admin.email) });
    await expect.poll(() => row.textContent()).toMatch(/online/);
    // Still online on this page after the inbox is long gone: the socket belongs to the workspace.
    await expect.poll(() => statusOf(ws.admin.id)).toBe('online');
    await page.waitForTimeout(1500);
    expect(await statusOf(ws.admin.id)).toBe('online');
    await page.reload();
    await expect.poll(() => row.textContent()).toMatch(/online/);
    await shot(page, 'admin-agents-presence');
    await ctx.close();
  });
});
