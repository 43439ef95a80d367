import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/standin.ts';
import { ZendeskStandIn, ZD_EMAIL, ZD_TOKEN } from './support/zendesk-standin.ts';
import { customerAsksForHuman, startHarness, threadOf, type Harness } from './support/setup.ts';

// Faults on the way out: the vendor down for a while, rate limited, answering after doing the
// work but with the connection lost, refusing a ticket for good (dead letter, then retry).
describe('Zendesk connector under faults', () => {
  let h: Harness;
  const zd = new ZendeskStandIn();

  beforeAll(async () => {
    await zd.start();
    h = await startHarness();
    const put = await h.api('PUT', '/api/v1/connectors/zendesk', {
      token: h.adminToken,
      body: { config: { base_url: zd.url, allow_private_network: true }, credentials: { email: ZD_EMAIL, api_token: ZD_TOKEN } },
    });
    expect(put.status).toBe(200);
  });
  afterAll(async () => {
    await h?.stop();
    await zd.stop();
  });

  const ticketsFor = async (conversationId: string) => {
    const handoff = await h.tdb.database.db
      .selectFrom('handoffs')
      .select('id')
      .where('conversation_id', '=', conversationId)
      .executeTakeFirstOrThrow();
    return zd.tickets.filter((t) => t.external_id === handoff.id);
  };

  it('vendor down (503) during a handoff, then back: exactly one ticket, no lost lines, in order', async () => {
    zd.down = true;
    const c = await customerAsksForHuman(h);
    for (const text of ['line one', 'line two', 'line three']) {
      await h.api('POST', `/api/v1/widget/conversations/${c.id}/messages`, { token: c.token, body: { text } });
    }
    await waitFor(
      () => zd.requests.filter((r) => r.method === 'GET' && r.path === '/api/v2/tickets').length >= 3,
      15_000,
      'retries while down',
    );
    expect(zd.tickets).toHaveLength(0);
    zd.down = false;
    const ticket = await waitFor(async () => (await ticketsFor(c.id))[0], 15_000, 'ticket after recovery');
    await waitFor(() => ticket.comments.some((x) => x.public && x.body.includes('line three')), 15_000, 'mirrored lines');
    expect(await ticketsFor(c.id)).toHaveLength(1);
    // The mirrored lines (public comments): the private brief may quote them too, it is refreshed while waiting.
    const text = ticket.comments
      .filter((x) => x.public)
      .map((x) => x.body)
      .join('\n');
    expect(text.indexOf('line one'), JSON.stringify(ticket.comments)).toBeLessThan(text.indexOf('line two'));
    expect(text.indexOf('line two')).toBeLessThan(text.indexOf('line three'));
    for (const line of ['line one', 'line two', 'line three']) expect(text.split(line), text).toHaveLength(2);
  });

  it('work a crashed worker left (lease set, expired) is picked up again', async () => {
    const c = await customerAsksForHuman(h);
    const ticket = await waitFor(async () => (await ticketsFor(c.id))[0], 15_000, 'ticket');
    const db = h.tdb.database.db;
    // The ticket is at the vendor a moment before the worker records the create and lets go of
    // the thread. Stage the crash only after that: a worker still running would mirror the line
    // itself (no sweep needed), or release the thread after the expired lease is set below (and
    // strand the line, as nothing then looks orphaned).
    const thread = await waitFor(
      async () => {
        const t = await threadOf(h, c.id);
        if (!t?.external_id || t.lease_until !== null) return null;
        const pending = await db
          .selectFrom('connector_ops')
          .select('id')
          .where('thread_id', '=', t.id)
          .where('state', '=', 'pending')
          .executeTakeFirst();
        return pending ? null : t;
      },
      15_000,
      'create recorded and the thread released',
    );
    const message = await db
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', '=', c.id)
      .where('author', '=', 'customer')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    // As if a worker took the lease, then died before mirroring this line.
    await db
      .insertInto('connector_ops')
      .values({ thread_id: thread.id, kind: 'message', dedupe_key: 'crash-test', payload: JSON.stringify({ message_id: message.id }) })
      .execute();
    await db
      .updateTable('connector_threads')
      .set({ lease_until: new Date(Date.now() - 1000) })
      .where('id', '=', thread.id)
      .execute();
    await waitFor(() => ticket.comments.some((x) => x.public), 15_000, 'mirrored after the sweep');
  });

  it('honours 429 Retry-After', async () => {
    zd.throttle = { count: 1, retryAfter: '2', match: (r) => r.method === 'POST' && r.path === '/api/v2/tickets' };
    const c = await customerAsksForHuman(h);
    await waitFor(async () => (await ticketsFor(c.id))[0], 15_000, 'ticket after 429');
    const posts = zd.calls('POST', '/api/v2/tickets').slice(-2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1900);
  });

  it('a crash between "ticket created" and "recorded" still makes exactly one ticket', async () => {
    // The vendor creates the ticket, then the connection dies before we hear the answer.
    zd.dropAfterHandling = (r) => r.method === 'POST' && r.path === '/api/v2/tickets';
    const c = await customerAsksForHuman(h);
    await waitFor(async () => (await threadOf(h, c.id))?.external_id, 15_000, 'thread linked');
    expect(await ticketsFor(c.id)).toHaveLength(1);
  });

  it('a ticket the vendor refuses for good goes to the dead-letter list, and retry there resumes it', async () => {
    zd.throttle = { count: 1, retryAfter: '0', match: () => false }; // reset
    let refuse = true;
    zd.route('POST', '/api/v2/tickets', () => ({ status: refuse ? 422 : 201, body: { error: 'RecordInvalid' } }));
    // Routes match in order, so put the refusing one first for this test.
    (zd as any).routes.unshift((zd as any).routes.pop());
    (zd as any).routes[0].handler = (r: any) => (refuse ? { status: 422, body: { error: 'RecordInvalid' } } : (zd as any).create(r));
    const c = await customerAsksForHuman(h);
    const dead = await waitFor(
      async () => {
        const res = await h.api('GET', '/api/v1/connectors/dead-letters', { token: h.adminToken });
        return res.body.dead_letters.find((d: any) => d.conversation_id === c.id);
      },
      15_000,
      'dead letter',
    );
    expect(dead).toMatchObject({ op: 'create', external_id: null });
    expect(dead.error).toContain('422');
    refuse = false;
    const retry = await h.api('POST', `/api/v1/connectors/dead-letters/${dead.id}/retry`, { token: h.adminToken });
    expect(retry.status).toBe(200);
    await waitFor(async () => (await ticketsFor(c.id))[0], 15_000, 'ticket after retry');
    expect(await ticketsFor(c.id)).toHaveLength(1);
    // The ticket exists at the vendor a moment before the create is recorded as done.
    const op = await waitFor(
      async () => {
        const threads = await h.api('GET', '/api/v1/connectors/zendesk/threads', { token: h.adminToken });
        const first = threads.body.threads.find((t: any) => t.conversation_id === c.id)?.ops[0];
        return first?.state === 'done' ? first : null;
      },
      15_000,
      'create recorded as done',
    );
    expect(op).toMatchObject({ kind: 'create', state: 'done' });
  });
});
