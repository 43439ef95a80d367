import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import WebSocket from 'ws';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, login, seedWorkspace, TestSocket, wsUrl, testEnv, type SeededWorkspace } from '../support/baton.ts';
import { scriptedEngineFactory } from '../support/scripted-engine.ts';
import { startBaton, type RunningBaton } from '../../src/app/runtime.ts';
import { buildApp } from '../../src/server/app.ts';
import { accessTable, CALLERS, expectedDenial, type Caller } from '../../src/server/plugins/security.ts';
import { ERROR_CATALOGUE } from '../../src/errors.ts';
import { ROOT } from '../support/paths.ts';

const PLANTED = {
  email: 'zelda.quist@example.org',
  phone: '+44 20 7946 0958',
  card: '4111 1111 1111 1111',
  name: 'Zelda Quist',
  words: 'lighthouse marmalade',
};

/** Like apiClient, but any answer (JSON or a page) is fine. */
async function callAt(base: string, method: string, path: string, token: string | undefined, body: string | undefined) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let parsed: any = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, body: parsed };
}

/**
 * Roles and API-key scopes against every route in the OpenAPI document, the security
 * headers, CSRF protection of cookie sessions, and logs free of secrets and message text.
 * One server, logging at debug level into memory for the whole file.
 */
describe('security', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  const logLines: string[] = [];
  const secrets: string[] = [];

  beforeAll(async () => {
    tdb = await openTestDatabase();
    const env = testEnv({ LOG_LEVEL: 'debug' });
    const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
    baton = await startBaton({ env, engineFactory: scriptedEngineFactory, database: tdb.database, log: pino({ level: 'debug' }, sink) });
    ws = await seedWorkspace(tdb.database.db);
    secrets.push(ws.admin.password, ws.apiKey, ws.readKey, ws.adminKey, ws.secret);
  });
  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
  });

  it('answers every documented route as its declared access says, for every kind of caller', { timeout: 300_000 }, async () => {
    const api = apiClient(baton.url);
    const spec = (await api('GET', '/api/v1/openapi.json')).body;
    const started = await api('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug, message: 'hello' } });
    const sessions = {
      viewer: await login(baton.url, ws.viewer.email, ws.viewer.password),
      agent: await login(baton.url, ws.agent.email, ws.agent.password),
      admin: await login(baton.url, ws.admin.email, ws.admin.password),
    };
    const tokens: Record<Caller, string | undefined> = {
      anonymous: undefined,
      customer: started.body.token,
      ...sessions,
      'key:read': ws.readKey,
      'key:write': ws.apiKey,
      'key:admin': ws.adminKey,
    };
    secrets.push(...Object.values(tokens).filter((t): t is string => !!t));

    const table = accessTable(baton.app);
    const routes = Object.entries(spec.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path })))
      // Ending a session is walked last, so it ends none the walk still needs.
      .sort((a, b) => Number(a.path === '/api/v1/auth/logout') - Number(b.path === '/api/v1/auth/logout'));
    expect(routes.length).toBeGreaterThan(40);

    const call = (method: string, path: string, token: string | undefined, body: string | undefined) =>
      callAt(baton.url, method, path, token, body);
    const mismatches: unknown[] = [];
    const tally: Record<string, number> = {};
    const narrower: string[] = [];
    for (const route of routes) {
      const declared = table.find(
        (r) => r.method === route.method && r.url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{*}') === route.path,
      );
      expect(declared, `${route.method} ${route.path} is a registered route`).toBeTruthy();
      // Pages outside the API (/app, /demo, /widget.js) are public; every API route declares its access.
      if (route.path.startsWith('/api/v1')) expect(declared!.access, `${route.method} ${route.path} declares its access`).toBeTruthy();
      const access = declared!.access ?? { kind: 'public' as const };
      // Path parameters that no route accepts and bodies no schema accepts: a caller the access
      // check lets through gets 400 from validation (or the route's own answer), never a change.
      const url = route.path.replace(/\{[^}]+\}/g, 'not-an-id');
      for (const caller of CALLERS) {
        const res = await call(route.method, url, tokens[caller], route.method === 'GET' || route.method === 'DELETE' ? undefined : '[]');
        const denial = expectedDenial(access, caller);
        tally[denial ?? 'through'] = (tally[denial ?? 'through'] ?? 0) + 1;
        const code = res.body?.error?.code;
        const message = res.body?.error?.message;
        if (denial !== null) {
          const want = denial === 401 ? 'unauthenticated' : denial === 403 ? 'forbidden' : 'not_found';
          if (res.status !== denial || code !== want) mismatches.push({ route, caller, access, expected: denial, got: res.status, code });
        } else if (
          res.status === 401 ||
          (res.status === 403 && message === ERROR_CATALOGUE.forbidden.message) ||
          (res.status === 404 && !route.path.includes('{'))
        ) {
          mismatches.push({ route, caller, access, expected: 'through', got: res.status, code });
        } else if (res.status === 403) {
          narrower.push(`${route.method} ${route.path} ${caller}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Each kind of answer was seen, many times over.
    for (const k of ['through', '401', '403', '404']) expect(tally[k]).toBeGreaterThan(20);
    // Routes that let a caller through the access check but then refuse on their own terms,
    // with their own message (e.g. a personal setting that only a logged-in agent has).
    for (const n of narrower) expect(n).toMatch(/^(GET \/api\/v1\/me|PUT \/api\/v1\/me\/status) key:/);
  });

  it('derives the expectation table from the declared access', () => {
    expect(expectedDenial({ kind: 'public' }, 'anonymous')).toBeNull();
    expect(CALLERS.map((c) => expectedDenial({ kind: 'staff', role: 'agent' }, c))).toEqual([401, 404, 403, null, null, 403, null, null]);
    expect(CALLERS.map((c) => expectedDenial({ kind: 'staff', role: 'admin' }, c))).toEqual([401, 404, 403, 403, null, 403, 403, null]);
    expect(CALLERS.map((c) => expectedDenial({ kind: 'customer' }, c))).toEqual([401, null, 404, 404, 404, 404, 404, 404]);
    // Every API route declares one (the server refuses to boot otherwise).
    expect(accessTable(baton.app).filter((r) => r.url.startsWith('/api/v1') && !r.access)).toEqual([]);
  });

  it('sends security headers: strict CSPs on pages, never framed, the widget loadable anywhere', async () => {
    const json = await fetch(`${baton.url}/api/v1/openapi.json`);
    expect(json.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(json.headers.get('x-frame-options')).toBe('DENY');
    expect(json.headers.get('x-content-type-options')).toBe('nosniff');
    expect(json.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(json.headers.get('referrer-policy')).toBe('no-referrer');
    expect(json.headers.get('strict-transport-security')).toBeNull(); // plain HTTP here

    const demo = await fetch(`${baton.url}/demo`);
    const demoCsp = demo.headers.get('content-security-policy')!;
    expect(demoCsp).toMatch(/script-src 'self' 'unsafe-hashes' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(demoCsp).not.toMatch(/script-src[^;]*'unsafe-inline'/);

    if (existsSync(join(ROOT, 'widget/dist/widget.js'))) {
      const widget = await fetch(`${baton.url}/widget.js`, { headers: { origin: 'https://shop.example' } });
      expect(widget.status).toBe(200);
      expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(widget.headers.get('access-control-allow-origin')).toBe('*');
    }
    if (existsSync(join(ROOT, 'web/dist/index.html'))) {
      const app = await fetch(`${baton.url}/app/`);
      const csp = app.headers.get('content-security-policy')!;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
      expect(app.headers.get('x-frame-options')).toBe('DENY');
    }
    const widgetApi = await fetch(`${baton.url}/api/v1/widget/conversations`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example' },
    });
    expect(widgetApi.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, and Secure with HSTS behind HTTPS', async () => {
    const res = await fetch(`${baton.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ws.agent.email, password: ws.agent.password }),
    });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/baton_session=bs_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(res.headers.get('cache-control')).toBe('no-store');
    secrets.push(((await res.json()) as { token: string }).token);

    const secure = await buildApp({ ...baton.ctx, env: { ...baton.ctx.env, COOKIE_SECURE: true } });
    try {
      const r = await secure.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: ws.agent.email, password: ws.agent.password },
      });
      expect(r.statusCode).toBe(200);
      expect(String(r.headers['set-cookie'])).toMatch(/; Secure/);
      expect(r.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      secrets.push(r.json().token);
    } finally {
      await secure.close();
    }
  });

  it('refuses cross-site unsafe requests and sockets that only the session cookie authenticates', async () => {
    const token = await login(baton.url, ws.agent.email, ws.agent.password);
    secrets.push(token);
    const cookie = `baton_session=${token}`;
    const put = (headers: Record<string, string>, status: string) =>
      fetch(`${baton.url}/api/v1/me/status`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ status }),
      });

    expect((await put({ cookie, 'sec-fetch-site': 'cross-site' }, 'online')).status).toBe(403);
    expect((await put({ cookie, origin: 'https://evil.example' }, 'online')).status).toBe(403);
    expect((await put({ cookie, 'sec-fetch-site': 'same-site' }, 'online')).status).toBe(403);
    const me = await apiClient(baton.url)('GET', '/api/v1/me', { token, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(me.body.agent.status).not.toBe('online'); // nothing changed; reads are fine cross-site with a bearer token
    expect((await put({ cookie, 'sec-fetch-site': 'same-origin' }, 'online')).status).toBe(200);
    expect((await put({ cookie, origin: baton.url }, 'away')).status).toBe(200);
    // A bearer token is never attached by the browser on its own: no check needed.
    expect((await put({ authorization: `Bearer ${token}`, origin: 'https://evil.example' }, 'online')).status).toBe(200);
    // Reading with the cookie from another site is harmless (the answer is not readable there).
    expect((await fetch(`${baton.url}/api/v1/me`, { headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(200);

    // WebSocket hijacking: an upgrade from another origin carrying the cookie is refused.
    const status = await new Promise<number>((resolve) => {
      const sock = new WebSocket(`${baton.url.replace('http', 'ws')}/api/v1/ws`, { headers: { cookie, origin: 'https://evil.example' } });
      sock.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      sock.on('open', () => (sock.close(), resolve(101)));
      sock.on('error', () => resolve(-1));
    });
    expect(status).toBe(403);
  });

  it('keeps message text, personal data, passwords and tokens out of the logs', async () => {
    const api = apiClient(baton.url);
    const start = await api('POST', '/api/v1/widget/conversations', {
      body: {
        workspace: ws.slug,
        customer: { name: PLANTED.name, email: PLANTED.email },
        message: `refunds? ${PLANTED.words}, call ${PLANTED.phone}`,
      },
    });
    const { token, conversation } = start.body;
    secrets.push(token);
    const socket = await TestSocket.open(wsUrl(baton.url, '/api/v1/widget/ws', token));
    await api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, {
      token,
      body: { text: `my card is ${PLANTED.card}, I want a person` },
    });
    const agent = await login(baton.url, ws.agent.email, ws.agent.password);
    secrets.push(agent);
    const agentSocket = await TestSocket.open(wsUrl(baton.url, '/api/v1/ws', agent));
    await api('POST', `/api/v1/conversations/${conversation.id}/accept`, { token: agent });
    await api('POST', `/api/v1/conversations/${conversation.id}/messages`, {
      token: agent,
      body: { text: `Hello ${PLANTED.name}, about ${PLANTED.words}` },
    });
    await api('POST', `/api/v1/conversations/${conversation.id}/reveal`, { token: agent });
    await api('POST', '/api/v1/auth/login', { body: { email: ws.viewer.email, password: 'wrong password 12345' } });
    await api('GET', '/api/v1/queues', { token: ws.readKey });
    socket.close();
    agentSocket.close();
    await new Promise((r) => setTimeout(r, 200));

    const logs = logLines.join('');
    expect(logLines.length).toBeGreaterThan(20); // requests were logged at all
    expect(logs).toContain('/api/v1/widget/ws?token=[redacted]');
    for (const value of [...Object.values(PLANTED), PLANTED.card.replaceAll(' ', ''), 'wrong password 12345', ...secrets]) {
      expect(logs.includes(value), `the logs hold ${value.slice(0, 6)}…`).toBe(false);
    }
  });
});
