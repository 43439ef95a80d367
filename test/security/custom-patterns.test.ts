import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, seedWorkspace, startTestBaton, type SeededWorkspace } from '../support/baton.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';

// A workspace's own PII patterns run in RE2: a pattern that backtracks exponentially in a
// JavaScript engine cannot stall the server, and patterns RE2 cannot express are refused.
describe('custom PII patterns', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  let other: SeededWorkspace;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    tdb = await openTestDatabase();
    baton = await startTestBaton(tdb.database);
    ws = await seedWorkspace(tdb.database.db, 'greedy');
    other = await seedWorkspace(tdb.database.db, 'bystander');
    api = apiClient(baton.url);
  });
  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
  });

  const putPatterns = (custom: unknown[]) => api('PUT', '/api/v1/admin/policy', { token: ws.adminKey, body: { pii: { custom } } });

  it('runs "(a+)+$" in linear time: neither the workspace nor another one waits', async () => {
    expect(
      (
        await putPatterns([
          { type: 'EVIL', pattern: '(a+)+$' },
          { type: 'ORDER_ID', pattern: 'ORD-\\d{6}' },
        ])
      ).status,
    ).toBe(200);
    const timed = async (message: string) => {
      const started = performance.now();
      const [mine, theirs] = await Promise.all([
        api('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug, message } }),
        api('POST', '/api/v1/widget/conversations', { body: { workspace: other.slug, message: 'hello' } }),
      ]);
      return { mine, theirs, ms: performance.now() - started };
    };
    await timed('warm-up'); // the first conversation of a server warms its caches
    const plain = await timed(`${'b'.repeat(31)}! my order ORD-123456`);
    const { mine, theirs, ms } = await timed(`${'a'.repeat(31)}! my order ORD-123456`);
    // A backtracking engine takes about 2.3 s at 29 characters, doubling with each one;
    // RE2 takes as long as for any other text (the margin is for a loaded machine).
    expect(ms).toBeLessThan(Math.max(4 * plain.ms, plain.ms + 1000));
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    const conversation = await api('GET', `/api/v1/conversations/${mine.body.conversation.id}`, { token: ws.apiKey });
    expect(JSON.stringify(conversation.body)).toContain('<ORDER_ID_1>');
  });

  it.each([
    ['a backreference', '(a)\\1'],
    ['a lookahead', 'ORD(?=-\\d)'],
    ['a lookbehind', '(?<!x)ORD'],
    ['a pattern over 200 characters', `(?:${'a'.repeat(200)})`],
  ])('refuses %s with a clear 400', async (_name, pattern) => {
    const res = await putPatterns([{ type: 'BAD', pattern }]);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.message).toMatch(/pii\.custom\.0\.pattern|pii\/custom\/0\/pattern/);
  });
});
