import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, login, seedWorkspace, TestSocket, TEST_VAULT_KEY, wsUrl, type SeededWorkspace } from '../support/baton.ts';
import { loadEnv } from '../../src/config/env.ts';
import { startBaton, type RunningBaton } from '../../src/app/runtime.ts';
import { scriptedEngineFactory } from '../support/scripted-engine.ts';

// Presence follows real sockets: an agent with the workspace open is online on any node, goes
// offline a short grace period after their last socket closes, and a server restart neither
// leaves ghosts online nor drops the agents whose sockets come back.
describe('agent presence', () => {
  let tdb: TestDatabase;
  let ws: SeededWorkspace;
  const logs: { level: number; msg: string }[] = [];
  const GRACE_MS = 400;

  async function start(): Promise<RunningBaton> {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line));
        done();
      },
    });
    const env = loadEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      BATON_VAULT_KEY: TEST_VAULT_KEY,
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
      PRESENCE_GRACE_MS: String(GRACE_MS),
      PRESENCE_STALE_MS: '1500',
    });
    return startBaton({ env, engineFactory: scriptedEngineFactory, database: tdb.database, log: pino({ level: 'info' }, sink) });
  }

  const statusOf = async (agentId: string) =>
    (await tdb.database.db.selectFrom('agents').select('status').where('id', '=', agentId).executeTakeFirstOrThrow()).status;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    tdb = await openTestDatabase();
    ws = await seedWorkspace(tdb.database.db);
  }, 60_000);

  afterAll(async () => {
    await tdb?.dispose();
  });

  it('is online with a socket open, stays online through a reload, goes offline after the last socket closes', async () => {
    const baton = await start();
    try {
      const token = await login(baton.url, ws.agent.email, ws.agent.password);
      expect(await statusOf(ws.agent.id)).toBe('offline');
      const url = wsUrl(baton.url, '/api/v1/ws', token);
      const first = await TestSocket.open(url);
      const second = await TestSocket.open(url);
      await expect.poll(() => statusOf(ws.agent.id)).toBe('online');
      // The agents list says so too.
      const listed = await apiClient(baton.url)('GET', '/api/v1/agents', { token });
      expect(listed.body.agents.find((a: { id: string }) => a.id === ws.agent.id).status).toBe('online');

      // One of two tabs closed: still online, well past the grace period.
      first.close();
      await sleep(GRACE_MS * 3);
      expect(await statusOf(ws.agent.id)).toBe('online');

      // A reload: the socket closes and a new one opens within the grace period.
      second.close();
      const third = await TestSocket.open(url);
      await sleep(GRACE_MS * 3);
      expect(await statusOf(ws.agent.id)).toBe('online');

      // The workspace closed: offline once the grace period is over.
      third.close();
      await expect.poll(() => statusOf(ws.agent.id), { timeout: 5000 }).toBe('offline');

      // An agent who chose "away" is not made online by opening the workspace.
      expect((await apiClient(baton.url)('PUT', '/api/v1/me/status', { token, body: { status: 'away' } })).status).toBe(200);
      const away = await TestSocket.open(url);
      await sleep(GRACE_MS);
      expect(await statusOf(ws.agent.id)).toBe('away');
      away.close();
      await expect.poll(() => statusOf(ws.agent.id), { timeout: 5000 }).toBe('offline');
    } finally {
      await baton.stop();
    }
  });

  it('survives a restart: rebuilt from the sockets that reconnect, the others expire', async () => {
    const a = await start();
    const adminToken = await login(a.url, ws.admin.email, ws.admin.password);
    const agentToken = await login(a.url, ws.agent.email, ws.agent.password);
    const adminSocket = await TestSocket.open(wsUrl(a.url, '/api/v1/ws', adminToken));
    const agentSocket = await TestSocket.open(wsUrl(a.url, '/api/v1/ws', agentToken));
    await expect.poll(() => Promise.all([statusOf(ws.admin.id), statusOf(ws.agent.id)])).toEqual(['online', 'online']);

    const before = logs.length;
    await a.stop();
    // Stopping writes nothing (the database may be going away too) and logs no failure.
    expect(await statusOf(ws.admin.id)).toBe('online');
    expect(logs.slice(before).filter((l) => l.level >= 40)).toEqual([]);
    adminSocket.close();
    agentSocket.close();

    const b = await start();
    try {
      // The admin's workspace reconnects to the new process; the agent's never does.
      const back = await TestSocket.open(wsUrl(b.url, '/api/v1/ws', adminToken));
      await expect.poll(() => statusOf(ws.agent.id), { timeout: 10_000 }).toBe('offline');
      expect(await statusOf(ws.admin.id)).toBe('online');
      back.close();
      await expect.poll(() => statusOf(ws.admin.id), { timeout: 5000 }).toBe('offline');
    } finally {
      await b.stop();
    }
  });
});
