import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, seedWorkspace, TEST_VAULT_KEY, type SeededWorkspace } from '../support/baton.ts';
import { scriptedEngineFactory } from '../support/scripted-engine.ts';
import { loadEnv } from '../../src/config/env.ts';
import { startBaton, type RunningBaton } from '../../src/app/runtime.ts';

// Rate limits must count the right thing: a conversation however its token is written, a
// login per address and e-mail (one attacker must not lock every agent out), and behind a
// proxy (TRUST_PROXY) the client's address rather than the proxy's.
describe('rate limits', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  beforeAll(async () => {
    tdb = await openTestDatabase();
    const env = loadEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      BATON_VAULT_KEY: TEST_VAULT_KEY,
      RATE_LIMIT_CUSTOMER_PER_MINUTE: '3',
      RATE_LIMIT_LOGIN_PER_MINUTE: '2',
      RATE_LIMIT_START_PER_MINUTE: '2',
      TRUST_PROXY: '1',
    });
    baton = await startBaton({ env, engineFactory: scriptedEngineFactory, database: tdb.database, log: pino({ level: 'silent' }) });
    ws = await seedWorkspace(tdb.database.db);
  });
  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
  });

  const from = (address: string) => ({ 'x-forwarded-for': address });

  it('limits a conversation however its token is sent, and starting conversations per client behind the proxy', async () => {
    const api = apiClient(baton.url);
    const start = (address: string) =>
      api('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug }, headers: from(address) });
    const first = await start('203.0.113.5');
    expect(first.status).toBe(201);
    expect((await start('203.0.113.5')).status).toBe(201);
    expect((await start('203.0.113.5')).status).toBe(429);
    // Another client behind the same proxy has its own budget.
    expect((await start('203.0.113.6')).status).toBe(201);

    const { token, conversation } = first.body;
    const path = `/api/v1/widget/conversations/${conversation.id}`;
    const ways: Record<string, string>[] = [
      { authorization: `Bearer ${token}` },
      { authorization: `Bearer  ${token}  ` },
      { 'x-conversation-token': token },
      { authorization: `Bearer ${token}` },
    ];
    const statuses = [];
    for (const headers of ways) statuses.push((await api('GET', path, { headers })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('counts bad logins per address and e-mail: a locked-out account does not lock out the others', async () => {
    const api = apiClient(baton.url);
    const login = (email: string, password: string, address = '198.51.100.7') =>
      api('POST', '/api/v1/auth/login', { body: { email, password }, headers: from(address) });
    for (let i = 0; i < 2; i++) expect((await login(ws.admin.email, 'wrong password')).status).toBe(401);
    expect((await login(ws.admin.email, 'wrong password')).status).toBe(429);
    expect((await login(` ${ws.admin.email.toUpperCase()}`, 'wrong password')).status).toBe(429);
    // The same address, another agent: not locked out.
    expect((await login(ws.agent.email, ws.agent.password)).status).toBe(200);
    // One address trying many e-mails meets the per-address ceiling (five times the limit).
    const sprayed = [];
    for (let i = 0; i < 11; i++) sprayed.push((await login(`nobody${i}@example.test`, 'x', '198.51.100.8')).status);
    expect(sprayed).toEqual([...Array(10).fill(401), 429]);
  });

  it('refuses a TRUST_PROXY that is neither a hop count nor addresses', () => {
    expect(() => loadEnv({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
    expect(loadEnv({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(loadEnv({}).TRUST_PROXY).toBe(false);
  });
});
