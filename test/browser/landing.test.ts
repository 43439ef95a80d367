import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { agentLogin, shot, PAGE_WAIT_MS } from './browser.ts';
import { useBrowserBaton } from './setup.ts';

// First run: what `/` shows after "Baton is running", the icon every page of Baton carries,
// and mistyped addresses (the workspace says "not found"; the API answers JSON 404).
describe('the landing page, the icon and unknown addresses', () => {
  const env = useBrowserBaton();

  async function pageAt(width: number, opts: { bypassCSP?: boolean } = {}): Promise<{ page: Page; problems: string[] }> {
    const ctx = await env.browser.newContext({ viewport: { width, height: 900 }, locale: 'en-US', bypassCSP: opts.bypassCSP ?? false });
    ctx.setDefaultTimeout(PAGE_WAIT_MS);
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    return { page, problems };
  }

  it('serves a landing page at / that links to the workspace, the demo, the API and health', async () => {
    const res = await fetch(`${env.baton.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'; style-src 'sha256-/);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);

    for (const width of [1280, 1440]) {
      const { page, problems } = await pageAt(width);
      await page.goto(`${env.baton.url}/`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Baton');
      const links = await page.getByRole('link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
      expect(links).toEqual(['/app/', '/demo', '/api/v1/openapi.json', '/api/v1/health']);
      // The style block is allowed by its hash: were it refused, the cards would not be a grid.
      const columns = await page.locator('ul').evaluate((ul) => getComputedStyle(ul).gridTemplateColumns.split(' ').length);
      expect(columns).toBe(2);
      // The icon loaded (an <img> that failed has no natural width).
      expect(await page.locator('.brand img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      expect(scrolls).toBe(false);
      await shot(page, `landing-${width}`);
      expect(problems).toEqual([]);
      await page.context().close();
    }

    // Each link leads somewhere real.
    const { page } = await pageAt(1280);
    await page.goto(`${env.baton.url}/`);
    await page.getByRole('link', { name: /Health check/ }).click();
    expect(JSON.parse((await page.locator('body').textContent()) ?? '')).toMatchObject({ ok: true });
    await page.goto(`${env.baton.url}/`);
    await page.getByRole('link', { name: /API reference/ }).click();
    expect(JSON.parse((await page.locator('body').textContent()) ?? '')).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) });
    await page.goto(`${env.baton.url}/`);
    await page.getByRole('link', { name: /Agent workspace/ }).click();
    await page.getByLabel('E-mail').waitFor();
    await page.context().close();
  });

  it('has no serious or critical axe violations', async () => {
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    // Only the audit's own script needs the policy lifted; the page is the same.
    const { page } = await pageAt(1280, { bypassCSP: true });
    await page.goto(`${env.baton.url}/`);
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      return (await axe.run()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('serves one SVG icon at /favicon.svg and /favicon.ico, linked by the landing page, the demo and the workspace', async () => {
    for (const path of ['/favicon.svg', '/favicon.ico']) {
      const res = await fetch(env.baton.url + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml');
      expect(await res.text()).toMatch(/^<svg /);
    }
    const { page, problems } = await pageAt(1280);
    for (const path of ['/', '/demo', '/app/']) {
      await page.goto(env.baton.url + path);
      const icon = await page.locator('link[rel="icon"]').getAttribute('href');
      expect(icon, path).toBe('/favicon.svg');
      const res = await page.request.get(new URL(icon!, env.baton.url + path).toString());
      expect(res.status(), path).toBe(200);
    }
    expect(problems.filter((p) => /favicon/i.test(p))).toEqual([]);
    await page.context().close();
  });

  it('sends unknown workspace addresses to the app, which says "not found"; unknown API paths stay JSON 404', async () => {
    const api = await fetch(`${env.baton.url}/api/v1/no-such-thing`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });

    for (const path of ['/app/admin/no-such-page', '/app/typo', '/app/admin/agents/extra']) {
      const res = await fetch(env.baton.url + path);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toMatch(/<div id="root">/);
    }

    const { page } = await pageAt(1280);
    await agentLogin(page, env.baton.url, env.ws.admin.email, env.ws.admin.password);
    await page.goto(`${env.baton.url}/app/admin/knowlege`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await page.getByRole('heading', { name: /Knowledge/ }).count()).toBe(0);
    await page.getByRole('link', { name: 'Back to admin' }).click();
    await page.waitForURL(`${env.baton.url}/app/admin`);
    await page.goto(`${env.baton.url}/app/typo`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    // Known pages still open.
    await page.goto(`${env.baton.url}/app/admin/agents`);
    await page.getByRole('link', { name: 'Agents', exact: true }).waitFor();
    expect(await page.getByRole('heading', { name: 'Page not found' }).count()).toBe(0);
    await page.context().close();
  });
});
