import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSocket, wsUrl } from '../support/baton.ts';
import { waitFor } from './support/standin.ts';
import { GG_EMAIL, GG_KEY, GorgiasStandIn, type GgTicket } from './support/gorgias-standin.ts';
import { customerAsksForHuman, handoffOf, startHarness, threadOf, type Harness } from './support/setup.ts';

// Gorgias contract, after developers.gorgias.com (see support/gorgias-standin.ts): Basic email:api_key, an
// `api`-channel ticket carrying our handoff id as external_id, the brief as an internal-note
// message, tags as {name} (priority among them), custom fields and assignee_team; HTTP
// integrations registered by set-up post back with our shared secret header.
describe('Gorgias connector', () => {
  let h: Harness;
  const gg = new GorgiasStandIn();

  beforeAll(async () => {
    await gg.start();
    h = await startHarness();
    const put = await h.api('PUT', '/api/v1/connectors/gorgias', {
      token: h.adminToken,
      body: {
        config: { base_url: gg.url, allow_private_network: true, team_map: { Support: 12 }, intent_field_id: 77, confidence_field_id: 78 },
        credentials: { email: GG_EMAIL, api_key: GG_KEY },
      },
    });
    expect(put.status).toBe(200);
  });
  afterAll(async () => {
    await h?.stop();
    await gg.stop();
  });

  const ticketsFor = async (conversationId: string): Promise<GgTicket[]> => {
    const handoff = await handoffOf(h, conversationId);
    return gg.tickets.filter((t) => t.external_id === handoff.id);
  };
  const widget = (c: { id: string; token: string }) => h.api('GET', `/api/v1/widget/conversations/${c.id}`, { token: c.token });

  it('tests the connection; set-up registers the HTTP integrations by API, once', async () => {
    expect((await h.api('POST', '/api/v1/connectors/gorgias/test', { token: h.adminToken })).body).toMatchObject({ ok: true });
    const setup = await h.api('POST', '/api/v1/connectors/gorgias/setup', { token: h.adminToken, body: { public_url: h.baton.url } });
    expect(setup.status).toBe(200);
    expect(setup.body.registered).toHaveLength(2);
    expect(gg.integrations.map((i) => Object.keys(i.http.triggers))).toEqual([['ticket-message-created'], ['ticket-updated']]);
    const hook = gg.integrationFor('ticket-message-created');
    expect(hook.http.url).toBe(`${h.baton.url}/api/v1/connectors/gorgias/webhook/${h.ws.id}`);
    const secret = hook.http.headers['x-baton-secret']!;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    // Again: the same integrations updated, not new ones, and the same secret.
    await h.api('POST', '/api/v1/connectors/gorgias/setup', { token: h.adminToken, body: { public_url: h.baton.url } });
    expect(gg.integrations).toHaveLength(2);
    expect(gg.calls('PUT', '/api/integrations/')).toHaveLength(2);
    expect(gg.integrationFor('ticket-updated').http.headers['x-baton-secret']).toBe(secret);
    expect(gg.violations).toEqual([]);
  });

  it('hands off: api ticket, brief as internal note, tags/fields/team; mirrors; replies and close come back', async () => {
    const c = await customerAsksForHuman(h);
    const socket = await TestSocket.open(wsUrl(h.baton.url, '/api/v1/widget/ws', c.token));
    const t = await waitFor(
      async () => (await ticketsFor(c.id)).find((x) => x.messages.some((m) => m.channel === 'internal-note')),
      15_000,
      'ticket with note',
    );
    expect(t.body).toMatchObject({ channel: 'api', via: 'api', from_agent: false, assignee_team: { id: 12 } });
    expect(t.body.tags.map((x: any) => x.name)).toEqual(
      expect.arrayContaining(['baton_handoff', 'priority_normal', 'reason_customer_requested']),
    );
    // The scripted engine's intent and confidence for a refunds question.
    expect(t.body.tags.map((x: any) => x.name)).toEqual(expect.arrayContaining(['intent_refunds', 'confidence_high']));
    expect(t.body.custom_fields).toEqual([
      { id: 77, value: 'refunds' },
      { id: 78, value: '1.00' },
    ]);
    expect(t.body.customer.email).toMatch(/@chat\.baton\.invalid$/);
    expect(t.messages[0]).toMatchObject({ channel: 'api', from_agent: false });
    expect(t.messages[0]!.body_text).toContain('human');
    const note = t.messages.find((m) => m.channel === 'internal-note')!;
    expect(note).toMatchObject({ from_agent: true, public: false, sender: { email: GG_EMAIL } });
    expect(note.body_text).toContain('Baton handoff brief');

    await h.api('POST', `/api/v1/widget/conversations/${c.id}/messages`, { token: c.token, body: { text: 'any news?' } });
    const mirrored = await waitFor(() => t.messages.find((m) => m.body_text === 'any news?'), 15_000, 'mirrored');
    expect(mirrored).toMatchObject({ channel: 'api', from_agent: false });
    expect(mirrored.external_id).toMatch(/^baton:/);

    // Echoes of what we wrote are dropped: the internal note, the mirrored customer line.
    const echoes = await gg.send([gg.delivery('ticket-message-created', t, note), gg.delivery('ticket-message-created', t, mirrored)]);
    expect(echoes.body).toMatchObject({ received: 2, ignored: 2, applied: 0 });

    // A forged secret: 401 and nothing changes.
    const status = (await widget(c)).body.conversation.status;
    expect(['queued', 'awaiting_customer']).toContain(status);
    const reply = gg.agentReply(t, 'Hi Ann, I can help with that.');
    expect((await gg.send(reply, { secret: 'not-the-secret-0123456789' })).status).toBe(401);
    expect((await gg.send(gg.agentCloses(t), { trigger: 'ticket-updated', secret: '' })).status).toBe(401);
    let mine = await widget(c);
    expect(mine.body.conversation.status).toBe(status);
    expect(mine.body.messages.some((m: any) => m.author === 'agent')).toBe(false);
    t.status = 'open';

    // A batch (Gorgias posts one per request; a list is split too): two replies and the echo of our note.
    const batch = await gg.send([reply, gg.delivery('ticket-message-created', t, note), gg.agentReply(t, 'Checking your order.')]);
    expect(batch.body).toMatchObject({ received: 3, applied: 2, ignored: 1 });
    const live = await socket.next((p) => p.type === 'message.created' && p.data.author === 'agent');
    expect(live.data.text).toBe('Hi Ann, I can help with that.');
    expect((await gg.send(reply)).body).toMatchObject({ duplicates: 1, applied: 0 });

    // Out of order: the close arrives before a reply the agent sent just before closing.
    const late = gg.agentReply(t, 'Refund is on its way.');
    expect((await gg.send(gg.agentCloses(t), { trigger: 'ticket-updated' })).body).toMatchObject({ applied: 1 });
    await socket.next((p) => p.type === 'conversation.updated' && p.data.status === 'bot');
    expect((await gg.send(late)).body).toMatchObject({ applied: 1 });
    expect((await gg.send(gg.agentCloses(t), { trigger: 'ticket-updated' })).body).toMatchObject({ duplicates: 1 });
    mine = await widget(c);
    expect(mine.body.conversation.status).toBe('bot');
    expect(mine.body.messages.filter((m: any) => m.author === 'agent').map((m: any) => m.text)).toEqual([
      'Hi Ann, I can help with that.',
      'Checking your order.',
      'Refund is on its way.',
    ]);
    socket.close();
    expect(gg.violations).toEqual([]);
  });

  it('closing in Baton closes the ticket in Gorgias', async () => {
    const c = await customerAsksForHuman(h);
    const t = await waitFor(async () => (await ticketsFor(c.id))[0], 15_000, 'ticket');
    const res = await h.api('POST', `/api/v1/conversations/${c.id}/resolve`, { token: h.adminToken });
    expect(res.status).toBe(200);
    await waitFor(() => t.status === 'closed', 15_000, 'ticket closed');
    expect(gg.calls('PUT', `/api/tickets/${t.id}`).at(-1)!.body).toEqual({ status: 'closed' });
  });

  it('honours 429 Retry-After', async () => {
    gg.throttle = { count: 1, retryAfter: '2', match: (r) => r.method === 'POST' && r.path === '/api/tickets' };
    const c = await customerAsksForHuman(h);
    await waitFor(async () => (await ticketsFor(c.id))[0], 15_000, 'ticket after 429');
    const posts = gg
      .calls('POST', '/api/tickets')
      .filter((r) => r.path === '/api/tickets')
      .slice(-2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1900);
  });

  it('down (503) during a handoff, then back: one ticket, every line once, in order', async () => {
    gg.down = true;
    const c = await customerAsksForHuman(h);
    for (const text of ['line one', 'line two'])
      await h.api('POST', `/api/v1/widget/conversations/${c.id}/messages`, { token: c.token, body: { text } });
    // This handoff's own attempts (the create, then lookups by its id): the test before may still
    // be posting its brief, and those calls fail and retry while down too.
    const { id: handoffId } = await handoffOf(h, c.id);
    const attempts = () =>
      gg.requests.filter(
        (r) => r.path === '/api/tickets' && (r.body?.external_id === handoffId || r.query.get('external_id') === handoffId),
      ).length;
    const before = attempts();
    await waitFor(() => attempts() >= before + 2, 15_000, 'retries while down');
    gg.down = false;
    const t = await waitFor(async () => (await ticketsFor(c.id))[0], 15_000, 'ticket after recovery');
    await waitFor(
      () => t.messages.some((m) => m.channel === 'api' && m.body_text.includes('line two') && !m.external_id?.endsWith(':transcript')),
      15_000,
      'mirrored',
    );
    expect(await ticketsFor(c.id)).toHaveLength(1);
    const mirrored = t.messages
      .filter((m) => m.channel === 'api' && !m.external_id!.endsWith(':transcript'))
      .map((m) => m.body_text)
      .join('\n');
    const transcript = t.messages[0]!.body_text;
    // Each line reaches the ticket exactly once: in the transcript of the create, or mirrored after it.
    for (const line of ['line one', 'line two'])
      expect((transcript + '\n' + mirrored).split(line), JSON.stringify(t.messages)).toHaveLength(2);
    for (const line of ['line one', 'line two']) expect((transcript + '\n' + mirrored).split(line)).toHaveLength(2);
    expect((transcript + '\n' + mirrored).indexOf('line one')).toBeLessThan((transcript + '\n' + mirrored).indexOf('line two'));
    expect(t.messages.filter((m) => m.channel === 'internal-note')).toHaveLength(1);
  });

  it('a lost answer to the create: the retry finds the ticket by external_id, no second ticket', async () => {
    gg.dropAfterHandling = (r) => r.method === 'POST' && r.path === '/api/tickets';
    const lookups = gg.calls('GET', '/api/tickets').length;
    const c = await customerAsksForHuman(h);
    await waitFor(async () => (await threadOf(h, c.id))?.status === 'open', 15_000, 'thread open');
    const tickets = await ticketsFor(c.id);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.messages.filter((m) => m.channel === 'internal-note')).toHaveLength(1);
    const handoff = await handoffOf(h, c.id);
    expect(
      gg
        .calls('GET', '/api/tickets')
        .slice(lookups)
        .some((r) => r.query.get('external_id') === handoff.id),
    ).toBe(true);
    expect(gg.violations).toEqual([]);
  });
});
