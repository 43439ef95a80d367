import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, login, seedWorkspace, startTestBaton, TestSocket, wsUrl, type SeededWorkspace } from '../support/baton.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';
import { estimateWait, WAIT_RANGES } from '../../src/handoff/queue-place.ts';

// A queued customer's place in line and expected wait: read over the widget API, pushed on
// the customer's socket when the line moves, and the estimate itself (ranges, never minutes).
describe('queue position and expected wait', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  let staff: string;
  const api = () => apiClient(baton.url);

  beforeAll(async () => {
    tdb = await openTestDatabase();
    baton = await startTestBaton(tdb.database);
    ws = await seedWorkspace(tdb.database.db);
    staff = await login(baton.url, ws.admin.email, ws.admin.password);
    // The admin is on shift: handoffs queue for a person rather than asking for an e-mail.
    expect((await api()('PUT', '/api/v1/me/status', { token: staff, body: { status: 'online' } })).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
  });

  /** A customer who asked for a person: their token and conversation id. */
  async function queuedCustomer(): Promise<{ token: string; id: string; handoff: any }> {
    const started = await api()('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug, message: 'hello' } });
    expect(started.status).toBe(201);
    const { token } = started.body;
    const id = started.body.conversation.id;
    const handoff = await api()('POST', `/api/v1/widget/conversations/${id}/handoff`, { token });
    expect(handoff.status).toBe(200);
    expect(handoff.body.conversation.status).toBe('queued');
    return { token, id, handoff: handoff.body };
  }

  const placeOf = async (c: { token: string; id: string }) => {
    const res = await api()('GET', `/api/v1/widget/conversations/${c.id}/queue`, { token: c.token });
    expect(res.status).toBe(200);
    return res.body.queue;
  };

  const accept = async (id: string) =>
    expect((await api()('POST', `/api/v1/conversations/${id}/accept`, { token: staff })).status).toBe(200);

  it('estimates the wait in ranges, from recent waits, the place in line and the agents on shift', () => {
    const waits = { samples: 10, p50: 180, p90: 400 };
    expect(estimateWait({ position: 1, online: 1, waits, waitedSeconds: 0 })).toEqual({ min_minutes: 2, max_minutes: 5 });
    expect(estimateWait({ position: 3, online: 1, waits, waitedSeconds: 0 })).toEqual({ min_minutes: 5, max_minutes: 10 });
    // Three agents take the first three in parallel.
    expect(estimateWait({ position: 3, online: 3, waits, waitedSeconds: 0 })).toEqual({ min_minutes: 2, max_minutes: 5 });
    // Time already waited counts.
    expect(estimateWait({ position: 1, online: 1, waits, waitedSeconds: 120 })).toEqual({ min_minutes: 0, max_minutes: 2 });
    expect(estimateWait({ position: 40, online: 1, waits, waitedSeconds: 0 })).toEqual({ min_minutes: 60, max_minutes: null });
    // Nothing to go on, or nobody to pick up: no promise at all.
    expect(estimateWait({ position: 1, online: 1, waits: { samples: 2, p50: 60, p90: 60 }, waitedSeconds: 0 })).toBeNull();
    expect(estimateWait({ position: 1, online: 0, waits, waitedSeconds: 0 })).toBeNull();
    // Every answer is one of the published ranges.
    for (let position = 1; position < 60; position += 7)
      expect(WAIT_RANGES).toContainEqual(estimateWait({ position, online: 2, waits, waitedSeconds: 30 }));
  });

  it('gives each queued customer their place, and a wait once there are recent pick-ups', async () => {
    // Before any pick-up: a place, no wait.
    const first = await queuedCustomer();
    expect(first.handoff.queue).toMatchObject({ position: 1, ahead: 0, expected_wait: null });
    await accept(first.id);
    expect(await placeOf(first)).toBeNull();

    // Five past customers who each waited three minutes for an agent.
    for (let i = 0; i < 5; i++) {
      const c = await queuedCustomer();
      await accept(c.id);
      await tdb.database.db
        .updateTable('handoffs')
        .set({ requested_at: sql`now() - interval '3 minutes'`, accepted_at: sql`now()` })
        .where('conversation_id', '=', c.id)
        .execute();
    }
    const a = await queuedCustomer();
    const b = await queuedCustomer();
    const c = await queuedCustomer();
    expect(await placeOf(a)).toEqual({ position: 1, ahead: 0, expected_wait: { min_minutes: 2, max_minutes: 5 } });
    expect(await placeOf(b)).toEqual({ position: 2, ahead: 1, expected_wait: { min_minutes: 5, max_minutes: 10 } });
    expect(await placeOf(c)).toMatchObject({ position: 3, ahead: 2 });
    // Reading the conversation back says the same.
    const read = await api()('GET', `/api/v1/widget/conversations/${b.id}`, { token: b.token });
    expect(read.body.queue).toMatchObject({ position: 2 });

    // An urgent conversation goes ahead of the others.
    await tdb.database.db.updateTable('conversations').set({ priority: 'urgent' }).where('id', '=', c.id).execute();
    expect(await placeOf(c)).toMatchObject({ position: 1 });
    expect(await placeOf(a)).toMatchObject({ position: 2 });
    await tdb.database.db.updateTable('conversations').set({ priority: 'normal' }).where('id', '=', c.id).execute();

    // A customer reads only their own place.
    expect((await api()('GET', `/api/v1/widget/conversations/${a.id}/queue`, { token: b.token })).status).toBe(404);

    for (const x of [a, b, c]) await accept(x.id);
  });

  it('pushes queue.updated on the customer socket when the line moves, and null when a person takes it', async () => {
    const a = await queuedCustomer();
    const b = await queuedCustomer();
    const socketA = await TestSocket.open(wsUrl(baton.url, '/api/v1/widget/ws', a.token));
    const socketB = await TestSocket.open(wsUrl(baton.url, '/api/v1/widget/ws', b.token));
    try {
      // On connecting, each hears where they stand.
      expect((await socketA.next((p) => p.type === 'queue.updated')).data).toMatchObject({ position: 1 });
      expect((await socketB.next((p) => p.type === 'queue.updated')).data).toMatchObject({ position: 2, ahead: 1 });

      await accept(a.id);
      // B moves up; A's wait is over.
      expect((await socketB.next((p) => p.type === 'queue.updated')).data).toMatchObject({ position: 1, ahead: 0 });
      expect((await socketA.next((p) => p.type === 'queue.updated')).data).toBeNull();

      await accept(b.id);
      expect((await socketB.next((p) => p.type === 'queue.updated')).data).toBeNull();
      // Nothing more once the wait is over: a conversation change pushes no second null.
      await api()('POST', `/api/v1/conversations/${a.id}/messages`, { token: staff, body: { text: 'Hi, I am here.' } });
      await socketA.next((p) => p.type === 'message.created');
      expect(socketA.received.filter((p) => p.type === 'queue.updated')).toEqual([]);
    } finally {
      socketA.close();
      socketB.close();
    }
  });
});
