import { createServer, type Server } from 'node:http';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../support/paths.ts';

export const SHOTS = join(ROOT, 'test-results', 'browser');
/**
 * How long a page step may wait (playwright's default timeout): generous, since CI runs the suites
 * on a 2-core machine beside Postgres and other test files, where a page took more than 10 s.
 */
export const PAGE_WAIT_MS = 30_000;

export async function launchBrowser(): Promise<Browser> {
  await mkdir(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });

const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * A customer's website on its own origin (another loopback port), embedding the widget with
 * the one script tag, so the widget talks to Baton cross-origin as it would in production.
 * `csp` is the Content-Security-Policy the site sends with its page; `script` pins another
 * script URL (the widget's pinned build) with its Subresource Integrity value.
 */
export async function startHostSite(
  batonUrl: string,
  data: Record<string, string>,
  opts: { csp?: string; script?: { src: string; integrity: string } } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const attrs = Object.entries(data)
    .map(([k, v]) => ` data-${k}="${attr(v)}"`)
    .join('');
  const tag = opts.script
    ? `<script src="${attr(opts.script.src)}" integrity="${attr(opts.script.integrity)}" crossorigin="anonymous"${attrs} async></script>`
    : `<script src="${batonUrl}/widget.js"${attrs} async></script>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shop</title><style>button{background:hotpink!important;font-size:40px!important}*{font-family:serif!important}</style></head>
<body><h1>A shop</h1><p>Host page content.</p>
${tag}</body></html>`;
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...(opts.csp ? { 'content-security-policy': opts.csp } : {}) });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Logs an agent into the workspace app and waits for the live socket. */
export async function agentLogin(page: Page, batonUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${batonUrl}/app/`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText('Live', { exact: true }).waitFor();
}
