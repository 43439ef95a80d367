import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, login, seedWorkspace, TEST_VAULT_KEY, type SeededWorkspace } from '../support/baton.ts';
import { scriptedEngineFactory } from '../support/scripted-engine.ts';
import { loadEnv } from '../../src/config/env.ts';
import { startBaton, type RunningBaton } from '../../src/app/runtime.ts';

// Hardening (issue 17): the CSRF exemption, slow request bodies, database errors in logs.
describe('hardening', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  const logLines: string[] = [];

  beforeAll(async () => {
    tdb = await openTestDatabase();
    const env = loadEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', REQUEST_TIMEOUT_MS: '1000', BATON_VAULT_KEY: TEST_VAULT_KEY });
    const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
    baton = await startBaton({ env, engineFactory: scriptedEngineFactory, database: tdb.database, log: pino({ level: 'debug' }, sink) });
    ws = await seedWorkspace(tdb.database.db);
  });
  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
  });

  it('checks CSRF when an Authorization header is present but the cookie authenticates', async () => {
    const token = await login(baton.url, ws.agent.email, ws.agent.password);
    const put = (headers: Record<string, string>) =>
      fetch(`${baton.url}/api/v1/me/status`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', cookie: `baton_session=${token}`, ...headers },
        body: JSON.stringify({ status: 'online' }),
      });
    expect((await put({ authorization: 'Basic Zm9vOmJhcg==', origin: 'https://evil.example' })).status).toBe(403);
    expect((await put({ authorization: 'Basic Zm9vOmJhcg==', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // The header that does authenticate still needs no check.
    expect((await put({ authorization: `Bearer ${token}`, origin: 'https://evil.example' })).status).toBe(200);
  });

  it('answers a request whose body trickles in with 408 after REQUEST_TIMEOUT_MS', async () => {
    const { port } = new URL(baton.url);
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /api/v1/widget/conversations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"workspace":`,
        );
      });
      let received = '';
      const drip = setInterval(() => socket.write(' '), 200);
      socket.on('data', (d) => (received += String(d)));
      socket.on('close', () => (clearInterval(drip), resolve(received)));
      setTimeout(() => socket.destroy(), 10_000);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('logs database errors without the values they carry', async () => {
    const email = 'anna.secret@example.org';
    const log = baton.app.log;
    for (const query of [sql`select ${`{"email": "${email}", oops`}::jsonb`, sql`select ${email}::uuid`]) {
      const err = await query.execute(tdb.database.db).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
      log.error({ err }, 'unhandled error');
    }
    const logs = logLines.join('');
    expect(logs).toContain('unhandled error');
    expect(logs).not.toContain(email);
  });

  it('accepts only http(s) links on knowledge articles', async () => {
    const api = apiClient(baton.url);
    const upload = (url: string) =>
      api('POST', '/api/v1/admin/knowledge', {
        token: ws.adminKey,
        body: { articles: [{ id: 'x1', title: 'Refunds', body: 'We refund within 14 days.', url }] },
      });
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'JAVASCRIPT:alert(1)']) {
      const res = await upload(url);
      expect([url, res.status, res.body.error?.code]).toEqual([url, 400, 'invalid_request']);
    }
    expect((await upload('https://help.example.com/refunds')).status).toBe(200);
  });

  it('keeps the reason for a reveal in the audit log, and can require one', async () => {
    const api = apiClient(baton.url);
    const started = await api('POST', '/api/v1/widget/conversations', {
      body: { workspace: ws.slug, message: 'write to anna@example.org' },
    });
    const id = started.body.conversation.id;
    const agent = await login(baton.url, ws.agent.email, ws.agent.password);
    const reveal = (body?: unknown) => api('POST', `/api/v1/conversations/${id}/reveal`, { token: agent, body });
    expect((await reveal({ reason: 'customer asked to change their e-mail' })).status).toBe(200);
    const { rows } = await sql<{
      data: { reason?: string };
    }>`select data from events where conversation_id = ${id} and type = 'pii.revealed'`.execute(tdb.database.db);
    expect(rows.map((r) => r.data.reason)).toEqual(['customer asked to change their e-mail']);

    expect((await api('PUT', '/api/v1/admin/policy', { token: ws.adminKey, body: { revealRequiresReason: true } })).status).toBe(200);
    const without = await reveal();
    expect([without.status, without.body.error.code]).toEqual([400, 'invalid_request']);
    expect((await reveal({ reason: 'refund to the card on file' })).status).toBe(200);
  });
});
