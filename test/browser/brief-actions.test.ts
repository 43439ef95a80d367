import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadEnv } from '../../src/config/env.ts';
import { startBaton, type RunningBaton } from '../../src/app/runtime.ts';
import { identityHash } from '../../src/auth/secrets.ts';
import { buildRetailApi, type RetailApi } from '../../src/demo/retail-api/server.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, seedWorkspace, TEST_VAULT_KEY, type SeededWorkspace } from '../support/baton.ts';
import { scriptedEngineFactory } from '../support/scripted-engine.ts';
import { ROOT } from '../support/paths.ts';
import { ensureBuilt } from './build.ts';
import { agentLogin, launchBrowser, shot, PAGE_WAIT_MS } from './browser.ts';

// The brief's "What the bot looked up and did" in the agent workspace, in a real browser: each
// call with its status, and an agent's re-run of a read, against the retail stand-in.
describe('the brief shows what the bot looked up and did', () => {
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
    const user = 'olivia_ito_3591';
    const started = await api('POST', '/api/v1/widget/conversations', {
      body: { workspace: ws.slug, customer: { user_id: user, user_hash: identityHash(ws.secret, user), name: 'Olivia' } },
    });
    conversationId = started.body.conversation.id;
    const token = started.body.token;
    await api('POST', `/api/v1/widget/conversations/${conversationId}/messages`, { token, body: { text: 'Where is my order #W5442520?' } });
    await api('POST', `/api/v1/widget/conversations/${conversationId}/handoff`, { token });
    [browser] = await Promise.all([launchBrowser(), built]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await retail?.app.close();
    await baton?.stop();
    await tdb?.dispose();
  });

  it('lists each call with its status, and re-runs a read', async () => {
    for (const width of [1280, 1440]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      page.setDefaultTimeout(PAGE_WAIT_MS);
      await agentLogin(page, baton.url, ws.agent.email, ws.agent.password);
      await page.goto(`${baton.url}/app/c/${conversationId}`);
      const section = page.locator('.brief-actions');
      await section.getByRole('heading', { name: 'What the bot looked up and did' }).waitFor();
      await section.getByText('Verified by the host page (signed widget identity).').waitFor();
      const line = section.locator('li', { hasText: 'Looked up order #W5442520: pending, 3 items, $663.85' });
      await line.getByText('OK 200').waitFor();
      // The bot's words name the products, never as redacted persons.
      await page.locator('.attempts').getByText('Order #W5442520 is pending: Gaming Mouse, Patio Umbrella and Hiking Boots').waitFor();
      await line.scrollIntoViewIfNeeded();
      await shot(page, `brief-actions-${width}`);
      if (width === 1280) {
        await line.getByRole('button', { name: 'Re-run get_order_details' }).click();
        await line.locator('.tool-rerun').getByText('OK 200').waitFor();
        expect(await line.locator('.tool-result').textContent()).toContain('"status": "pending"');
      }
      await page.close();
    }
  });
});
