import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSocket, wsUrl } from '../support/baton.ts';
import { waitFor } from './support/standin.ts';
import { KU_KEY, KustomerStandIn, type KuConversation } from './support/kustomer-standin.ts';
import { customerAsksForHuman, handoffOf, startHarness, threadOf, type Harness } from './support/setup.ts';
import { rateLimitWaitMs } from '../../src/connectors/kustomer/api.ts';

// Kustomer contract, after developer.kustomer.com (see support/kustomer-standin.ts): Bearer API key, the
// customer by external id, a conversation for them with externalId = handoff id, native priority
// 1-5, team, custom attributes, the brief as a note, tags by name; an outbound webhook registered
// by set-up whose deliveries are signed with hex HMAC-SHA256 keyed by its token.
describe('Kustomer connector', () => {
  let h: Harness;
  const ku = new KustomerStandIn();

  // The connector's settings against the stand-in (its URL is known once it has started).
  const config = () => ({
    base_url: ku.url,
    allow_private_network: true,
    team_map: { Support: 'team_support' },
    intent_attribute: 'batonIntentStr',
    confidence_attribute: 'batonConfidenceNum',
  });

  beforeAll(async () => {
    await ku.start();
    h = await startHarness();
    const put = await h.api('PUT', '/api/v1/connectors/kustomer', {
      token: h.adminToken,
      body: {
        config: config(),
        credentials: { api_key: KU_KEY },
      },
    });
    expect(put.status).toBe(200);
  });
  afterAll(async () => {
    await h?.stop();
    await ku.stop();
  });

  const conversationsFor = async (conversationId: string): Promise<KuConversation[]> => {
    const handoff = await handoffOf(h, conversationId);
    return ku.conversations.filter((c) => c.externalId === handoff.id);
  };
  const widget = (c: { id: string; token: string }) => h.api('GET', `/api/v1/widget/conversations/${c.id}`, { token: c.token });

  it('reads the wait from x-ratelimit-reset or Retry-After', () => {
    const now = 1_800_000_000_000;
    expect(rateLimitWaitMs({ 'retry-after': '3' }, now)).toBe(3000);
    expect(rateLimitWaitMs({ 'x-ratelimit-reset': String(now / 1000 + 7) }, now)).toBe(7000);
    expect(rateLimitWaitMs({ 'x-ratelimit-reset': String(now + 1500) }, now)).toBe(1500);
    expect(rateLimitWaitMs({ 'x-ratelimit-reset': '12' }, now)).toBe(12_000);
    expect(rateLimitWaitMs({ 'x-ratelimit-reset': '9999' }, now)).toBe(60_000);
    expect(rateLimitWaitMs({}, now)).toBeNull();
  });

  it('tests the connection; set-up registers the outbound webhook by API and keeps its token', async () => {
    expect((await h.api('POST', '/api/v1/connectors/kustomer/test', { token: h.adminToken })).body).toMatchObject({ ok: true });
    const setup = await h.api('POST', '/api/v1/connectors/kustomer/setup', { token: h.adminToken, body: { public_url: h.baton.url } });
    expect(setup.status).toBe(200);
    expect(setup.body.registered).toHaveLength(1);
    expect(ku.webhooks).toHaveLength(1);
    expect(ku.webhooks[0]).toMatchObject({
      url: `${h.baton.url}/api/v1/connectors/kustomer/webhook/${h.ws.id}`,
      events: ['kustomer.message.create', 'kustomer.conversation.update'],
    });
    const stored = await h.api('GET', '/api/v1/connectors/kustomer', { token: h.adminToken });
    expect(JSON.stringify(stored.body)).not.toContain(ku.webhooks[0]!.token);
    expect(ku.violations).toEqual([]);
  });

  it('hands off: conversation with priority/team/attributes, transcript, brief as note, tags; mirrors; replies and close come back', async () => {
    const c = await customerAsksForHuman(h);
    const socket = await TestSocket.open(wsUrl(h.baton.url, '/api/v1/widget/ws', c.token));
    const kc = await waitFor(async () => (await conversationsFor(c.id)).find((x) => x.tags.length > 0), 15_000, 'conversation with tags');
    expect(kc.body).toMatchObject({
      status: 'open',
      direction: 'in',
      priority: 3,
      assignedTeams: ['team_support'],
      custom: { batonIntentStr: 'refunds', batonConfidenceNum: 1 },
    });
    expect(ku.customers.find((x) => x.id === kc.customerId)!.externalId).toMatch(/^baton_/);
    expect(kc.messages[0]).toMatchObject({ direction: 'in', channel: 'chat' });
    expect(kc.messages[0]!.preview).toContain('human');
    expect(kc.notes).toHaveLength(1);
    expect(kc.notes[0]!.body).toContain('Baton handoff brief');
    expect(kc.tags).toEqual(expect.arrayContaining(['baton_handoff', 'intent_refunds', 'reason_customer_requested']));
    expect(kc.tags.some((t) => t.startsWith('priority_'))).toBe(false);

    await h.api('POST', `/api/v1/widget/conversations/${c.id}/messages`, { token: c.token, body: { text: 'any news?' } });
    const mirrored = await waitFor(() => kc.messages.find((m) => m.preview === 'any news?'), 15_000, 'mirrored');
    expect(mirrored).toMatchObject({ direction: 'in' });
    expect(mirrored.externalId).toMatch(/^baton:/);

    // Echoes and noise: our mirrored line, the transcript, a tag edit of the conversation.
    const noise = await ku.send([ku.messageEvent(kc, mirrored), ku.messageEvent(kc, kc.messages[0]!), ku.update(kc, { tags: ['vip'] })]);
    expect(noise.body).toMatchObject({ received: 3, ignored: 3, applied: 0 });

    // A bad signature: 401 and nothing changes.
    const status = (await widget(c)).body.conversation.status;
    const reply = ku.agentReply(kc, 'Hi Ann, I can help with that.');
    expect((await ku.send(reply, { token: 'not-the-token' })).status).toBe(401);
    expect((await ku.send(ku.update(kc, { status: 'done' }), { token: 'not-the-token' })).status).toBe(401);
    let mine = await widget(c);
    expect(mine.body.conversation.status).toBe(status);
    expect(mine.body.messages.some((m: any) => m.author === 'agent')).toBe(false);
    kc.status = 'open';

    // A batch: two replies and the echo of our mirrored line.
    expect((await ku.send([reply, ku.messageEvent(kc, mirrored), ku.agentReply(kc, 'Checking your order.')])).body).toMatchObject({
      received: 3,
      applied: 2,
      ignored: 1,
    });
    const live = await socket.next((p) => p.type === 'message.created' && p.data.author === 'agent');
    expect(live.data.text).toBe('Hi Ann, I can help with that.');
    // At-least-once: the same delivery again is a duplicate.
    expect((await ku.send(reply)).body).toMatchObject({ duplicates: 1, applied: 0 });

    // Out of order: the close arrives before a reply sent just before it.
    const late = ku.agentReply(kc, 'Refund is on its way.');
    const done = ku.update(kc, { status: 'done' });
    expect((await ku.send(done)).body).toMatchObject({ applied: 1 });
    await socket.next((p) => p.type === 'conversation.updated' && p.data.status === 'bot');
    expect((await ku.send(late)).body).toMatchObject({ applied: 1 });
    expect((await ku.send(done)).body).toMatchObject({ duplicates: 1 });
    mine = await widget(c);
    expect(mine.body.conversation.status).toBe('bot');
    expect(mine.body.messages.filter((m: any) => m.author === 'agent').map((m: any) => m.text)).toEqual([
      'Hi Ann, I can help with that.',
      'Checking your order.',
      'Refund is on its way.',
    ]);
    socket.close();
    expect(ku.violations).toEqual([]);
  });

  it('closing in Baton marks the conversation done in Kustomer', async () => {
    const c = await customerAsksForHuman(h);
    const kc = await waitFor(async () => (await conversationsFor(c.id))[0], 15_000, 'conversation');
    expect((await h.api('POST', `/api/v1/conversations/${c.id}/resolve`, { token: h.adminToken })).status).toBe(200);
    await waitFor(() => kc.status === 'done', 15_000, 'conversation done');
    expect(ku.calls('PATCH', `/v1/conversations/${kc.id}`).at(-1)!.body).toEqual({ status: 'done' });
  });

  it('waits out a 429 until x-ratelimit-reset', async () => {
    ku.limit = { count: 1, resetInSeconds: 4, match: (r) => r.method === 'POST' && /^\/v1\/customers\/[^/]+\/conversations$/.test(r.path) };
    const c = await customerAsksForHuman(h);
    await waitFor(async () => (await conversationsFor(c.id))[0], 15_000, 'conversation after 429');
    const posts = ku.requests.filter((r) => r.method === 'POST' && /^\/v1\/customers\/[^/]+\/conversations$/.test(r.path)).slice(-2);
    // The reset is a whole epoch second 4 s ahead: more than 3 s later, not the (100-400 ms) backoff.
    expect(posts[1]!.at - posts[0]!.at, String(posts[1]!.at - posts[0]!.at)).toBeGreaterThanOrEqual(2900);
  });

  it('down (503) during a handoff, then back: one conversation, every line once, in order', async () => {
    ku.down = true;
    const c = await customerAsksForHuman(h);
    for (const text of ['line one', 'line two'])
      await h.api('POST', `/api/v1/widget/conversations/${c.id}/messages`, { token: c.token, body: { text } });
    // This handoff's own attempts (the lookup of its customer): the test before may still be
    // posting its transcript, note and tags, and those calls fail and retry while down too.
    const { customer_id } = await h.tdb.database.db
      .selectFrom('conversations')
      .select('customer_id')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    const attempts = () => ku.requests.filter((r) => r.path === `/v1/customers/externalId=baton_${customer_id}`).length;
    const before = attempts();
    await waitFor(() => attempts() >= before + 2, 15_000, 'retries while down');
    ku.down = false;
    const kc = await waitFor(async () => (await conversationsFor(c.id))[0], 15_000, 'conversation after recovery');
    await waitFor(() => kc.notes.length === 1 && kc.messages.some((m) => m.preview.includes('line two')), 15_000, 'lines');
    expect(await conversationsFor(c.id)).toHaveLength(1);
    const all = kc.messages.map((m) => m.preview).join('\n');
    for (const line of ['line one', 'line two']) expect(all.split(line), all).toHaveLength(2);
    expect(all.indexOf('line one')).toBeLessThan(all.indexOf('line two'));
  });

  it('a lost answer to the create: the retry finds the conversation by externalId, no second one', async () => {
    ku.dropAfterHandling = (r) => r.method === 'POST' && /^\/v1\/customers\/[^/]+\/conversations$/.test(r.path);
    const c = await customerAsksForHuman(h);
    await waitFor(async () => (await threadOf(h, c.id))?.status === 'open', 15_000, 'thread open');
    const found = await conversationsFor(c.id);
    expect(found).toHaveLength(1);
    expect(found[0]!.notes).toHaveLength(1);
    const handoff = await handoffOf(h, c.id);
    expect(ku.calls('GET', `/v1/conversations/externalId=${handoff.id}`).length).toBeGreaterThan(0);
    expect(ku.violations).toEqual([]);
  });

  it('refuses a message channel Kustomer does not record', async () => {
    // Create message records email, SMS, chat, Facebook, Twitter DM or Tweet, voice, Instagram
    // or WhatsApp interactions (developer.kustomer.com/api/core-resources/create-message).
    const put = (message_channel: string) =>
      h.api('PUT', '/api/v1/connectors/kustomer', {
        token: h.adminToken,
        body: {
          config: { ...config(), message_channel },
        },
      });
    expect((await put('baton-widget')).status).toBe(400);
    expect((await put('whatsapp')).status).toBe(200);
    expect((await put('chat')).status).toBe(200);
  });
});
