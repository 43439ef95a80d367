// A request for a person inside a longer message, through the widget API on a real server
// with the real engine and the demo knowledge: the bot answers the first question, then the
// customer asks a new one and for a person in the same line. A person takes over
// (customer_requested), not the bot, and the brief still records what the line was about.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, login, seedWorkspace, startTestBaton } from '../support/baton.ts';
import { openTestDatabase } from '../support/database.ts';
import { syncArticles } from '../../src/db/repositories/knowledge.ts';
import { createEngine } from '../../src/engine/index.ts';
import type { TestBaton } from '../support/test-baton.ts';
import { demoArticles } from '../support/demo-knowledge.ts';

const demo = demoArticles();

describe('a request for a person inside a longer message (live pipeline)', () => {
  const ctx = {} as TestBaton;
  let admin: string;
  beforeAll(async () => {
    ctx.tdb = await openTestDatabase();
    ctx.baton = await startTestBaton(ctx.tdb.database, (articles, opts) => createEngine(articles, opts));
    ctx.ws = await seedWorkspace(ctx.tdb.database.db, 'person');
    await syncArticles(ctx.tdb.database.db, ctx.ws.id, demo, { prune: true });
    admin = await login(ctx.baton.url, ctx.ws.admin.email, ctx.ws.admin.password);
  });
  afterAll(async () => {
    await ctx.baton?.stop();
    await ctx.tdb?.dispose();
  });

  it.each([
    ['The parcel arrived damaged, I want a person', 'damaged-item'],
    ['my refund still has not arrived after 3 weeks, get me a person', 'refund-policy'],
  ])('"%s" after an answered question: handed off as customer_requested, the brief keeps the intent', async (line, intent) => {
    const api = apiClient(ctx.baton.url);
    const start = await api('POST', '/api/v1/widget/conversations', {
      body: { workspace: ctx.ws.slug, message: 'How do I track my order?' },
    });
    expect(start.status).toBe(201);
    const { token, conversation } = start.body;
    expect(start.body.conversation.status).toBe('bot');
    const sent = await api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, { token, body: { text: line } });
    expect(sent.status).toBe(201);

    const view = (await api('GET', `/api/v1/conversations/${conversation.id}`, { token: admin })).body;
    expect(view.conversation.status).not.toBe('bot');
    const handoff = view.handoffs.at(-1);
    expect(handoff.reasons).toContain('customer_requested');
    expect(handoff.reasons).not.toContain('low_confidence');
    // The bot posted no article for the line: its only answer is to the first question.
    const bot = (view.messages as { author: string; text: string }[]).filter((m) => m.author === 'bot');
    expect(bot).toHaveLength(1);
    expect(bot[0].text).toContain('Track your order');

    const brief = (await api('GET', `/api/v1/conversations/${conversation.id}/brief`, { token: admin })).body.brief;
    expect(brief.reasons).toContain('customer_requested');
    expect(brief.intent).toMatchObject({ id: intent });
  });

  // Typed as one line with no punctuation between the request and the problem (issue 15).
  // The brief records the intent read from the rest of the line, and none when no article is credible.
  it.each([
    ["is there a human I can chat with my card still hasn't arrived", undefined],
    ["can i talk to someone my order still isn't here", 'track-order'],
    ['get me an agent the app crashes when i log in', null],
  ])('"%s" as the first line: handed off as customer_requested, not low_confidence', async (line, intent) => {
    const api = apiClient(ctx.baton.url);
    const start = await api('POST', '/api/v1/widget/conversations', { body: { workspace: ctx.ws.slug, message: line } });
    expect(start.status).toBe(201);
    const view = (await api('GET', `/api/v1/conversations/${start.body.conversation.id}`, { token: admin })).body;
    expect(view.conversation.status).not.toBe('bot');
    const handoff = view.handoffs.at(-1);
    expect(handoff.reasons).toContain('customer_requested');
    expect(handoff.reasons).not.toContain('low_confidence');
    const brief = (await api('GET', `/api/v1/conversations/${start.body.conversation.id}/brief`, { token: admin })).body.brief;
    if (intent !== undefined) expect(brief.intent?.id ?? null).toBe(intent);
  });
});
