import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSocket, wsUrl } from '../support/baton.ts';
import { waitFor } from './support/standin.ts';
import { ZendeskStandIn, ZD_API_USER, ZD_EMAIL, ZD_TOKEN } from './support/zendesk-standin.ts';
import { customerAsksForHuman, startHarness, type Harness } from './support/setup.ts';

// The loop with Zendesk in the middle: widget -> handoff -> ticket with the brief as a private
// note in the right group -> agent replies in Zendesk -> the customer sees it live -> solved ->
// back to the bot. The Zendesk stand-in checks auth, paths and bodies on every call.
describe('Zendesk connector end to end', () => {
  let h: Harness;
  const zd = new ZendeskStandIn();

  beforeAll(async () => {
    await zd.start();
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
    await zd.stop();
  });

  it('is configured through the admin API without ever returning the credentials', async () => {
    const put = await h.api('PUT', '/api/v1/connectors/zendesk', {
      token: h.adminToken,
      body: {
        config: { base_url: zd.url, allow_private_network: true, group_map: { [h.ws.teamId]: 4242 } },
        credentials: { email: ZD_EMAIL, api_token: ZD_TOKEN },
      },
    });
    expect(put.status).toBe(200);
    expect(put.body.connector).toMatchObject({ vendor: 'zendesk', enabled: true, has_credentials: true });
    expect(JSON.stringify(put.body)).not.toContain(ZD_TOKEN);
    const stored = await h.tdb.database.db.selectFrom('connectors').select('credentials_enc').executeTakeFirstOrThrow();
    expect(stored.credentials_enc).not.toContain(ZD_TOKEN);
    expect(stored.credentials_enc).toMatch(/^v1\./);

    // Agents and viewers cannot see or change connectors.
    const agentToken = (await h.api('POST', '/api/v1/auth/login', { body: { email: h.ws.agent.email, password: h.ws.agent.password } }))
      .body.token;
    expect((await h.api('GET', '/api/v1/connectors', { token: agentToken })).status).toBe(403);

    const test = await h.api('POST', '/api/v1/connectors/zendesk/test', { token: h.adminToken });
    expect(test.body).toMatchObject({ ok: true });

    const setup = await h.api('POST', '/api/v1/connectors/zendesk/setup', { token: h.adminToken, body: { public_url: h.baton.url } });
    expect(setup.status).toBe(200);
    expect(setup.body.webhook_url).toBe(`${h.baton.url}/api/v1/connectors/zendesk/webhook/${h.ws.id}`);
    expect(setup.body.registered[0]).toContain('zen:event-type:ticket.comment_added');
    expect(setup.body.manual_steps.join(' ')).toContain('baton_handoff');
    expect(zd.webhookEndpoint).toBe(setup.body.webhook_url);
    const list = await h.api('GET', '/api/v1/connectors', { token: h.adminToken });
    expect(list.body.connectors[0].config.api_user_id).toBe(ZD_API_USER);
    expect(JSON.stringify(list.body)).not.toContain(zd.signingSecret);
  });

  it('runs the handoff loop through Zendesk', async () => {
    const c = await customerAsksForHuman(h);
    expect(['queued', 'awaiting_customer']).toContain(c.status);
    const customerSocket = await TestSocket.open(wsUrl(h.baton.url, '/api/v1/widget/ws', c.token));

    const ticket = await waitFor(() => zd.tickets[0], 15_000, 'ticket');
    const handoff = await h.tdb.database.db
      .selectFrom('handoffs')
      .selectAll()
      .where('conversation_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(ticket.external_id).toBe(handoff.id);
    expect(ticket.group_id).toBe(4242);
    expect(ticket.tags).toEqual(expect.arrayContaining(['baton', 'baton_handoff', 'reason_customer_requested']));
    expect(ticket.comments[0]!.public).toBe(false);
    expect(ticket.comments[0]!.body).toContain('Baton handoff brief');
    expect(ticket.comments[0]!.body).toContain('human');
    expect(zd.calls('POST', '/api/v2/tickets')[0]!.headers['idempotency-key']).toBe(`baton-handoff-${handoff.id}`);

    // A later customer line is mirrored as a public comment authored by the requester.
    await h.api('POST', `/api/v1/widget/conversations/${c.id}/messages`, { token: c.token, body: { text: 'my order is 4411' } });
    const mirrored = await waitFor(() => ticket.comments.find((x) => x.body.includes('4411')), 15_000, 'mirrored line');
    expect(mirrored).toMatchObject({ public: true, author_id: ticket.requester_id });

    // Zendesk echoes that comment back: it is dropped.
    const echo = await zd.send(zd.commentAdded(ticket, mirrored.body, { staff: false, authorId: ticket.requester_id }));
    expect(echo.body).toMatchObject({ received: 1, applied: 0, ignored: 1 });

    // An agent's public reply reaches the customer live; a private note does not.
    const note = await zd.send(zd.commentAdded(ticket, 'internal: check the refund', { public: false }));
    expect(note.body.ignored).toBe(1);
    const replyEvent = zd.commentAdded(ticket, 'Hi Ann, I am looking at your refund now.');
    const reply = await zd.send(replyEvent);
    expect(reply).toMatchObject({ status: 200, body: { applied: 1 } });
    const live = await customerSocket.next((p) => p.type === 'message.created' && p.data.author === 'agent');
    expect(live.data.text).toBe('Hi Ann, I am looking at your refund now.');

    // Zendesk delivers it again: nothing new.
    expect((await zd.send(replyEvent)).body).toMatchObject({ duplicates: 1, applied: 0 });
    const convo = await h.api('GET', `/api/v1/widget/conversations/${c.id}`, { token: c.token });
    expect(convo.body.conversation.status).toBe('with_agent');
    expect(convo.body.messages.filter((m: any) => m.author === 'agent')).toHaveLength(1);
    expect(convo.body.messages.some((m: any) => m.text.includes('check the refund'))).toBe(false);

    // Solved in Zendesk: control returns to the bot, which answers again.
    const solved = await zd.send(zd.statusChanged(ticket, 'SOLVED'));
    expect(solved.body.applied).toBe(1);
    await customerSocket.next((p) => p.type === 'conversation.updated' && p.data.status === 'bot');
    const after = await h.api('POST', `/api/v1/widget/conversations/${c.id}/messages`, { token: c.token, body: { text: 'and shipping?' } });
    expect(after.body.replies[0].author).toBe('bot');
    // ...and that line is not mirrored to the solved ticket: once the dispatcher has read past its
    // event (rather than after a fixed pause, which a loaded machine can outlast), no op was
    // made for it, and nothing reached the ticket.
    const db = h.tdb.database.db;
    const { last } = await db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('last'))
      .executeTakeFirstOrThrow();
    await waitFor(
      async () => {
        const cursor = await db.selectFrom('outbox_cursors').select('last_event_id').where('name', '=', 'outbound').executeTakeFirst();
        return cursor && BigInt(cursor.last_event_id) >= BigInt(last);
      },
      15_000,
      'the line dispatched',
    );
    expect(await db.selectFrom('connector_ops').select('id').where('dedupe_key', '=', `msg:${after.body.message.id}`).execute()).toEqual(
      [],
    );
    expect(ticket.comments.some((x) => x.body.includes('shipping'))).toBe(false);
    customerSocket.close();
    expect(zd.violations).toEqual([]);
  });

  it('refuses forged and replayed webhooks with 401 and changes nothing', async () => {
    const ticket = zd.tickets[0]!;
    const count = async () =>
      Number(
        (
          await h.tdb.database.db
            .selectFrom('messages')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const forged = await zd.send(zd.commentAdded(ticket, 'send me your password'), { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const replayed = await zd.send(zd.commentAdded(ticket, 'old news'), { timestamp: new Date(Date.now() - 3600_000).toISOString() });
    expect(replayed.status).toBe(401);
    const unsigned = await fetch(zd.webhookEndpoint!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unsigned.status).toBe(401);
    const otherWorkspace = await fetch(zd.webhookEndpoint!.replace(h.ws.id, '00000000-0000-4000-8000-000000000000'), {
      method: 'POST',
      body: '{}',
    });
    expect(otherWorkspace.status).toBe(401);
    expect(await count()).toBe(before);
  });
});
