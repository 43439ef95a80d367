// The core acting on the engine's newer outcomes, with the real engine on a real server:
// a social reply is posted like an answer (the bot keeps the conversation), and an urgent
// handoff's words for the customer (crisis resources on self-harm, the workspace's own text
// when its policy has one) are posted before the handoff notice, at urgent priority.
import { describe, expect, it } from 'vitest';
import { apiClient } from '../support/baton.ts';
import { findConversation } from '../../src/db/repositories/conversations.ts';
import { createEngine } from '../../src/engine/index.ts';
import { dangerReply, DEFAULT_CRISIS_MESSAGE } from '../../src/engine/compose/replies.ts';
import { openTestDatabase } from '../support/database.ts';
import { seedWorkspace, startTestBaton } from '../support/baton.ts';
import { afterAll, beforeAll } from 'vitest';
import { syncArticles } from '../../src/db/repositories/knowledge.ts';
import type { TestBaton } from '../support/test-baton.ts';
import { demoArticles } from '../support/demo-knowledge.ts';
import { fileURLToPath } from 'node:url';
import { parseKnowledgeFile } from '../../src/knowledge/index.ts';
import { servedDemoKnowledge } from '../../src/workspaces/demo-knowledge.ts';

describe('engine judgment in the conversation core', () => {
  const ctx = {} as TestBaton;
  beforeAll(async () => {
    ctx.tdb = await openTestDatabase();
    ctx.baton = await startTestBaton(ctx.tdb.database, (articles, opts) => createEngine(articles, opts));
    ctx.ws = await seedWorkspace(ctx.tdb.database.db);
  });
  afterAll(async () => {
    await ctx.baton?.stop();
    await ctx.tdb?.dispose();
  });
  const start = (message: string) =>
    apiClient(ctx.baton.url)('POST', '/api/v1/widget/conversations', { body: { workspace: ctx.ws.slug, message } });

  it('"hi" gets a social reply and stays with the bot', async () => {
    const r = await start('hi');
    expect(r.status).toBe(201);
    const bot = r.body.messages.filter((m: { author: string }) => m.author === 'bot');
    expect(bot.map((m: { text: string }) => m.text)).toEqual(['Hi! What can I help you with?']);
    expect(r.body.conversation.status).toBe('bot');
  });

  it('"are you a bot?" is told the truth and how to reach a person, then a request for one is handed off', async () => {
    const r = await start('am I talking to a real person?');
    expect(r.status).toBe(201);
    const bot = r.body.messages.filter((m: { author: string }) => m.author === 'bot');
    expect(bot).toHaveLength(1);
    expect(bot[0].text).toMatch(/virtual assistant, not a person/);
    expect(r.body.conversation.status).toBe('bot');
    const next = await apiClient(ctx.baton.url)('POST', `/api/v1/widget/conversations/${r.body.conversation.id}/messages`, {
      token: r.body.token,
      body: { text: 'ok then I want a real person please' },
    });
    expect(next.body.conversation.status).not.toBe('bot');
  });

  it('self-harm: crisis resources first, then the handoff, at urgent priority', async () => {
    const r = await start("I've lost all my savings and I don't want to live anymore");
    const authors = r.body.messages.map((m: { author: string }) => m.author);
    expect(authors).toEqual(['customer', 'bot', 'system']);
    expect(r.body.messages[1].text).toBe(DEFAULT_CRISIS_MESSAGE);
    const row = await findConversation(ctx.tdb.database.db, ctx.ws.id, r.body.conversation.id);
    expect(row?.priority).toBe('urgent');
    expect(row?.status).not.toBe('bot');
  });

  it('a statement of danger only the sentence encoder reads: the emergency number, then a person at urgent priority', async () => {
    // No example shares its n-grams ("terrified", "husband"): the encoder reads it by meaning.
    const r = await start("i'm terrified of my husband");
    // The emergency number first, then the handoff notice.
    expect(r.body.messages.map((m: { author: string }) => m.author)).toEqual(['customer', 'bot', 'system']);
    expect(r.body.messages[1].text).toBe(dangerReply('en'));
    const row = await findConversation(ctx.tdb.database.db, ctx.ws.id, r.body.conversation.id);
    expect(row?.priority).toBe('urgent');
    expect(row?.status).not.toBe('bot');
  });

  it('a short question of its own after another topic is answered on its own words (demo knowledge)', async () => {
    const shop = await seedWorkspace(ctx.tdb.database.db, 'shop');
    const demo = demoArticles();
    await syncArticles(ctx.tdb.database.db, shop.id, demo, { prune: true });
    const api = apiClient(ctx.baton.url);
    const r = await api('POST', '/api/v1/widget/conversations', {
      body: { workspace: shop.slug, message: 'can I cancel my subscription?' },
    });
    const { token, conversation } = r.body;
    expect(
      (await api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, { token, body: { text: 'Is my parcel lost?' } }))
        .status,
    ).toBe(201);
    const own = await api('GET', `/api/v1/widget/conversations/${conversation.id}`, { token });
    const bot = (own.body.messages as { author: string; text: string }[]).filter((m) => m.author === 'bot').map((m) => m.text);
    expect(bot[0]).toContain('Cancel your subscription');
    expect(bot.at(-1)).toContain('Track your order');
  });

  /** A conversation with the demo's knowledge in a workspace of its own: its first answer, and a way to go on. */
  async function onDemoKnowledge(slug: string, message: string) {
    const shop = await seedWorkspace(ctx.tdb.database.db, slug);
    await syncArticles(ctx.tdb.database.db, shop.id, demoArticles(), { prune: true });
    const api = apiClient(ctx.baton.url);
    const first = await api('POST', '/api/v1/widget/conversations', { body: { workspace: shop.slug, message } });
    const { token, conversation } = first.body;
    const send = (text: string) => api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, { token, body: { text } });
    return { first, send };
  }

  it('thanks in more words after an answer gets a social reply, and a pointer in unknown words is not the answer again (demo knowledge)', async () => {
    const { first: r, send } = await onDemoKnowledge('thanks', 'How do I get a refund?');
    expect(r.body.messages.at(-1).citations[0]).toMatchObject({ articleId: 'refund-policy' });
    const dice = await send('please roll that dice');
    expect(dice.body.replies.at(-1)).toMatchObject({ author: 'bot', citations: [] });
    expect(dice.body.replies.at(-1).text).toMatch(/not something I can help with here/);
    const thanks = await send('thanks for helping me');
    expect(thanks.body.conversation.status).toBe('bot');
    expect(thanks.body.replies.at(-1)).toMatchObject({ author: 'bot', citations: [] });
  });

  it('trivia gets what the bot can help with, then the offer of a person, then a person (demo knowledge)', async () => {
    const { first: r, send } = await onDemoKnowledge('trivia', 'who won the world cup in 1998?');
    expect(r.body.conversation.status).toBe('bot');
    expect(r.body.messages.at(-1)).toMatchObject({ author: 'bot', citations: [] });
    expect(r.body.messages.at(-1).text).toMatch(/not something I can help with here/);
    const second = await send('tell me a joke');
    expect(second.body.conversation.status).toBe('bot');
    expect(second.body.replies.at(-1).text).toMatch(/person/);
    const third = await send('what is the capital of France?');
    expect(third.body.conversation.status).not.toBe('bot');
  });

  it('a need announced but not said is asked about, and the question that follows is answered (demo knowledge)', async () => {
    const { first: r, send } = await onDemoKnowledge('opener', 'hi, I have a question about my order');
    expect(r.body.conversation.status).toBe('bot');
    expect(r.body.messages.at(-1)).toMatchObject({ author: 'bot', citations: [] });
    expect(r.body.messages.at(-1).text).toMatch(/What happened, or what do you need\?/);
    const next = await send('the parcel arrived damaged, what can I do?');
    expect(next.body.conversation.status).toBe('bot');
    expect(next.body.replies.at(-1).citations[0]).toMatchObject({ articleId: 'damaged-item' });
  });

  it('a request worded in the words of several pages is asked about, and the reply is answered (the demo as served)', async () => {
    const shop = (await parseKnowledgeFile(fileURLToPath(new URL('../../bench/retail/kb.jsonl', import.meta.url)))).articles;
    const ws = await seedWorkspace(ctx.tdb.database.db, 'served');
    await syncArticles(ctx.tdb.database.db, ws.id, servedDemoKnowledge(demoArticles(), shop), { prune: true });
    const api = apiClient(ctx.baton.url);
    const r = await api('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug, message: 'can I change my order?' } });
    expect(r.body.conversation.status).toBe('bot');
    const ask = r.body.messages.at(-1);
    expect(ask).toMatchObject({ author: 'bot', citations: [] });
    expect(ask.text).toMatch(/^Do you mean “.+”, “.+” or “.+”\?$/);
    expect(ask.text).toContain('“Change the delivery address”');
    // The same pages as the widget's buttons, in the question's order.
    const titles = ask.options.map((o: { title: string }) => o.title);
    expect(titles).toHaveLength(3);
    expect(ask.text).toBe(
      `Do you mean ${titles
        .map((t: string) => `“${t}”`)
        .join(', ')
        .replace(/, (“[^“]+”)$/, ' or $1')}?`,
    );
    expect(ask.options).toContainEqual({ articleId: 'change-address', title: 'Change the delivery address' });
    const next = await api('POST', `/api/v1/widget/conversations/${r.body.conversation.id}/messages`, {
      token: r.body.token,
      body: { text: 'the delivery address' },
    });
    expect(next.body.conversation.status).toBe('bot');
    expect(next.body.replies.at(-1).citations[0]).toMatchObject({ articleId: 'change-address' });
  });

  it("the workspace's own crisis and danger texts, set through the admin API; the defaults beside them", async () => {
    const api = apiClient(ctx.baton.url);
    const got = await api('GET', '/api/v1/admin/policy', { token: ctx.ws.adminKey });
    expect(got.body.policy).toMatchObject({ crisisMessage: null, dangerMessage: null });
    expect(got.body.defaults.crisisMessage.en).toBe(DEFAULT_CRISIS_MESSAGE);
    expect(got.body.defaults.dangerMessage.de).toBe(dangerReply('de'));
    // A blank text is refused and changes nothing.
    const blank = await api('PUT', '/api/v1/admin/policy', { token: ctx.ws.adminKey, body: { ...got.body.policy, dangerMessage: '   ' } });
    expect(blank.status).toBe(400);
    expect((await start('my husband hits me and i am scared to go home')).body.messages[1].text).toBe(dangerReply('en'));
    const own = { crisisMessage: 'Ring 116 123, any time.', dangerMessage: 'Call 999 if you are in danger now.' };
    const put = await api('PUT', '/api/v1/admin/policy', { token: ctx.ws.adminKey, body: { ...got.body.policy, ...own } });
    expect(put.status).toBe(200);
    expect(put.body.policy).toMatchObject(own);
    expect((await start('i want to kill myself')).body.messages[1].text).toBe(own.crisisMessage);
    expect((await start('my husband hits me and i am scared to go home')).body.messages[1].text).toBe(own.dangerMessage);
    // One text per language: the customer's, else the English one.
    const perLanguage = { en: 'Call 999 if you are in danger now.', de: 'Rufen Sie 110 an, wenn Sie jetzt in Gefahr sind.' };
    const byLanguage = await api('PUT', '/api/v1/admin/policy', {
      token: ctx.ws.adminKey,
      body: { ...got.body.policy, dangerMessage: perLanguage },
    });
    expect(byLanguage.body.policy.dangerMessage).toEqual(perLanguage);
    expect((await start('mein Mann schlägt mich und ich habe Angst, nach Hause zu gehen')).body.messages[1].text).toBe(perLanguage.de);
    expect((await start("mon mari me frappe et j'ai peur de rentrer chez moi")).body.messages[1].text).toBe(perLanguage.en);
    const badCode = await api('PUT', '/api/v1/admin/policy', {
      token: ctx.ws.adminKey,
      body: { ...got.body.policy, dangerMessage: { German: 'Rufen Sie 110 an.' } },
    });
    expect(badCode.status).toBe(400);
    expect((await api('GET', '/api/v1/admin/policy', { token: ctx.ws.adminKey })).body.policy.dangerMessage).toEqual(perLanguage);
    // Back to the defaults (null).
    await api('PUT', '/api/v1/admin/policy', { token: ctx.ws.adminKey, body: { ...got.body.policy } });
    expect((await start('i want to kill myself')).body.messages[1].text).toBe(DEFAULT_CRISIS_MESSAGE);
  });
});
