import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/webhooks/signature.ts';
import { isPrivateAddress } from '../../src/webhooks/safe-http.ts';
import { waitFor } from '../connectors/support/standin.ts';
import { customerAsksForHuman, startHarness, type Harness } from '../connectors/support/setup.ts';

interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: any;
}

/** A subscriber on loopback that answers what the test tells it to. */
async function receiver(answer: (r: Received) => { status: number; headers?: Record<string, string> }) {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const r = { headers: req.headers, raw, body: JSON.parse(raw) };
      got.push(r);
      const a = answer(r);
      res.writeHead(a.status, a.headers ?? {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    got,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('outbound webhooks', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  it('knows private addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses private and loopback targets unless the admin allows them explicitly', async () => {
    for (const url of [
      'http://127.0.0.1:9/x',
      'http://localhost:9/x',
      'http://[::1]:9/x',
      'http://169.254.169.254/latest/meta-data',
      'ftp://example.com/x',
    ]) {
      const res = await h.api('POST', '/api/v1/webhooks', { token: h.adminToken, body: { url, event_types: ['*'] } });
      expect(res.status, url).toBe(400);
    }
    const agentToken = (await h.api('POST', '/api/v1/auth/login', { body: { email: h.ws.agent.email, password: h.ws.agent.password } }))
      .body.token;
    expect(
      (
        await h.api('POST', '/api/v1/webhooks', {
          token: agentToken,
          body: { url: 'http://127.0.0.1:9/x', event_types: ['*'], allow_private: true },
        })
      ).status,
    ).toBe(403);
  });

  it('delivers signed events a receiver can verify, retries failures, and logs every delivery', async () => {
    let failFirst = 2;
    const rx = await receiver(() => (failFirst-- > 0 ? { status: 503, headers: { 'retry-after': '0' } } : { status: 204 }));
    const created = await h.api('POST', '/api/v1/webhooks', {
      token: h.adminToken,
      body: { url: rx.url, event_types: ['conversation.handoff', 'message.created'], allow_private: true, description: 'crm' },
    });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^whsec_/);
    const list = await h.api('GET', '/api/v1/webhooks', { token: h.adminToken });
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const c = await customerAsksForHuman(h);
    const handoff = await waitFor(() => rx.got.find((r) => r.body.type === 'conversation.handoff'), 20_000, 'handoff delivery');
    expect(verifySignature(secret, String(handoff.headers['baton-signature']), handoff.raw)).toBe(true);
    expect(verifySignature('whsec_wrong', String(handoff.headers['baton-signature']), handoff.raw)).toBe(false);
    expect(
      verifySignature(secret, String(handoff.headers['baton-signature']), handoff.raw, { now: Math.floor(Date.now() / 1000) + 3600 }),
    ).toBe(false);
    expect(handoff.body).toMatchObject({
      type: 'conversation.handoff',
      conversation_id: c.id,
      data: { handoff: { reasons: ['customer_requested'] } },
    });
    expect(handoff.body.data.handoff.brief.customer).not.toHaveProperty('name');
    expect(handoff.headers['baton-event-id']).toBe(handoff.body.id);

    // Deliveries retried after a 503 arrive after later ones: wait for the authors, not a count.
    const messages = await waitFor(
      () => {
        const m = rx.got.filter((r) => r.body.type === 'message.created' && r.body.conversation_id === c.id);
        const authors = new Set(m.map((r) => r.body.data.message.author));
        return authors.has('customer') && authors.has('bot') ? m : null;
      },
      20_000,
      'message deliveries from the customer and the bot',
    );
    expect(messages.every((m) => m.body.data.message.text !== undefined)).toBe(true);
    expect(rx.got.some((r) => r.body.type === 'conversation.created')).toBe(false);

    const sub = created.body.webhook.id;
    const log = await waitFor(
      async () => {
        const res = await h.api('GET', `/api/v1/webhooks/${sub}/deliveries`, { token: h.adminToken });
        const all = res.body.deliveries as any[];
        return all.length >= 4 && all.every((d) => d.status === 'delivered') ? all : null;
      },
      20_000,
      'all delivered',
    );
    // The first two attempts met 503s: they were retried.
    expect(log.reduce((n: number, d: any) => n + d.attempts, 0)).toBe(log.length + 2);
    // Each event once: the ids are distinct.
    expect(new Set(rx.got.filter((r) => r.headers['baton-delivery-id']).map((r) => r.body.id)).size).toBe(
      new Set(log.map((d: any) => d.event_id)).size,
    );
    expect((await h.api('PATCH', `/api/v1/webhooks/${sub}`, { token: h.adminToken, body: { enabled: false } })).body.webhook.enabled).toBe(
      false,
    );
    await rx.close();
  });

  it('fails for good on a 4xx, lists it as a dead letter, and delivers on retry', async () => {
    let gone = true;
    const rx = await receiver(() => ({ status: gone ? 410 : 200 }));
    const created = await h.api('POST', '/api/v1/webhooks', {
      token: h.adminToken,
      body: { url: rx.url, event_types: ['conversation.resolved'], allow_private: true },
    });
    const sub = created.body.webhook.id;
    const c = await customerAsksForHuman(h);
    const agentToken = (await h.api('POST', '/api/v1/auth/login', { body: { email: h.ws.agent.email, password: h.ws.agent.password } }))
      .body.token;
    expect((await h.api('POST', `/api/v1/conversations/${c.id}/resolve`, { token: agentToken })).status).toBe(200);
    const dead = await waitFor(
      async () => {
        const res = await h.api('GET', '/api/v1/webhooks/dead-letters', { token: h.adminToken });
        return (res.body.dead_letters as any[]).find((d) => d.delivery.subscription_id === sub);
      },
      20_000,
      'dead letter',
    );
    expect(dead.delivery).toMatchObject({ status: 'failed', last_status: 410, event_type: 'conversation.resolved' });
    gone = false;
    const retry = await h.api('POST', `/api/v1/webhooks/deliveries/${dead.delivery.id}/retry`, { token: h.adminToken });
    expect(retry.status).toBe(200);
    await waitFor(
      async () => {
        const res = await h.api('GET', `/api/v1/webhooks/${sub}/deliveries`, { token: h.adminToken });
        return res.body.deliveries[0].status === 'delivered';
      },
      20_000,
      'delivered after retry',
    );
    expect(rx.got.at(-1)!.body.data.conversation.status).toBe('resolved');
    await rx.close();
  });
});
