import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, login, seedWorkspace, startTestBaton, type SeededWorkspace } from '../support/baton.ts';
import { setAgentStatus } from '../../src/db/repositories/agents.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';

// Agent assist over HTTP: suggestions from the knowledge and from past replies, macros.
describe('agent assist', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  let api: ReturnType<typeof apiClient>;
  let agent: string;
  let viewer: string;

  const handOff = async (message: string, name = 'Ann') => {
    const start = await api('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug, customer: { name }, message } });
    const id = start.body.conversation.id as string;
    await api('POST', `/api/v1/widget/conversations/${id}/messages`, { token: start.body.token, body: { text: 'a person please' } });
    return id;
  };

  beforeAll(async () => {
    tdb = await openTestDatabase();
    baton = await startTestBaton(tdb.database);
    ws = await seedWorkspace(tdb.database.db, 'assist');
    api = apiClient(baton.url);
    [agent, viewer] = await Promise.all([ws.agent, ws.viewer].map((p) => login(baton.url, p.email, p.password)));
    await setAgentStatus(tdb.database.db, ws.id, ws.agent.id, 'online');
  });
  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
  });

  it('drafts from the article the bot cited and from the team’s past reply to a similar question', async () => {
    // An earlier conversation the agent answered.
    const earlier = await handOff('Can I get my refund paid to a different card than the one I used?', 'Bea');
    await api('POST', `/api/v1/conversations/${earlier}/accept`, { token: agent });
    const pastReply = 'Refunds always go back to the card used for the purchase; we cannot send them to another card.';
    await api('POST', `/api/v1/conversations/${earlier}/messages`, { token: agent, body: { text: pastReply } });
    await api('POST', `/api/v1/conversations/${earlier}/resolve`, { token: agent });

    const now = await handOff('Hello, how long do refunds take? Could the refund go to a different card?');
    const res = await api('GET', `/api/v1/conversations/${now}/suggestions?limit=3`, { token: viewer });
    expect(res.status).toBe(200);
    const knowledge = res.body.replies.filter((r: any) => r.kind === 'knowledge');
    expect(knowledge[0]).toMatchObject({
      article: { id: 'refunds', url: 'https://help.example.test/refunds' },
      why: 'the bot cited this article',
    });
    expect(knowledge[0].text).toBe('Hi Ann,\n\nRefunds take 5 to 10 business days.\n\nMore: https://help.example.test/refunds');
    const past = res.body.replies.find((r: any) => r.kind === 'past_reply');
    expect(past).toMatchObject({ text: pastReply, source_conversation_id: earlier });
    expect(past.why).toContain('different card');
    expect(res.body.summary).toContain('how long do refunds take?');
    expect(res.body.recommended_next_step.action).toEqual(expect.any(String));
  });

  it('says when the article drafted from is in another language than the customer writes', async () => {
    const start = await api('POST', '/api/v1/widget/conversations', {
      body: { workspace: ws.slug, language: 'de', customer: { name: 'Jonas' }, message: 'Wie lange dauert eine Rückerstattung? refunds' },
    });
    const id = start.body.conversation.id as string;
    await api('POST', `/api/v1/widget/conversations/${id}/messages`, { token: start.body.token, body: { text: 'a person please' } });
    const res = await api('GET', `/api/v1/conversations/${id}/suggestions?limit=3`, { token: viewer });
    const knowledge = res.body.replies.filter((r: any) => r.kind === 'knowledge');
    expect(knowledge.length).toBeGreaterThan(0);
    for (const r of knowledge) expect(r.why).toMatch(/; it is in English, the customer writes German$/);
    // In the customer's own language, nothing is added.
    const english = await handOff('How long do refunds take?');
    const same = await api('GET', `/api/v1/conversations/${english}/suggestions?limit=3`, { token: viewer });
    for (const r of same.body.replies.filter((x: any) => x.kind === 'knowledge')) expect(r.why).not.toMatch(/writes/);
  });

  it('keeps macros (saved replies) and suggests the ones that fit', async () => {
    const before = Number(
      (await sql<{ n: string }>`select count(*)::text as n from events where type like 'macro.%'`.execute(tdb.database.db)).rows[0]!.n,
    );
    const refund = await api('POST', '/api/v1/macros', {
      token: agent,
      body: { title: 'Refund timing', body: 'Hi {{customer.name}}, refunds take 5 to 10 business days. {{agent.name}}', tags: ['refunds'] },
    });
    expect(refund.status).toBe(201);
    const shipping = await api('POST', '/api/v1/macros', {
      token: agent,
      body: { title: 'Shipping delays', body: 'Parcels can take a few extra days.' },
    });
    expect((await api('POST', '/api/v1/macros', { token: viewer, body: { title: 'x', body: 'y' } })).status).toBe(403);
    expect((await api('POST', '/api/v1/macros', { token: agent, body: { title: '', body: 'y' } })).status).toBe(400);

    const id = await handOff('When will my refund arrive?', 'Cleo');
    const res = await api('GET', `/api/v1/conversations/${id}/suggestions`, { token: agent });
    expect(res.body.macros[0]).toMatchObject({
      id: refund.body.macro.id,
      rendered: `Hi Cleo, refunds take 5 to 10 business days. agent of assist`,
    });
    expect(res.body.macros.map((m: any) => m.id)).not.toContain(shipping.body.macro.id);

    const patched = await api('PATCH', `/api/v1/macros/${shipping.body.macro.id}`, { token: agent, body: { tags: ['shipping', 'delay'] } });
    expect(patched.body.macro.tags).toEqual(['shipping', 'delay']);
    const page1 = await api('GET', '/api/v1/macros?limit=1', { token: viewer });
    const page2 = await api('GET', `/api/v1/macros?limit=1&cursor=${page1.body.next_cursor}`, { token: viewer });
    expect([...page1.body.macros, ...page2.body.macros]).toHaveLength(2);
    expect(page2.body.next_cursor).toBeNull();
    expect((await api('DELETE', `/api/v1/macros/${shipping.body.macro.id}`, { token: agent })).status).toBe(200);
    expect((await api('DELETE', `/api/v1/macros/${shipping.body.macro.id}`, { token: agent })).status).toBe(404);
    const after = Number(
      (await sql<{ n: string }>`select count(*)::text as n from events where type like 'macro.%'`.execute(tdb.database.db)).rows[0]!.n,
    );
    expect(after - before).toBe(4); // two created, one updated, one deleted
  });

  it("suggests a macro written in the customer's language over one in another", async () => {
    const body = (title: string, text: string, language: string | null) => ({
      title,
      body: text,
      tags: ['erstattung', 'refunds'],
      language,
    });
    const en = await api('POST', '/api/v1/macros', { token: agent, body: body('Refund check', 'Your refund is on its way.', 'en') });
    const de = await api('POST', '/api/v1/macros', { token: agent, body: body('Erstattung', 'Ihre Erstattung ist unterwegs.', 'de') });
    expect([en.status, de.status, de.body.macro.language]).toEqual([201, 201, 'de']);
    const bad = await api('POST', '/api/v1/macros', { token: agent, body: body('x', 'y', 'German') });
    expect([bad.status, bad.body.error.message]).toEqual([400, expect.stringContaining('use a language code such as "en" or "de"')]);

    const start = await api('POST', '/api/v1/widget/conversations', {
      body: { workspace: ws.slug, language: 'de', customer: { name: 'Jonas' }, message: 'Wann kommt meine Erstattung? refunds' },
    });
    const id = start.body.conversation.id as string;
    await api('POST', `/api/v1/widget/conversations/${id}/messages`, { token: start.body.token, body: { text: 'einen Menschen bitte' } });
    const offered = async () =>
      (await api('GET', `/api/v1/conversations/${id}/suggestions`, { token: agent })).body.macros.map((m: any) => m.title);
    expect(await offered()).toContain('Erstattung');
    expect(await offered()).not.toContain('Refund check');
    // Made a macro for any language, the English one is offered too.
    const patched = await api('PATCH', `/api/v1/macros/${en.body.macro.id}`, { token: agent, body: { language: null } });
    expect(patched.body.macro.language).toBeNull();
    expect(await offered()).toContain('Refund check');
  });

  it('answers not found for another workspace’s conversation', async () => {
    const other = await seedWorkspace(tdb.database.db, 'elsewhere');
    const start = await api('POST', '/api/v1/widget/conversations', { body: { workspace: other.slug, message: 'hi' } });
    const res = await api('GET', `/api/v1/conversations/${start.body.conversation.id}/suggestions`, { token: agent });
    expect([res.status, res.body.error.code]).toEqual([404, 'not_found']);
  });
});
