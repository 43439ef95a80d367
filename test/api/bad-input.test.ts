import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, login, seedWorkspace, signUser, startTestBaton, type SeededWorkspace } from '../support/baton.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';

// Bad input gets a clear 4xx with a catalogue code, and changes nothing.
describe('bad input', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  let conversationId: string;
  let customerToken: string;
  let agentToken: string;
  let api: ReturnType<typeof apiClient>;

  const counts = async () => {
    const { rows } = await sql<{ t: string; n: string }>`
      select 'messages' as t, count(*)::text as n from messages union all
      select 'events', count(*)::text from events union all
      select 'conversations', count(*)::text from conversations union all
      select 'customers', count(*)::text from customers union all
      select 'handoffs', count(*)::text from handoffs`.execute(tdb.database.db);
    return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
  };

  beforeAll(async () => {
    tdb = await openTestDatabase();
    baton = await startTestBaton(tdb.database);
    ws = await seedWorkspace(tdb.database.db);
    api = apiClient(baton.url);
    const started = await api('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug, message: 'shipping?' } });
    conversationId = started.body.conversation.id;
    customerToken = started.body.token;
    agentToken = await login(baton.url, ws.agent.email, ws.agent.password);
  });
  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
  });

  const cases: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
    [
      'malformed JSON',
      () => api('POST', `/api/v1/widget/conversations/${conversationId}/messages`, { token: customerToken, rawBody: '{"text": ' }),
      400,
      'invalid_json',
    ],
    [
      'wrong type',
      () => api('POST', `/api/v1/widget/conversations/${conversationId}/messages`, { token: customerToken, body: { text: 42 } }),
      400,
      'invalid_request',
    ],
    [
      'empty text',
      () => api('POST', `/api/v1/widget/conversations/${conversationId}/messages`, { token: customerToken, body: { text: '   ' } }),
      400,
      'invalid_request',
    ],
    ['missing field', () => api('POST', '/api/v1/widget/conversations', { body: {} }), 400, 'invalid_request'],
    [
      'oversize body',
      () =>
        api('POST', `/api/v1/widget/conversations/${conversationId}/messages`, {
          token: customerToken,
          body: { text: 'x'.repeat(200_000) },
        }),
      413,
      'payload_too_large',
    ],
    [
      'too long text',
      () =>
        api('POST', `/api/v1/widget/conversations/${conversationId}/messages`, {
          token: customerToken,
          body: { text: 'x'.repeat(10_001) },
        }),
      400,
      'invalid_request',
    ],
    [
      'not JSON at all',
      () =>
        api('POST', `/api/v1/widget/conversations/${conversationId}/messages`, {
          token: customerToken,
          rawBody: 'hello',
          headers: { 'content-type': 'text/plain' },
        }),
      415,
      'unsupported_media_type',
    ],
    ['unknown workspace', () => api('POST', '/api/v1/widget/conversations', { body: { workspace: 'nope' } }), 404, 'not_found'],
    [
      'unknown conversation',
      () => api('GET', '/api/v1/conversations/6f1b7c3e-8a7d-4c1e-9a55-0d9d7d1b2c3a', { token: agentToken }),
      404,
      'not_found',
    ],
    ['id that is not a uuid', () => api('GET', '/api/v1/conversations/123', { token: agentToken }), 400, 'invalid_request'],
    ['bad status filter', () => api('GET', '/api/v1/conversations?status=open', { token: agentToken }), 400, 'invalid_request'],
    ['bad cursor', () => api('GET', '/api/v1/conversations?cursor=zzz', { token: agentToken }), 400, 'invalid_request'],
    ['limit out of range', () => api('GET', '/api/v1/conversations?limit=5000', { token: agentToken }), 400, 'invalid_request'],
    ['no credentials', () => api('GET', '/api/v1/conversations'), 401, 'unauthenticated'],
    ['bad token', () => api('GET', '/api/v1/conversations', { token: 'bs_nope' }), 401, 'unauthenticated'],
    [
      'wrong password',
      () => api('POST', '/api/v1/auth/login', { body: { email: ws.agent.email, password: 'wrong' } }),
      401,
      'invalid_credentials',
    ],
    [
      'forged identity',
      () =>
        api('POST', '/api/v1/widget/conversations', {
          body: { workspace: ws.slug, customer: { user_id: 'u1', user_hash: signUser('not-the-secret', 'u1') } },
        }),
      401,
      'invalid_identity',
    ],
    [
      'hash without user id',
      () => api('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug, customer: { user_hash: 'a'.repeat(64) } } }),
      400,
      'invalid_request',
    ],
    [
      'reply before accepting',
      () => api('POST', `/api/v1/conversations/${conversationId}/messages`, { token: agentToken, body: { text: 'hi' } }),
      409,
      'illegal_transition',
    ],
    [
      'accept a bot conversation',
      () => api('POST', `/api/v1/conversations/${conversationId}/accept`, { token: agentToken }),
      409,
      'illegal_transition',
    ],
    [
      'return to bot from bot',
      () => api('POST', `/api/v1/conversations/${conversationId}/return-to-bot`, { token: agentToken }),
      409,
      'illegal_transition',
    ],
    [
      'rate before resolved',
      () => api('POST', `/api/v1/widget/conversations/${conversationId}/csat`, { token: customerToken, body: { score: 5 } }),
      409,
      'illegal_transition',
    ],
    [
      'rating out of range',
      () => api('POST', `/api/v1/widget/conversations/${conversationId}/csat`, { token: customerToken, body: { score: 9 } }),
      400,
      'invalid_request',
    ],
    [
      'assign to nobody',
      () => api('POST', `/api/v1/conversations/${conversationId}/assign`, { token: agentToken, body: {} }),
      400,
      'invalid_request',
    ],
    [
      'viewer replies',
      async () => {
        const viewer = await login(baton.url, ws.viewer.email, ws.viewer.password);
        return api('POST', `/api/v1/conversations/${conversationId}/messages`, { token: viewer, body: { text: 'hi', internal: true } });
      },
      403,
      'forbidden',
    ],
    ['read-only key writes', () => api('POST', `/api/v1/conversations/${conversationId}/resolve`, { token: ws.readKey }), 403, 'forbidden'],
    ['unknown route', () => api('GET', '/api/v1/nothing-here', { token: agentToken }), 404, 'not_found'],
    // Postgres stores neither NUL nor unpaired surrogates: one check of every incoming string.
    [
      'NUL in an anonymous start',
      () => api('POST', '/api/v1/widget/conversations', { body: { workspace: 'a\u0000b', message: 'hi' } }),
      400,
      'invalid_request',
    ],
    [
      'NUL in a message',
      () =>
        api('POST', `/api/v1/widget/conversations/${conversationId}/messages`, { token: customerToken, body: { text: 'hi \u0000 there' } }),
      400,
      'invalid_request',
    ],
    ['NUL in a query', () => api('GET', '/api/v1/privacy/customers?external_id=%00', { token: ws.adminKey }), 400, 'invalid_request'],
    [
      'lone surrogate in a message',
      () =>
        api('POST', `/api/v1/widget/conversations/${conversationId}/messages`, { token: customerToken, rawBody: '{"text": "hi \\ud800"}' }),
      400,
      'invalid_request',
    ],
    [
      'lone surrogate in a key',
      () => api('POST', '/api/v1/widget/conversations', { rawBody: '{"workspace": "acme", "customer": {"\\udc00": 1}}' }),
      400,
      'invalid_request',
    ],
    [
      'empty PATCH of a team',
      () => api('PATCH', `/api/v1/admin/teams/${ws.teamId}`, { token: ws.adminKey, body: {} }),
      400,
      'invalid_request',
    ],
    [
      'empty PATCH of an agent',
      () => api('PATCH', `/api/v1/admin/agents/${ws.agent.id}`, { token: ws.adminKey, body: {} }),
      400,
      'invalid_request',
    ],
    [
      'id cursor that is not a uuid',
      () =>
        api('GET', `/api/v1/admin/agents?cursor=${Buffer.from(JSON.stringify({ after: 'zzz' })).toString('base64url')}`, {
          token: ws.adminKey,
        }),
      400,
      'invalid_request',
    ],
    [
      'cursor with an id that is not a uuid',
      () =>
        api('GET', `/api/v1/conversations?cursor=${Buffer.from(JSON.stringify([new Date().toISOString(), 'zzz'])).toString('base64url')}`, {
          token: agentToken,
        }),
      400,
      'invalid_request',
    ],
    [
      'cursor with a date Postgres cannot hold',
      () =>
        api(
          'GET',
          `/api/v1/conversations?cursor=${Buffer.from(JSON.stringify(['+275760-09-13T00:00:00.000Z', conversationId])).toString('base64url')}`,
          { token: agentToken },
        ),
      400,
      'invalid_request',
    ],
  ];

  for (const [name, call, status, code] of cases) {
    it(`${name}: ${status} ${code}, nothing changed`, async () => {
      const before = await counts();
      const res = await call();
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toEqual(expect.any(String));
      expect(await counts()).toEqual(before);
    });
  }

  it('closed is final: the customer cannot write and staff cannot reopen', async () => {
    const started = await api('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug } });
    const id = started.body.conversation.id;
    expect((await api('POST', `/api/v1/conversations/${id}/close`, { token: agentToken })).status).toBe(200);
    const before = await counts();
    const write = await api('POST', `/api/v1/widget/conversations/${id}/messages`, { token: started.body.token, body: { text: 'hello?' } });
    expect([write.status, write.body.error.code]).toEqual([409, 'conversation_closed']);
    const resolve = await api('POST', `/api/v1/conversations/${id}/resolve`, { token: agentToken });
    expect([resolve.status, resolve.body.error.code]).toEqual([409, 'conversation_closed']);
    expect(await counts()).toEqual(before);
  });
});
