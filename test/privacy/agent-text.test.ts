import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { apiClient, login } from '../support/baton.ts';
import { useTestBaton } from '../support/test-baton.ts';

const CARD = '4111 1111 1111 1111';
const EMAIL = 'refunds.desk@example.com';

// Issue 17: the shield applies to every author by the same policy, agents' replies and
// internal notes included; the customer still reads the reply as the agent wrote it.
describe('agent-typed text passes the PII shield', () => {
  const t = useTestBaton();

  it('stores replies and internal notes with tokens; staff see tokens, the customer the words', async () => {
    const api = apiClient(t.baton.url);
    const start = await api('POST', '/api/v1/widget/conversations', {
      body: { workspace: t.ws.slug, message: 'I need help with a charge' },
    });
    expect(start.status).toBe(201);
    const { token, conversation } = start.body;
    expect((await api('POST', `/api/v1/widget/conversations/${conversation.id}/handoff`, { token, body: {} })).status).toBeLessThan(300);
    const agent = await login(t.baton.url, t.ws.agent.email, t.ws.agent.password);
    expect((await api('POST', `/api/v1/conversations/${conversation.id}/accept`, { token: agent })).status).toBe(200);

    const reply = await api('POST', `/api/v1/conversations/${conversation.id}/messages`, {
      token: agent,
      body: { text: `Was it card ${CARD}? Write to ${EMAIL}.` },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.message.text).toMatch(/^Was it card <CARD_\d+>\? Write to <EMAIL_\d+>\.$/);
    const note = await api('POST', `/api/v1/conversations/${conversation.id}/messages`, {
      token: agent,
      body: { text: `customer said card ${CARD}`, internal: true },
    });
    expect(note.status).toBe(201);
    expect(note.body.message.text).toMatch(/^customer said card <CARD_\d+>$/);

    // Nothing stored holds the values in clear: messages, events (what webhooks and helpdesks read).
    const dump = await sql<{ t: string }>`
      select string_agg(m.text || ' ' || m.redacted_text, ' ') as t from messages m where m.conversation_id = ${conversation.id}
      union all select string_agg(data::text, ' ') from events where conversation_id = ${conversation.id}`.execute(t.tdb.database.db);
    const all = dump.rows.map((r) => r.t ?? '').join(' ');
    expect(all).not.toContain(EMAIL);
    expect(all.replace(/\s/g, '')).not.toContain(CARD.replace(/\s/g, ''));

    // Staff read tokens; the customer reads the reply as written (their conversation's values).
    const detail = await api('GET', `/api/v1/conversations/${conversation.id}`, { token: agent });
    expect(JSON.stringify(detail.body)).not.toContain(EMAIL);
    const mine = await api('GET', `/api/v1/widget/conversations/${conversation.id}`, { token });
    const seen = (mine.body.messages as { author: string; text: string }[]).filter((m) => m.author === 'agent').map((m) => m.text);
    expect(seen).toEqual([`Was it card ${CARD}? Write to ${EMAIL}.`]);
  });
});
