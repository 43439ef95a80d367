import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../../src/db/schema.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { insertPastConversation, type PastMessage as Msg } from '../support/history.ts';
import { apiClient, login, seedWorkspace, startTestBaton, type SeededWorkspace } from '../support/baton.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';

// Analytics and QA on a server, over conversations seeded with known timestamps. Every figure
// is recomputed here from the seed's own numbers, not by the code under test.

interface Spec {
  key: string;
  created: string; // ISO time of the first message; message `at` are seconds after it
  language: string | null;
  intent: string | null;
  team?: boolean;
  csat?: number;
  channel?: string;
  messages: Msg[];
  handoff?: {
    at: number;
    reasons: string[];
    accepted?: number;
    reply?: number;
    resolved?: number;
    team?: boolean;
    brief?: Record<string, unknown>;
  };
}

const SPECS: Spec[] = [
  {
    key: 'c1',
    created: '2025-03-03T10:00:00Z',
    language: 'en',
    intent: 'refunds',
    csat: 5,
    messages: [
      { at: 0, author: 'customer', text: 'How long do refunds take?' },
      { at: 2, author: 'bot', text: 'Refunds take 5 to 10 business days.', action: 'answer' },
      { at: 60, author: 'customer', text: 'thanks' },
      { at: 61, author: 'bot', text: 'Glad to help!', action: 'answer' },
    ],
  },
  {
    key: 'c2',
    created: '2025-03-03T11:00:00Z',
    language: 'en',
    intent: 'shipping',
    team: true,
    csat: 2,
    messages: [
      { at: 0, author: 'customer', text: 'My order 55120 never arrived, the tracking is stuck since Monday.' },
      { at: 3, author: 'bot', text: 'Do you mean a delivery delay or a lost parcel?', action: 'clarify' },
      { at: 30, author: 'customer', text: 'still stuck' },
      { at: 31, author: 'system', text: 'Passing you to a person.' },
      { at: 211, author: 'agent', text: 'Hi! What is your order number?' },
      { at: 240, author: 'customer', text: '55120' },
      { at: 360, author: 'agent', text: 'Found it, a new parcel ships today.' },
    ],
    handoff: {
      at: 31,
      reasons: ['low_confidence'],
      accepted: 151,
      reply: 211,
      resolved: 631,
      brief: { intent: { id: 'shipping', title: 'Shipping', confidence: 0.3 }, escalation: { confidence: 0.3 } },
    },
  },
  {
    key: 'c3',
    created: '2025-03-04T09:00:00Z',
    language: 'fr',
    intent: null,
    csat: 4,
    messages: [
      { at: 0, author: 'customer', text: 'je veux parler à un humain' },
      { at: 1, author: 'system', text: 'Un instant.' },
      { at: 301, author: 'agent', text: 'Bonjour, je regarde votre dossier.' },
    ],
    handoff: { at: 1, reasons: ['customer_requested'], reply: 301, resolved: 1201, team: true },
  },
  {
    key: 'c4',
    created: '2025-03-11T14:00:00Z',
    language: 'en',
    intent: 'billing',
    messages: [
      { at: 0, author: 'customer', text: 'Why was I charged twice for my plan?' },
      { at: 1, author: 'system', text: 'Passing you to a person.' },
    ],
    handoff: {
      at: 1,
      reasons: ['low_confidence'],
      brief: { intent: { id: 'billing', title: 'Billing', confidence: 0.2 }, escalation: { confidence: 0.2 } },
    },
  },
  {
    key: 'c7',
    created: '2025-03-04T12:00:00Z',
    language: 'en',
    intent: 'refunds',
    messages: [
      { at: 0, author: 'customer', text: 'refund' },
      { at: 5, author: 'bot', text: 'Is this about an order or a subscription?', action: 'clarify' },
    ],
  },
  // Imported history: left out unless include_imported=true.
  {
    key: 'imp',
    created: '2025-03-03T08:00:00Z',
    language: 'en',
    intent: null,
    channel: 'import:csv',
    csat: 1,
    messages: [
      { at: 0, author: 'customer', text: 'old ticket' },
      { at: 10, author: 'bot', text: 'old answer', action: 'answer' },
    ],
  },
  // Outside the range.
  {
    key: 'old',
    created: '2025-02-01T08:00:00Z',
    language: 'en',
    intent: 'refunds',
    messages: [{ at: 0, author: 'customer', text: 'hello' }],
  },
];

const IN_RANGE = ['c1', 'c2', 'c3', 'c4', 'c7'];
const at = (s: Spec, sec: number) => new Date(Date.parse(s.created) + sec * 1000);

