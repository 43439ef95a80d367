import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StandIn, waitFor } from './support/standin.ts';
import { customerAsksForHuman, startHarness, type Harness } from './support/setup.ts';

const KEY = 'fd-api-key';
const SECRET = 'fd-shared-secret-0123456789';

// Freshdesk contract. No vendor page backs these shapes (developers.freshdesk.com/api/ was not
// among the sources; docs/connectors.md marks Freshdesk unverified): Basic API_KEY:X, a Chat
// ticket (source 7) with numeric priority, the brief as a private note, customer lines as
// incoming public notes; the automation rule's webhook carries a shared secret header.
describe('Freshdesk connector', () => {
  let h: Harness;
  const tickets: { id: number; body: any; notes: any[] }[] = [];
  const fd = new StandIn((hd) => (hd.authorization === `Basic ${Buffer.from(`${KEY}:X`).toString('base64')}` ? null : 'bad auth'));
  fd.route('GET', '/api/v2/agents/me', () => ({ status: 200, body: { id: 31, contact: { email: 'bot@acme.test' } } }))
    .route('POST', '/api/v2/tickets', (r) => {
      const b = r.body;
      const ok =
        typeof b.subject === 'string' &&
        typeof b.description === 'string' &&
        b.status === 2 &&
        [1, 2, 3, 4].includes(b.priority) &&
        b.source === 7 &&
        Array.isArray(b.tags) &&
        (b.email || b.unique_external_id);
      if (!ok) {
        fd.violations.push(`ticket create: ${JSON.stringify(b)}`);
        return { status: 400, body: { description: 'Validation failed' } };
      }
      const t = { id: 500 + tickets.length, body: b, notes: [] as any[] };
      tickets.push(t);
      return { status: 201, body: { id: t.id, ...b } };
    })
    .route('POST', '/api/v2/tickets/:id/notes', (r, p) => {
      const t = tickets.find((x) => x.id === Number(p.id));
      if (!t || typeof r.body.body !== 'string' || typeof r.body.private !== 'boolean') {
        fd.violations.push('note: bad');
        return { status: 400, body: {} };
      }
      t.notes.push(r.body);
      return { status: 201, body: { id: 9000 + t.notes.length, ...r.body } };
    });

  beforeAll(async () => {
    await fd.start();
    h = await startHarness();
    const put = await h.api('PUT', '/api/v1/connectors/freshdesk', {
      token: h.adminToken,
      body: {
        config: { base_url: fd.url, allow_private_network: true, group_map: { Support: 77 } },
        credentials: { api_key: KEY, webhook_secret: SECRET },
      },
    });
    expect(put.status).toBe(200);
  });
  afterAll(async () => {
    await h?.stop();
    await fd.stop();
  });

  it('hands off, mirrors, and takes the automation rule webhooks back', async () => {
    expect((await h.api('POST', '/api/v1/connectors/freshdesk/test', { token: h.adminToken })).body).toMatchObject({ ok: true });
    const setup = await h.api('POST', '/api/v1/connectors/freshdesk/setup', { token: h.adminToken, body: { public_url: h.baton.url } });
    expect(setup.body.manual_steps.join('\n')).toContain('X-Baton-Secret');
    const c = await customerAsksForHuman(h);
    const t = await waitFor(() => tickets.find((x) => x.notes.some((n) => n.private)), 15_000, 'ticket with note');
    expect(t.body).toMatchObject({ source: 7, group_id: 77, status: 2 });
    expect(t.notes[0]).toMatchObject({ private: true });
    await h.api('POST', `/api/v1/widget/conversations/${c.id}/messages`, { token: c.token, body: { text: 'any news?' } });
    await waitFor(() => t.notes.find((n) => n.body === 'any news?' && n.incoming === true && n.private === false), 15_000, 'mirrored');

    const post = (body: unknown, secret = SECRET) =>
      h.api('POST', setup.body.webhook_url.replace(h.baton.url, ''), {
        rawBody: JSON.stringify(body),
        headers: { 'x-baton-secret': secret },
      });
    expect(
      (await post({ event: 'agent_reply', ticket_id: String(t.id), reply_id: '1', reply_body: '<p>On it!</p>' }, 'wrong')).status,
    ).toBe(401);
    expect((await post({ event: 'agent_reply', ticket_id: String(t.id), reply_id: '1', reply_body: '<p>On it!</p>' })).body.applied).toBe(
      1,
    );
    expect((await post({ event: 'status_changed', ticket_id: String(t.id), status: 'Resolved' })).body.applied).toBe(1);
    const mine = await h.api('GET', `/api/v1/widget/conversations/${c.id}`, { token: c.token });
    expect(mine.body.conversation.status).toBe('bot');
    expect(mine.body.messages.some((m: any) => m.author === 'agent' && m.text === 'On it!')).toBe(true);
    expect(fd.violations).toEqual([]);
  });
});
