import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, login, seedWorkspace, startTestBaton, TestSocket, wsUrl, type SeededWorkspace } from '../support/baton.ts';
import { scriptedEngineFactory } from '../support/scripted-engine.ts';
import type { EngineFactory, TurnInput } from '../../src/engine/types.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';

const EMAIL = 'anna.berg@example.com';
const CARD = '4111 1111 1111 1111';

// Every customer message passes the shield first: the bot, the database and staff see
// tokens; the customer sees their own words; a reveal is deliberate and recorded.
describe('PII shield in the conversation core', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  const seenByEngine: TurnInput[] = [];
  const recordingEngine: EngineFactory = async (articles) => {
    const inner = await scriptedEngineFactory(articles);
    return { defaultThreshold: inner.defaultThreshold, turn: (input) => (seenByEngine.push(input), inner.turn(input)) };
  };

  beforeAll(async () => {
    tdb = await openTestDatabase();
    baton = await startTestBaton(tdb.database, recordingEngine);
    ws = await seedWorkspace(tdb.database.db);
  });
  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
  });

  it('redacts before the bot, the database and staff see the text', async () => {
    const api = apiClient(baton.url);
    const start = await api('POST', '/api/v1/widget/conversations', {
      body: { workspace: ws.slug, message: `My e-mail is ${EMAIL} and my card ${CARD}, refunds?` },
    });
    expect(start.status).toBe(201);
    const { token, conversation } = start.body;
    // The customer sees their own words.
    expect(start.body.messages[0].text).toContain(EMAIL);
    const customerSocket = await TestSocket.open(wsUrl(baton.url, '/api/v1/widget/ws', token));

    // The bot saw tokens only.
    expect(seenByEngine.at(-1)!.text).toMatch(/<EMAIL_1>.*<CARD_1>/);
    expect(JSON.stringify(seenByEngine)).not.toContain(EMAIL);

    // The same value keeps its token for the whole conversation.
    await api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, { token, body: { text: `again: ${EMAIL}` } });
    expect(seenByEngine.at(-1)!.text).toBe('again: <EMAIL_1>');
    const pushed = await customerSocket.next(
      (p) => p.type === 'message.created' && p.data.author === 'customer' && p.data.text.startsWith('again'),
    );
    expect(pushed.data.text).toBe(`again: ${EMAIL}`);

    // Nothing in the database holds the values in clear.
    const dump = await sql<{ t: string }>`
      select string_agg(m.text || ' ' || m.redacted_text || ' ' || coalesce(m.trace::text, ''), ' ') as t from messages m
      union all select string_agg(data::text, ' ') from events
      union all select string_agg(brief::text, ' ') from handoffs
      union all select string_agg(coalesce(pii_state, ''), ' ') from conversations`.execute(tdb.database.db);
    const all = dump.rows.map((r) => r.t ?? '').join(' ');
    expect(all).not.toContain(EMAIL);
    expect(all).not.toContain(CARD);
    expect(all.replace(/\s/g, '')).not.toContain(CARD.replace(/\s/g, ''));

    // Staff see tokens; a reveal gives the values and is recorded.
    const agent = await login(baton.url, ws.agent.email, ws.agent.password);
    const detail = await api('GET', `/api/v1/conversations/${conversation.id}`, { token: agent });
    expect(JSON.stringify(detail.body)).not.toContain(EMAIL);
    expect(detail.body.messages[0].text).toContain('<EMAIL_1>');
    const reveal = await api('POST', `/api/v1/conversations/${conversation.id}/reveal`, { token: agent });
    expect(reveal.body.values).toEqual({ '<EMAIL_1>': EMAIL, '<CARD_1>': CARD });
    const events = await sql<{
      type: string;
      actor_id: string;
    }>`select type, actor_id from events where conversation_id = ${conversation.id} and type = 'pii.revealed'`.execute(tdb.database.db);
    expect(events.rows).toEqual([{ type: 'pii.revealed', actor_id: ws.agent.id }]);

    // A viewer may not reveal; nothing is recorded for the refusal.
    const viewer = await login(baton.url, ws.viewer.email, ws.viewer.password);
    const refused = await api('POST', `/api/v1/conversations/${conversation.id}/reveal`, { token: viewer });
    expect(refused.status).toBe(403);
    customerSocket.close();
  });
});