async function seed(db: Kysely<Schema>, ws: SeededWorkspace): Promise<Record<string, { conversation: string; handoff?: string }>> {
  const ids: Record<string, { conversation: string; handoff?: string }> = {};
  for (const s of SPECS) {
    const conversation = await insertPastConversation(db, ws.id, at(s, 0), s.messages, {
      channel: s.channel ?? 'widget',
      language: s.language,
      status: s.handoff ? 'resolved' : 'bot',
      controller: s.handoff ? 'none' : 'bot',
      team_id: s.team ? ws.teamId : null,
      intent: s.intent,
      csat: s.csat ?? null,
    });
    ids[s.key] = { conversation };
    if (s.handoff) {
      const h = s.handoff;
      const id = randomUUID();
      await db
        .insertInto('handoffs')
        .values({
          id,
          workspace_id: ws.id,
          conversation_id: conversation,
          reasons: JSON.stringify(h.reasons),
          brief: JSON.stringify(h.brief ?? {}),
          routing: '{}',
          team_id: h.team ? ws.teamId : null,
          requested_at: at(s, h.at),
          accepted_at: h.accepted !== undefined ? at(s, h.accepted) : null,
          first_agent_reply_at: h.reply !== undefined ? at(s, h.reply) : null,
          resolved_at: h.resolved !== undefined ? at(s, h.resolved) : null,
        })
        .execute();
      ids[s.key]!.handoff = id;
    }
  }
  return ids;
}

