import { describe, expect, it } from 'vitest';
import { apiClient, login } from '../support/baton.ts';
import { useTestBaton } from '../support/test-baton.ts';

// A line sent again with the sender's own id (after a timeout, or an answer lost on the way)
// is kept once: every send gets the kept line back, on every path a line can take.
describe('a line sent again with its client_message_id', () => {
  const t = useTestBaton();
  const api = () => apiClient(t.baton.url);

  const start = async () =>
    (await api()('POST', '/api/v1/widget/conversations', { body: { workspace: t.ws.slug } })).body as {
      token: string;
      conversation: { id: string };
    };
  const send = (c: { token: string; conversation: { id: string } }, text: string, clientMessageId?: string) =>
    api()('POST', `/api/v1/widget/conversations/${c.conversation.id}/messages`, {
      token: c.token,
      body: { text, client_message_id: clientMessageId },
    });
  const customerLines = async (c: { token: string; conversation: { id: string } }) =>
    (
      (await api()('GET', `/api/v1/widget/conversations/${c.conversation.id}`, { token: c.token })).body.messages as {
        id: string;
        author: string;
        text: string;
      }[]
    ).filter((m) => m.author === 'customer');

  it('returns the kept line and the bot’s answer to it, and stores neither twice', async () => {
    const c = await start();
    const first = await send(c, 'where is my order?', 'line-0001-abcd');
    expect(first.status).toBe(201);
    expect(first.body.replies.length).toBeGreaterThan(0);
    await send(c, 'and one more thing', 'line-0002-abcd');

    const again = await send(c, 'where is my order?', 'line-0001-abcd');
    expect(again.status).toBe(201);
    expect(again.body.message.id).toBe(first.body.message.id);
    expect(again.body.replies.map((m: { id: string }) => m.id)).toEqual(first.body.replies.map((m: { id: string }) => m.id));
    expect((await customerLines(c)).map((m) => m.text)).toEqual(['where is my order?', 'and one more thing']);
  });

  it.each(['with_agent', 'queued'] as const)('keeps one copy when the same line arrives many times at once (%s)', async (status) => {
    const c = await start();
    await api()('POST', `/api/v1/widget/conversations/${c.conversation.id}/handoff`, { token: c.token });
    if (status === 'with_agent') {
      const agent = await login(t.baton.url, t.ws.agent.email, t.ws.agent.password);
      expect((await api()('POST', `/api/v1/conversations/${c.conversation.id}/accept`, { token: agent })).status).toBe(200);
    }
    const sends = await Promise.all(Array.from({ length: 8 }, () => send(c, 'are you there?', `same-line-${status}`)));
    expect(sends.map((s) => s.status)).toEqual(sends.map(() => 201));
    expect(new Set(sends.map((s) => s.body.message.id)).size).toBe(1);
    expect((await customerLines(c)).map((m) => m.text)).toEqual(['are you there?']);
  });

  it('treats ids as the sender’s own per conversation, and lines without one as new each time', async () => {
    const a = await start();
    const b = await start();
    const inA = await send(a, 'hello', 'shared-id-123');
    const inB = await send(b, 'hello', 'shared-id-123');
    expect(inB.status).toBe(201);
    expect(inB.body.message.id).not.toBe(inA.body.message.id);
    await send(a, 'no id');
    await send(a, 'no id');
    expect((await customerLines(a)).map((m) => m.text)).toEqual(['hello', 'no id', 'no id']);
  });

  it('keeps an agent’s reply once when it is sent again, and never answers with the customer’s line', async () => {
    const c = await start();
    await api()('POST', `/api/v1/widget/conversations/${c.conversation.id}/handoff`, { token: c.token });
    const agent = await login(t.baton.url, t.ws.agent.email, t.ws.agent.password);
    expect((await api()('POST', `/api/v1/conversations/${c.conversation.id}/accept`, { token: agent })).status).toBe(200);
    const reply = (clientMessageId: string, text = 'Your refund is on its way.') =>
      api()('POST', `/api/v1/conversations/${c.conversation.id}/messages`, {
        token: agent,
        body: { text, client_message_id: clientMessageId },
      });

    const sends = await Promise.all([reply('agent-line-1'), reply('agent-line-1'), reply('agent-line-1')]);
    expect(sends.map((s) => s.status)).toEqual([201, 201, 201]);
    expect(new Set(sends.map((s) => s.body.message.id)).size).toBe(1);
    const seen = (
      (await api()('GET', `/api/v1/widget/conversations/${c.conversation.id}`, { token: c.token })).body.messages as { text: string }[]
    ).filter((m) => m.text === 'Your refund is on its way.');
    expect(seen).toHaveLength(1);

    // An id the customer already used is not the agent's: a clear conflict, nothing stored.
    await send(c, 'thanks!', 'customer-line-1');
    const clash = await reply('customer-line-1', 'something else');
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('conflict');
    const staff = (await api()('GET', `/api/v1/conversations/${c.conversation.id}`, { token: agent })).body.messages as { text: string }[];
    expect(staff.map((m) => m.text)).not.toContain('something else');
  });

  it('refuses a malformed id and stores nothing', async () => {
    const c = await start();
    for (const bad of ['short', 'x'.repeat(65), 'has spaces in it', 42]) {
      const res = await api()('POST', `/api/v1/widget/conversations/${c.conversation.id}/messages`, {
        token: c.token,
        body: { text: 'hi', client_message_id: bad },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    expect(await customerLines(c)).toEqual([]);
  });
});
