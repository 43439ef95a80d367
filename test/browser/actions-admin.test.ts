import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { seedWorkspace, startTestBaton, type SeededWorkspace } from '../support/baton.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';
import { startRetailApi, type RunningRetailApi } from '../../src/demo/retail-api/server.ts';
import { ensureBuilt } from './build.ts';
import { agentLogin, launchBrowser, SHOTS, PAGE_WAIT_MS } from './browser.ts';

// The Actions and Playbooks admin pages in a real browser against a real server and the retail
// stand-in on loopback: tools imported from its OpenAPI document (a bad document refused in
// words first), a read tool tried and its result shown, a write tool held back until the admin
// ticks the warning, and a playbook saved after its validation error is shown on its line.
describe('actions and playbooks admin in the browser', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let retail: RunningRetailApi;
  let ws: SeededWorkspace;
  let browser: Browser;
  const SECRET = 'sk_test_never-shown-again';

  beforeAll(async () => {
    const built = ensureBuilt();
    tdb = await openTestDatabase();
    [baton, retail, ws] = await Promise.all([startTestBaton(tdb.database), startRetailApi(), seedWorkspace(tdb.database.db, 'shop')]);
    [browser] = await Promise.all([launchBrowser(), built]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await retail?.close();
    await baton?.stop();
    await tdb?.dispose();
  });

  // Each state at both widths, whole page; and no horizontal scrolling at either, nor at 375 px.
  async function shots(page: Page, name: string): Promise<void> {
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      // The layout after the resize is painted before the picture is taken.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
    }
    // And on a phone, no sideways scrolling either.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: join(SHOTS, `${name}-375.png`), fullPage: true });
    const narrow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(narrow, `${name} at 375 px scrolls sideways`).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('imports tools, tests a read tool, and saves a playbook after fixing its error', { timeout: 120_000 }, async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    ctx.setDefaultTimeout(PAGE_WAIT_MS);
    const page = await ctx.newPage();
    await agentLogin(page, baton.url, ws.admin.email, ws.admin.password);
    const nav = page.getByRole('navigation', { name: 'Admin' });
    await page.getByRole('link', { name: 'Admin' }).click();
    await nav.getByRole('link', { name: 'Actions' }).click();
    await page.getByText('No tools yet.').waitFor();
    await shots(page, 'actions-empty');

    // The API: a loopback address, so private addresses must be allowed; then the secret, never shown back.
    await page.getByLabel('API base URL').fill(retail.url);
    await page.getByRole('checkbox', { name: /Allow private and loopback addresses/ }).check();
    await page.getByRole('button', { name: 'Save API settings' }).click();
    await page.getByText('API settings saved.').waitFor();
    await page.getByLabel('API secret', { exact: true }).fill(SECRET);
    await page.getByRole('button', { name: 'Set secret' }).click();
    await page.getByText('A secret is set').waitFor();
    expect(await page.getByLabel('New secret', { exact: true }).inputValue()).toBe('');
    expect(await page.content()).not.toContain(SECRET);

    // Import: a Swagger 2 document is refused in words; the retail document lists its operations.
    await page.getByRole('button', { name: 'Import from OpenAPI' }).first().click();
    const docField = page.getByLabel('OpenAPI document (JSON or YAML)');
    await docField.fill('{"swagger": "2.0", "paths": {}}');
    await page.getByRole('button', { name: 'Show operations' }).click();
    await page.getByRole('alert').filter({ hasText: 'Swagger 2.0 documents are not supported' }).waitFor();
    await page.getByText('convert the document to OpenAPI 3 first').waitFor();
    await shots(page, 'actions-import-error');

    const openapi = await (await fetch(`${retail.url}/openapi.json`)).text();
    await docField.fill(openapi);
    await page.getByRole('button', { name: 'Show operations' }).click();
    const ops = page.getByRole('group', { name: /Operations \(\d+\)/ });
    await ops.waitFor();
    const total = await ops.getByRole('checkbox').count();
    expect(total).toBeGreaterThan(5);
    await ops.getByRole('checkbox', { name: 'modify_pending_order_payment' }).uncheck();
    await shots(page, 'actions-import-preview');
    await page.getByRole('button', { name: `Import ${total - 1} tools` }).click();
    await page.getByText(`Tools imported: ${total - 1} added.`).waitFor();

    // The list: kinds as badges, the unpicked operation absent.
    const card = (name: string) => page.locator('.tool-card', { has: page.getByRole('heading', { name: new RegExp(`^${name}`) }) });
    await card('get_order_details').waitFor();
    expect(await card('get_order_details').locator('.badge').textContent()).toBe('read');
    expect(await card('cancel_pending_order').locator('.badge').textContent()).toBe('write');
    expect(await page.locator('.tool-card', { hasText: 'modify_pending_order_payment' }).count()).toBe(0);
    await card('get_order_details').getByRole('button', { name: 'Details get_order_details' }).click();
    await page.getByRole('table', { name: 'Input of get_order_details' }).getByRole('cell', { name: 'order_id' }).waitFor();
    await shots(page, 'actions-tools');

    // A read tool tried: status, duration and the result.
    await card('get_order_details').getByRole('button', { name: 'Test get_order_details' }).click();
    const test = page.getByRole('form', { name: 'Test get_order_details' });
    await test.getByLabel(/order_id \(required\)/).fill('#W5866402');
    await test.getByRole('button', { name: 'Run get_order_details' }).click();
    const result = test.getByRole('status', { name: 'Test result' });
    await result.waitFor();
    expect(await result.textContent()).toMatch(/Succeeded.*HTTP 200.*ms/);
    expect(await result.locator('pre').textContent()).toContain('"#W5866402"');
    await shots(page, 'actions-test-result');

    // A write tool: its run button waits for the explicit tick.
    await card('cancel_pending_order').getByRole('button', { name: 'Test cancel_pending_order' }).click();
    const write = page.getByRole('form', { name: 'Test cancel_pending_order' });
    const run = write.getByRole('button', { name: 'Run cancel_pending_order' });
    expect(await run.isDisabled()).toBe(true);
    await write.getByRole('checkbox', { name: 'I understand this changes real data' }).check();
    expect(await run.isDisabled()).toBe(false);
    await shots(page, 'actions-test-write');

    // Playbooks: one naming a tool that does not exist is refused, the problem on its line; fixed, it saves.
    await nav.getByRole('link', { name: 'Playbooks' }).click();
    await page.getByText('No playbooks yet').waitFor();
    await shots(page, 'playbooks-empty');
    await page.getByRole('button', { name: 'Add playbook' }).click();
    const form = page.getByRole('form', { name: 'New playbook' });
    const playbook = {
      id: 'order-status',
      title: 'Where is my order',
      trigger: { articles: ['order-status'] },
      identity: 'none',
      slots: [{ name: 'order_id', ask: 'Which order?', recognise: [{ type: 'pattern', pattern: '#?W\\d{7}' }] }],
      steps: [
        { do: 'ask', slot: 'order_id' },
        { do: 'call', tool: 'get_order', args: { order_id: '{order_id}' }, as: 'order' },
        { do: 'reply', text: 'Your order is {order.status}.' },
      ],
    };
    const json = JSON.stringify(playbook, null, 2);
    const editor = form.getByLabel('New playbook (JSON)');
    // Not JSON at all: said so with the line, before anything is sent.
    await editor.fill(json.replace('"title"', 'title'));
    await form.getByRole('button', { name: 'Save playbook' }).click();
    await form.getByText(/This is not valid JSON \(line 3\)/).waitFor();
    await editor.fill(json);
    await form.getByRole('button', { name: 'Save playbook' }).click();
    const problem = form.getByRole('list', { name: 'Problems' }).getByRole('listitem');
    await problem.first().waitFor();
    const toolLine = json.split('\n').findIndex((l) => l.includes('"tool": "get_order"')) + 1;
    expect(await problem.first().textContent()).toContain(`Line ${toolLine}`);
    expect(await problem.first().textContent()).toContain('no tool is named "get_order"');
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    // "Line n" selects that line in the editor.
    await problem
      .first()
      .getByRole('button', { name: `Line ${toolLine}` })
      .click();
    expect(await editor.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))).toContain('"get_order"');
    await shots(page, 'playbooks-editor-error');

    await editor.fill(json.replace('"get_order"', '"get_order_details"'));
    await form.getByRole('button', { name: 'Save playbook' }).click();
    await page.getByText('Playbook order-status saved.').waitFor();
    const saved = page.locator('.playbook-card', { hasText: 'Where is my order' });
    expect(await saved.textContent()).toContain('Call get_order_details (order_id) → order');
    await shots(page, 'playbooks-list');

    // Identity: a method whose tool cannot verify is refused at its line; removed, nothing is stored.
    await page.getByRole('button', { name: 'Set up identity' }).click();
    const identity = page.getByRole('form', { name: 'Edit identity' });
    await identity.getByLabel('Identity (JSON)').fill(
      JSON.stringify(
        {
          ask: 'What is the e-mail address on your account?',
          methods: [{ tool: 'get_product_details', slots: ['email'], args: { product_id: '{email}' } }],
          slots: [{ name: 'email', ask: 'Your e-mail?', recognise: [{ type: 'entity', entity: 'email' }] }],
        },
        null,
        2,
      ),
    );
    await identity.getByRole('button', { name: 'Save identity' }).click();
    await identity.getByText('tool "get_product_details" does not declare "verifies"', { exact: false }).waitFor();
    await shots(page, 'playbooks-identity-error');
    await identity.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Not set up: playbooks that need a verified customer hand off instead.').waitFor();

    // Stored as saved: the API holds the playbook and the imported tools.
    const stored = await page.evaluate(async () => (await fetch('/api/v1/admin/actions')).json());
    expect(stored.hasSecret).toBe(true);
    expect(stored.config.playbooks.map((p: { id: string }) => p.id)).toEqual(['order-status']);
    expect(stored.config.tools).toHaveLength(total - 1);
    await ctx.close();
  });
});