// Independent arithmetic over the specs.
const nearestRank = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.ceil(p * xs.length) - 1];
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('analytics API', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  let api: ReturnType<typeof apiClient>;
  let agent: string;
  let viewer: string;
  let ids: Record<string, { conversation: string; handoff?: string }>;
  const range = 'from=2025-03-01&to=2025-03-31';

  beforeAll(async () => {
    tdb = await openTestDatabase();
    ws = await seedWorkspace(tdb.database.db);
    ids = await seed(tdb.database.db, ws);
    baton = await startTestBaton(tdb.database);
    api = apiClient(baton.url);
    agent = await login(baton.url, ws.agent.email, ws.agent.password);
    viewer = await login(baton.url, ws.viewer.email, ws.viewer.password);
  });
  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
  });

  it('agents rate the brief in one click; viewers and API keys cannot; no handoff is a conflict', async () => {
    const c2 = ids.c2!.conversation;
    expect((await api('POST', `/api/v1/conversations/${c2}/brief-feedback`, { token: viewer, body: { useful: true } })).status).toBe(403);
    expect((await api('POST', `/api/v1/conversations/${c2}/brief-feedback`, { token: ws.apiKey, body: { useful: true } })).status).toBe(
      403,
    );
    expect((await api('POST', `/api/v1/conversations/${c2}/brief-feedback`, { token: agent, body: { useful: 'yes' } })).status).toBe(400);
    expect(
      (await api('POST', `/api/v1/conversations/${ids.c1!.conversation}/brief-feedback`, { token: agent, body: { useful: true } })).body
        .error.code,
    ).toBe('conflict');
    expect(
      (await api('POST', `/api/v1/conversations/${randomUUID()}/brief-feedback`, { token: agent, body: { useful: true } })).status,
    ).toBe(404);
    const res = await api('POST', `/api/v1/conversations/${c2}/brief-feedback`, {
      token: agent,
      body: { useful: false, comment: 'The order number was missing.' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ handoff_id: ids.c2!.handoff, useful: false, comment: 'The order number was missing.' });
    expect(
      (await api('POST', `/api/v1/conversations/${ids.c3!.conversation}/brief-feedback`, { token: agent, body: { useful: true } })).status,
    ).toBe(200);
  });

  it('overview totals match the seed', async () => {
    const res = await api('GET', `/api/v1/analytics/overview?${range}`, { token: viewer });
    expect(res.status).toBe(200);
    const t = res.body.totals;
    const specs = SPECS.filter((s) => IN_RANGE.includes(s.key));
    const handed = specs.filter((s) => s.handoff);
    expect(t.conversations).toBe(specs.length);
    const automated = specs.filter((s) => !s.handoff && s.messages.some((m) => m.action === 'answer')).length;
    expect(t.automated_resolutions).toBe(automated);
    expect(t.automated_resolution_rate).toBeCloseTo(automated / specs.length, 4);
    expect(t.handoff_rate).toBeCloseTo(handed.length / specs.length, 4);
    expect(t.handoff_reasons).toEqual({ low_confidence: 2, customer_requested: 1 });
    expect(t.handoff_reasons_any).toEqual({ low_confidence: 2, customer_requested: 1 });
    expect(t.handoff_rate_by_reason.low_confidence).toBeCloseTo(2 / specs.length, 4);

    // First response: first customer message to the first bot or agent message.
    const frt = specs.flatMap((s) => {
      const reply = s.messages.find((m) => m.author === 'bot' || m.author === 'agent');
      return reply ? [reply.at - s.messages[0]!.at] : [];
    });
    expect(frt).toEqual([2, 3, 301, 5]);
    expect(t.first_response_seconds).toEqual({
      count: 4,
      mean: Number(avg(frt).toFixed(2)),
      median: nearestRank(frt, 0.5),
      p90: nearestRank(frt, 0.9),
    });

    const tth = handed.flatMap((s) => (s.handoff!.reply !== undefined ? [s.handoff!.reply - s.handoff!.at] : []));
    expect(t.time_to_human_seconds).toMatchObject({
      count: tth.length,
      mean: avg(tth),
      median: nearestRank(tth, 0.5),
      p90: nearestRank(tth, 0.9),
    });

    // Bot time: start to the handoff request, or to the bot's last message; only where the bot spoke.
    const bot = specs.flatMap((s) => {
      const bots = s.messages.filter((m) => m.author === 'bot');
      if (!bots.length) return [];
      return [s.handoff ? s.handoff.at : bots.at(-1)!.at];
    });
    expect(bot.sort((a, b) => a - b)).toEqual([5, 31, 61]);
    expect(t.bot_handle_seconds).toMatchObject({ count: 3, median: 31, mean: Number(avg(bot).toFixed(2)) });

    // Human time: accepted (or first reply) to resolved.
    const human = handed.flatMap((s) => {
      const h = s.handoff!;
      const from = h.accepted ?? h.reply;
      return from !== undefined && h.resolved !== undefined ? [h.resolved - from] : [];
    });
    expect(human).toEqual([480, 900]);
    expect(t.human_handle_seconds).toMatchObject({ count: 2, mean: 690, median: 480, p90: 900 });

    expect(t.csat).toEqual({
      bot_only: { count: 1, mean: 5 },
      handed_off: { count: 2, mean: 3 },
      by_path: { bot: { count: 1, mean: 5 }, human: { count: 0, mean: null }, handed_off: { count: 2, mean: 3 } },
    });
    // c2's agent asked for the order number the customer gave the bot; c3's customer said nothing again.
    expect(t.reexplain).toEqual({ audited: 2, reexplained: 1, rate: 0.5 });
    expect(t.brief_feedback).toEqual({ rated: 2, useful: 1, useful_rate: 0.5 });
  });

  it('series per day and per week, and filters by team, intent, language and imported history', async () => {
    const day = (await api('GET', `/api/v1/analytics/overview?${range}&bucket=day`, { token: viewer })).body.series;
    expect(day.map((p: any) => [p.period, p.metrics.conversations])).toEqual([
      ['2025-03-03', 2],
      ['2025-03-04', 2],
      ['2025-03-11', 1],
    ]);
    const week = (await api('GET', `/api/v1/analytics/overview?${range}&bucket=week`, { token: viewer })).body.series;
    expect(week.map((p: any) => [p.period, p.metrics.conversations, p.metrics.handed_off])).toEqual([
      ['2025-03-03', 4, 2],
      ['2025-03-10', 1, 1],
    ]);

    const count = async (q: string) =>
      (await api('GET', `/api/v1/analytics/overview?${range}&${q}`, { token: viewer })).body.totals.conversations;
    expect(await count(`team_id=${ws.teamId}`)).toBe(2); // c2 by its team, c3 by its handoff's
    expect(await count('intent=refunds')).toBe(2);
    expect(await count('language=fr')).toBe(1);
    expect(await count('include_imported=true')).toBe(6);
    // A `to` date is inclusive; a `to` time is exclusive.
    const only = async (q: string) => (await api('GET', `/api/v1/analytics/overview?${q}`, { token: viewer })).body.totals.conversations;
    expect(await only('from=2025-02-01&to=2025-02-01')).toBe(1);
    expect(await only('from=2025-02-01&to=2025-02-01T08:00:00Z')).toBe(0);
  });

  it('knowledge gaps: low-confidence topics with example questions', async () => {
    const res = await api('GET', `/api/v1/analytics/knowledge-gaps?${range}`, { token: viewer });
    expect(res.body.knowledge_gaps).toEqual([
      { topic: 'Billing', intent_id: 'billing', handoffs: 1, mean_confidence: 0.2, examples: ['Why was I charged twice for my plan?'] },
      { topic: 'Shipping', intent_id: 'shipping', handoffs: 1, mean_confidence: 0.3, examples: ['still stuck'] },
    ]);
  });

  it('CSV export: a row per period and a total', async () => {
    const res = await fetch(`${baton.url}/api/v1/analytics/export.csv?${range}&bucket=week`, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="baton-analytics-2025-03-01-2025-04-01-week\.csv"/);
    const rows = (await res.text())
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    const head = rows[0]!;
    expect(rows.map((r) => r[0])).toEqual(['period', '2025-03-03', '2025-03-10', 'total']);
    const col = (name: string) => head.indexOf(name);
    expect(rows[3]![col('conversations')]).toBe('5');
    expect(rows[3]![col('handoffs_low_confidence')]).toBe('2');
    expect(rows[3]![col('time_to_human_median_s')]).toBe('180');
  });

  it('refuses bad ranges and anonymous callers', async () => {
    expect((await api('GET', '/api/v1/analytics/overview?from=2025-03-10&to=2025-03-01', { token: viewer })).status).toBe(400);
    expect((await api('GET', '/api/v1/analytics/overview?from=2020-01-01&to=2025-01-01', { token: viewer })).status).toBe(400);
    expect((await api('GET', '/api/v1/analytics/overview?bucket=month', { token: viewer })).status).toBe(400);
    expect((await api('GET', '/api/v1/analytics/overview')).status).toBe(401);
  });

  it('QA: a deterministic monthly sample, rubric reviews (validated), and the brief-quality report', async () => {
    const rubric = (await api('GET', '/api/v1/qa/rubric', { token: viewer })).body;
    const itemIds: string[] = rubric.items.map((i: any) => i.id);
    const a = (await api('GET', '/api/v1/qa/sample?month=2025-03&n=2', { token: viewer })).body;
    const b = (await api('GET', '/api/v1/qa/sample?month=2025-03&n=2', { token: agent })).body;
    expect(a.population).toBe(3);
    expect(a.items.map((i: any) => i.handoff_id)).toEqual(b.items.map((i: any) => i.handoff_id));
    expect(a.items).toHaveLength(2);
    const all = (await api('GET', '/api/v1/qa/sample?month=2025-03&n=20', { token: viewer })).body;
    expect(all.items.map((i: any) => i.handoff_id).sort()).toEqual([ids.c2!.handoff, ids.c3!.handoff, ids.c4!.handoff].sort());
    expect((await api('GET', '/api/v1/qa/sample?month=2025-02&n=20', { token: viewer })).body.population).toBe(0);
    expect((await api('GET', '/api/v1/qa/sample?month=2025-13', { token: viewer })).status).toBe(400);

    const scores = (v: number) => Object.fromEntries(itemIds.map((id) => [id, v]));
    const post = (token: string, body: object) => api('POST', '/api/v1/qa/reviews', { token, body });
    expect((await post(viewer, { handoff_id: ids.c2!.handoff, scores: scores(3) })).status).toBe(403);
    expect((await post(agent, { handoff_id: ids.c2!.handoff, scores: { ...scores(3), summary_accurate: 6 } })).status).toBe(400);
    const { summary_accurate: _s, ...missing } = scores(3);
    expect((await post(agent, { handoff_id: ids.c2!.handoff, scores: missing })).status).toBe(400);
    expect((await post(agent, { handoff_id: randomUUID(), scores: scores(3) })).status).toBe(404);
    expect((await post(agent, { handoff_id: ids.c2!.handoff, scores: scores(1) })).status).toBe(200);
    // Submitting again replaces the same reviewer's review.
    const c2Scores = { ...scores(2), summary_accurate: 4 };
    expect((await post(agent, { handoff_id: ids.c2!.handoff, scores: c2Scores, comment: 'order number missing' })).body).toMatchObject({
      month: '2025-03',
      comment: 'order number missing',
    });
    expect((await post(agent, { handoff_id: ids.c3!.handoff, scores: scores(5) })).status).toBe(200);

    const report = (await api('GET', '/api/v1/qa/report?month=2025-03', { token: viewer })).body;
    const briefItems = rubric.items.filter((i: any) => i.counts_for_brief_score).map((i: any) => i.id as string);
    const perReview = [c2Scores, scores(5)].map((s: Record<string, number>) => avg(briefItems.map((id: string) => s[id]!)));
    const expected = Number((((avg(perReview) - 1) / 4) * 100).toFixed(1));
    expect(report).toMatchObject({
      month: '2025-03',
      handoffs: 3,
      reviews: 2,
      handoffs_reviewed: 2,
      brief_quality_score: expected,
      agent_ratings: { rated: 2, useful: 1, useful_rate: 0.5 },
    });
    expect(report.items.find((i: any) => i.id === 'summary_accurate')).toMatchObject({ mean: 4.5, score: 87.5 });
  });
});
