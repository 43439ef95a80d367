import { connect } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, seedWorkspace, TEST_VAULT_KEY, wsUrl, type SeededWorkspace } from '../support/baton.ts';
import { scriptedEngineFactory } from '../support/scripted-engine.ts';
import { loadEnv } from '../../src/config/env.ts';
import { startBaton, type RunningBaton } from '../../src/app/runtime.ts';
import pino from 'pino';

// Idle and half-open connections do not pile up (issue 17): an idle keep-alive connection is
// closed, headers that never finish get 408, and a WebSocket whose peer stopped answering pings
// is closed, while a live one stays.
describe('idle connections', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  let port: number;

  beforeAll(async () => {
    tdb = await openTestDatabase();
    const env = loadEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      BATON_VAULT_KEY: TEST_VAULT_KEY,
      KEEP_ALIVE_TIMEOUT_MS: '1000',
      HEADERS_TIMEOUT_MS: '1000',
      REQUEST_TIMEOUT_MS: '30000',
      WS_PING_INTERVAL_MS: '200',
    });
    baton = await startBaton({ env, engineFactory: scriptedEngineFactory, database: tdb.database, log: pino({ level: 'silent' }) });
    ws = await seedWorkspace(tdb.database.db);
    port = Number(new URL(baton.url).port);
  }, 60_000);

  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
  });

  /** Writes `request` on a raw connection; resolves with what came back and whether the server closed it (within `guardMs`). */
  function rawExchange(request: string, guardMs: number): Promise<{ received: string; closedByServer: boolean }> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(request));
      let received = '';
      let guarded = false;
      socket.on('data', (d) => (received += String(d)));
      const guard = setTimeout(() => ((guarded = true), socket.destroy()), guardMs);
      socket.on('close', () => (clearTimeout(guard), resolve({ received, closedByServer: !guarded })));
    });
  }

  it('closes an idle keep-alive connection after KEEP_ALIVE_TIMEOUT_MS', async () => {
    const { received, closedByServer } = await rawExchange(
      'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n',
      10_000,
    );
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(received).toMatch(/keep-alive: timeout=1/i);
    expect(closedByServer).toBe(true);
  });

  it('answers headers that never finish with 408 after HEADERS_TIMEOUT_MS, well before REQUEST_TIMEOUT_MS', async () => {
    // The guard (8 s) is far below REQUEST_TIMEOUT_MS (30 s): only the headers timeout can close it.
    const { received, closedByServer } = await rawExchange('GET /api/v1/health HTTP/1.1\r\nHost: x\r\n', 8000);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(closedByServer).toBe(true);
  });

  it('closes a WebSocket whose peer stopped answering pings, and keeps one that answers', async () => {
    const started = await apiClient(baton.url)('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug } });
    const url = wsUrl(baton.url, '/api/v1/widget/ws', started.body.token);
    const open = (opts: WebSocket.ClientOptions) =>
      new Promise<WebSocket>((resolve, reject) => {
        const s = new WebSocket(url, opts);
        s.once('open', () => resolve(s));
        s.once('error', reject);
      });
    // A half-open peer: the connection is there, but nothing answers the server's pings.
    const dead = await open({ autoPong: false });
    const live = await open({});
    const closed = await new Promise<number>((resolve) => dead.once('close', (code) => resolve(code)));
    expect(closed).toBe(1006); // terminated, no closing handshake: the peer was not answering
    // The answering socket has lived through many more pings and is still open.
    let pings = 0;
    live.on('ping', () => pings++);
    await expect.poll(() => pings, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    expect(live.readyState).toBe(WebSocket.OPEN);
    live.close();
  });
});
