import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, login, seedWorkspace, startTestBaton, type SeededWorkspace } from '../support/baton.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';

/**
 * Valid bodies for routes that take one, so the walk reaches the access check rather than
 * stopping at validation. A new route with a required body must add a sample here.
 */
const SAMPLE_BODIES: Record<string, unknown> = {
  'POST /api/v1/widget/conversations/{id}/messages': { text: 'hello' },
  'POST /api/v1/widget/conversations/{id}/csat': { score: 4 },
  'POST /api/v1/conversations/{id}/messages': { text: 'hello', internal: false },
  'POST /api/v1/conversations/{id}/assign': { team_id: '00000000-0000-4000-8000-000000000000' },
  'POST /api/v1/conversations/{id}/brief-feedback': { useful: true },
  'POST /api/v1/conversations/{id}/tool-calls/rerun': { name: 'get_order_details', args: { order_id: '#W0000001' } },
};

// Every route that names a resource, called with another workspace's credentials, answers
// "not found or no access" and changes nothing.
describe('workspace isolation', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let a: SeededWorkspace;
  let b: SeededWorkspace;
  let idsOfA: string[];
  let conversationOfA: string;
  let tokenOfA: string;
  let spec: any;

  beforeAll(async () => {
    tdb = await openTestDatabase();
    baton = await startTestBaton(tdb.database);
    a = await seedWorkspace(tdb.database.db, 'a');
    b = await seedWorkspace(tdb.database.db, 'b');
    const api = apiClient(baton.url);
    const started = await api('POST', '/api/v1/widget/conversations', { body: { workspace: a.slug, message: 'refunds please' } });
    conversationOfA = started.body.conversation.id;
    tokenOfA = started.body.token;
    const detail = await api('GET', `/api/v1/conversations/${conversationOfA}`, { token: a.apiKey });
    idsOfA = [conversationOfA, detail.body.customer.id, a.teamId, a.agent.id, a.admin.id];
    spec = (await api('GET', '/api/v1/openapi.json')).body;
  });
  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
  });

  const routesWithId = () =>
    Object.entries(spec.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.includes('{id}'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path })));

  it('walks every route naming a resource with the other workspace’s staff credentials', async () => {
    const api = apiClient(baton.url);
    const bAdmin = await login(baton.url, b.admin.email, b.admin.password);
    const before = await api('GET', `/api/v1/conversations/${conversationOfA}`, { token: a.apiKey });
    const routes = routesWithId().filter((r) => !r.path.startsWith('/api/v1/widget/'));
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      // The most powerful credentials of B: an admin session and an admin-scoped key.
      for (const token of [bAdmin, b.adminKey]) {
        for (const id of idsOfA) {
          const res = await api(route.method, route.path.replace('{id}', id), {
            token,
            body: SAMPLE_BODIES[key] ?? (route.method === 'GET' ? undefined : {}),
          });
          expect({ key, id, status: res.status, code: res.body?.error?.code }).toEqual({ key, id, status: 404, code: 'not_found' });
        }
      }
    }
    const after = await api('GET', `/api/v1/conversations/${conversationOfA}`, { token: a.apiKey });
    expect(after.body).toEqual(before.body);
  });

  it('lets a customer token read only its own conversation', async () => {
    const api = apiClient(baton.url);
    const other = await api('POST', '/api/v1/widget/conversations', { body: { workspace: a.slug } });
    const otherOfB = await api('POST', '/api/v1/widget/conversations', { body: { workspace: b.slug } });
    const routes = routesWithId().filter((r) => r.path.startsWith('/api/v1/widget/'));
    expect(routes.length).toBeGreaterThan(2);
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      for (const target of [other.body.conversation.id, otherOfB.body.conversation.id]) {
        const res = await api(route.method, route.path.replace('{id}', target), {
          token: tokenOfA,
          body: SAMPLE_BODIES[key] ?? (route.method === 'GET' ? undefined : {}),
        });
        expect({ key, status: res.status, code: res.body?.error?.code }).toEqual({ key, status: 404, code: 'not_found' });
      }
    }
    // And a customer token opens no staff route at all.
    for (const route of routesWithId().filter((r) => !r.path.startsWith('/api/v1/widget/'))) {
      const res = await api(route.method, route.path.replace('{id}', conversationOfA), {
        token: tokenOfA,
        body: SAMPLE_BODIES[`${route.method} ${route.path}`] ?? (route.method === 'GET' ? undefined : {}),
      });
      expect({ route, status: res.status }).toEqual({ route, status: 404 });
    }
  });

  it('never lists another workspace’s conversations, teams or agents', async () => {
    const api = apiClient(baton.url);
    const bAdmin = await login(baton.url, b.admin.email, b.admin.password);
    const lists = await Promise.all(
      ['/api/v1/conversations?limit=200', '/api/v1/teams', '/api/v1/agents'].map((p) => api('GET', p, { token: bAdmin })),
    );
    const text = JSON.stringify(lists.map((l) => l.body));
    for (const id of idsOfA) expect(text).not.toContain(id);
  });
});
