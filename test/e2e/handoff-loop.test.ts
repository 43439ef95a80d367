import { describe, expect, it } from 'vitest';
import { apiClient, login, TestSocket, wsUrl } from '../support/baton.ts';
import { useTestBaton } from '../support/test-baton.ts';

// The whole loop over real HTTP and WebSocket: bot answers, customer asks for a human, an
// agent on another socket is told, accepts, replies live, resolves; the customer rates.
describe('bot-to-human handoff loop', () => {
  const t = useTestBaton();

  it('runs from first question to rating', async () => {
    const api = apiClient(t.baton.url);
    const agentToken = await login(t.baton.url, t.ws.agent.email, t.ws.agent.password);
    const agentSocket = await TestSocket.open(wsUrl(t.baton.url, '/api/v1/ws', agentToken));

    const start = await api('POST', '/api/v1/widget/conversations', {
      body: { workspace: t.ws.slug, customer: { name: 'Ann' }, message: 'how do refunds work?' },
    });
    expect(start.status).toBe(201);
    const { token, conversation } = start.body;
    expect(start.body.messages.map((m: any) => m.author)).toEqual(['customer', 'bot']);
    expect(start.body.messages[1].citations[0].articleId).toBe('refunds');
    expect(conversation.status).toBe('bot');

    const customerSocket = await TestSocket.open(wsUrl(t.baton.url, '/api/v1/widget/ws', token));

    const ask = await api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, {
      token,
      body: { text: 'I want to talk to a human please' },
    });
    expect(ask.status).toBe(201);
    expect(ask.body.conversation.status).toBe('queued');
    expect(ask.body.replies[0].author).toBe('system');

    const handoffPush = await agentSocket.next((p) => p.type === 'conversation.handoff');
    expect(handoffPush.data.conversation.id).toBe(conversation.id);
    expect(handoffPush.data.handoff.reasons).toEqual(['customer_requested']);
    expect(handoffPush.data.handoff.brief.summary).toContain('human');

    // While humans hold it, the bot stays silent.
    const waiting = await api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, {
      token,
      body: { text: 'hello? refunds?' },
    });
    expect(waiting.body.replies).toEqual([]);

    const accepted = await api('POST', `/api/v1/conversations/${conversation.id}/accept`, { token: agentToken });
    expect(accepted.status).toBe(200);
    expect(accepted.body.conversation).toMatchObject({ status: 'with_agent', controller: 'human', assignee_id: t.ws.agent.id });

    const reply = await api('POST', `/api/v1/conversations/${conversation.id}/messages`, {
      token: agentToken,
      body: { text: 'Hi Ann, I can help with your refund.' },
    });
    expect(reply.status).toBe(201);
    const live = await customerSocket.next((p) => p.type === 'message.created' && p.data.author === 'agent');
    expect(live.data.text).toBe('Hi Ann, I can help with your refund.');
    expect(live.data).not.toHaveProperty('trace');

    const note = await api('POST', `/api/v1/conversations/${conversation.id}/messages`, {
      token: agentToken,
      body: { text: 'customer seems upset', internal: true },
    });
    expect(note.status).toBe(201);

    const resolved = await api('POST', `/api/v1/conversations/${conversation.id}/resolve`, { token: agentToken });
    expect(resolved.body.conversation.status).toBe('resolved');
    await customerSocket.next((p) => p.type === 'conversation.updated' && p.data.status === 'resolved');

    const rated = await api('POST', `/api/v1/widget/conversations/${conversation.id}/csat`, { token, body: { score: 5 } });
    expect(rated.body.conversation.csat).toBe(5);

    // The customer never sees the internal note; the agent's transcript has everything in order.
    const mine = await api('GET', `/api/v1/widget/conversations/${conversation.id}`, { token });
    expect(mine.body.messages.some((m: any) => m.text === 'customer seems upset')).toBe(false);
    expect(customerSocket.received.some((p) => p.data?.text === 'customer seems upset')).toBe(false);
    const full = await api('GET', `/api/v1/conversations/${conversation.id}`, { token: agentToken });
    const seqs = full.body.messages.map((m: any) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a: number, b: number) => a - b));
    expect(full.body.messages.find((m: any) => m.internal).text).toBe('customer seems upset');
    expect(full.body.handoffs[0].accepted_at).not.toBeNull();
    expect(full.body.handoffs[0].first_agent_reply_at).not.toBeNull();
    expect(full.body.handoffs[0].resolved_at).not.toBeNull();

    agentSocket.close();
    customerSocket.close();
  });

  it('hands off with engine_error when the engine fails, and returns to the bot', async () => {
    const api = apiClient(t.baton.url);
    const agentToken = await login(t.baton.url, t.ws.agent.email, t.ws.agent.password);
    const agentSocket = await TestSocket.open(wsUrl(t.baton.url, '/api/v1/ws', agentToken));
    const start = await api('POST', '/api/v1/widget/conversations', { body: { workspace: t.ws.slug, message: 'please explode' } });
    expect(start.body.conversation.status).toBe('queued');
    const id = start.body.conversation.id;
    const detail = await api('GET', `/api/v1/conversations/${id}`, { token: agentToken });
    expect(detail.body.handoffs[0].reasons).toEqual(['engine_error']);

    await api('POST', `/api/v1/conversations/${id}/accept`, { token: agentToken });
    const back = await api('POST', `/api/v1/conversations/${id}/return-to-bot`, { token: agentToken });
    expect(back.body.conversation).toMatchObject({ status: 'bot', controller: 'bot', assignee_id: null });
    const answered = await api('POST', `/api/v1/widget/conversations/${id}/messages`, {
      token: start.body.token,
      body: { text: 'shipping?' },
    });
    expect(answered.body.replies[0].author).toBe('bot');
    agentSocket.close();
  });

  it('waits for the customer when nobody is online', async () => {
    const api = apiClient(t.baton.url);
    for (const who of [t.ws.agent, t.ws.admin]) {
      const token = await login(t.baton.url, who.email, who.password);
      expect((await api('PUT', '/api/v1/me/status', { token, body: { status: 'offline' } })).status).toBe(200);
    }
    const start = await api('POST', '/api/v1/widget/conversations', { body: { workspace: t.ws.slug, message: 'a person please' } });
    expect(start.body.conversation.status).toBe('awaiting_customer');
    expect(start.body.messages.at(-1).text).toMatch(/e-mail/);
  });
});
