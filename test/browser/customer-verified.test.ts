import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadEnv } from '../../src/config/env.ts';
import { startBaton, type RunningBaton } from '../../src/app/runtime.ts';
import { buildRetailApi, type RetailApi } from '../../src/demo/retail-api/server.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, seedWorkspace, TEST_VAULT_KEY, type SeededWorkspace } from '../support/baton.ts';
import { scriptedEngineFactory } from '../support/scripted-engine.ts';
import { ROOT } from '../support/paths.ts';
import { ensureBuilt } from './build.ts';
import { agentLogin, launchBrowser, shot, PAGE_WAIT_MS } from './browser.ts';

// The Customer panel of the agent workspace for a customer the bot verified in the conversation
// by e-mail (not by the host page): it says how, never with what.
describe('the Customer panel says the bot verified the customer', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  let retail: RetailApi;
  let browser: Browser;
  let conversationId: string;

  beforeAll(async () => {
    const built = ensureBuilt();
    tdb = await openTestDatabase();
    const env = loadEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', BATON_VAULT_KEY: TEST_VAULT_KEY });
    baton = await startBaton({ env, engineFactory: scriptedEngineFactory, database: tdb.database, log: pino({ level: 'silent' }) });
    ws = await seedWorkspace(tdb.database.db, 'shop');
    retail = await buildRetailApi();
    await retail.app.listen({ port: 0, host: '127.0.0.1' });
    const doc = JSON.parse(readFileSync(join(ROOT, 'bench/retail/workspace.json'), 'utf8'));
    delete doc.$comment;
    doc.apiBase = `http://127.0.0.1:${(retail.app.server.address() as AddressInfo).port}`;
    const api = apiClient(baton.url);
    expect(
      (await api('PUT', '/api/v1/admin/actions', { token: ws.adminKey, body: { config: doc, allowPrivateNetwork: true } })).status,
    ).toBe(200);
    const started = await api('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug } });
    conversationId = started.body.conversation.id;
    const token = started.body.token;
    const say = (text: string) => api('POST', `/api/v1/widget/conversations/${conversationId}/messages`, { token, body: { text } });
    await say('Where is my order #W5442520?');
    await say('olivia.ito5204@example.com');
    await api('POST', `/api/v1/widget/conversations/${conversationId}/handoff`, { token });
    [browser] = await Promise.all([launchBrowser(), built]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await retail?.app.close();
    await baton?.stop();
    await tdb?.dispose();
  });

  it('shows "verified by the bot via e-mail lookup", not "not verified", and no address; so does the brief', async () => {
    for (const width of [1280, 1440]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      page.setDefaultTimeout(PAGE_WAIT_MS);
      await agentLogin(page, baton.url, ws.agent.email, ws.agent.password);
      await page.goto(`${baton.url}/app/c/${conversationId}`);
      const panel = page.locator('section[aria-labelledby="customer-title"]');
      await panel.getByText('verified by the bot').waitFor();
      const text = (await panel.textContent()) ?? '';
      expect(text).toContain('verified by the botvia e-mail lookup');
      expect(text).not.toContain('not verified');
      expect(text).not.toContain('olivia.ito5204@example.com');
      const brief = page.locator('.brief');
      await brief.getByText('verified by the bot').waitFor();
      expect(await brief.textContent()).not.toMatch(/not verified|confirm their identity/);
      await panel.scrollIntoViewIfNeeded();
      await shot(page, `customer-verified-by-bot-${width}`);
      await page.close();
    }
  });
});
