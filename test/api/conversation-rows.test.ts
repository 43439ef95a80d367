import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, login, seedWorkspace, startTestBaton, type SeededWorkspace } from '../support/baton.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';

// An inbox row says who wrote, what they last said and what about, in words: the list answer
// carries the customer's name, a preview of their latest line and the intent's article title.
describe('conversation list rows', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  let api: ReturnType<typeof apiClient>;
  let staff: string;

  beforeAll(async () => {
    tdb = await openTestDatabase();
    baton = await startTestBaton(tdb.database);
    ws = await seedWorkspace(tdb.database.db, 'rows');
    api = apiClient(baton.url);
    staff = await login(baton.url, ws.admin.email, ws.admin.password);
  });
  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
  });

  async function conversation(lines: string[], customer?: { name: string }): Promise<string> {
    const start = await api('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug, message: lines[0], customer } });
    expect(start.status).toBe(201);
    for (const text of lines.slice(1)) {
      const res = await api('POST', `/api/v1/widget/conversations/${start.body.conversation.id}/messages`, {
        token: start.body.token,
        body: { text },
      });
      expect(res.status).toBeLessThan(300);
    }
    return start.body.conversation.id;
  }

  it('names the customer, previews their latest line and labels the intent in words', async () => {
    const named = await conversation(['how do refunds work?', 'I want a person, my e-mail is ann@example.test'], { name: 'Ann Example' });
    const long = 'word '.repeat(80) + 'please get me a person';
    const anonymous = await conversation([long]);
    const list = await api('GET', '/api/v1/conversations?limit=10', { token: staff });
    expect(list.status).toBe(200);
    const row = (id: string) => list.body.conversations.find((c: { id: string }) => c.id === id);
    expect(row(named)).toMatchObject({ customer_name: 'Ann Example', intent: 'refunds', intent_label: 'Refunds' });
    // Personal data stays tokenised, as in the transcript.
    expect(row(named).preview).toBe('I want a person, my e-mail is <EMAIL_1>');
    expect(row(anonymous)).toMatchObject({ customer_name: null, intent_label: null });
    expect(row(anonymous).preview).toHaveLength(140);
    expect(row(anonymous).preview.endsWith('…')).toBe(true);
  });
});
