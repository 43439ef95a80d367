import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { apiClient, login } from '../support/baton.ts';
import { useTestBaton } from '../support/test-baton.ts';

// Lines in a live chat, the customer's and the agent's, are committed without waiting for the
// disk, so the other side sees them at once (decisions/0004); the sender's 201 must still mean
// "on disk".
describe('a line is durable when acknowledged', () => {
  const t = useTestBaton();
  beforeAll(async () => {
    if (t.tdb.url) await sql`create extension if not exists pg_walinspect`.execute(t.tdb.database.db);
  });

  const insertPosition = async () =>
    (await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(t.tdb.database.db)).rows[0]!.lsn;

  /** Whether the commit of the transaction that wrote this message is in the flushed WAL. */
  async function flushed(messageId: string, since: string): Promise<boolean> {
    const db = t.tdb.database.db;
    if (t.tdb.url) {
      // Postgres: look for the commit record of the row's transaction in the WAL flushed so far.
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from pg_get_wal_records_info(${since}::pg_lsn, pg_current_wal_flush_lsn())
        where resource_manager = 'Transaction' and record_type like 'COMMIT%'
          and xid = (select xmin from messages where id = ${messageId})`.execute(db);
      return Number(rows[0]!.n) === 1;
    }
    // The embedded database has no background writer: nothing reaches the disk unless a commit flushes it.
    const { rows } = await sql<{ ok: boolean }>`select pg_current_wal_flush_lsn() >= pg_current_wal_insert_lsn() as ok`.execute(db);
    return rows[0]!.ok;
  }

  it('answers 201 only once the line’s commit is flushed, for the customer and for the agent', async () => {
    const api = apiClient(t.baton.url);
    const agent = await login(t.baton.url, t.ws.agent.email, t.ws.agent.password);
    const { token, conversation } = (await api('POST', '/api/v1/widget/conversations', { body: { workspace: t.ws.slug } })).body;
    await api('POST', `/api/v1/widget/conversations/${conversation.id}/handoff`, { token });
    expect((await api('POST', `/api/v1/conversations/${conversation.id}/accept`, { token: agent })).status).toBe(200);

    for (let i = 0; i < 5; i++) {
      const before = await insertPosition();
      const line = await api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, { token, body: { text: `line ${i}` } });
      expect(line.status).toBe(201);
      expect(await flushed(line.body.message.id, before)).toBe(true);

      const beforeReply = await insertPosition();
      const reply = await api('POST', `/api/v1/conversations/${conversation.id}/messages`, {
        token: agent,
        body: { text: `reply ${i}`, internal: false },
      });
      expect(reply.status).toBe(201);
      expect(await flushed(reply.body.message.id, beforeReply)).toBe(true);
    }
  });

  it("answers 201 to a line the bot answers only once the bot's answer is flushed too", async () => {
    const api = apiClient(t.baton.url);
    const { token, conversation } = (await api('POST', '/api/v1/widget/conversations', { body: { workspace: t.ws.slug } })).body;
    for (let i = 0; i < 5; i++) {
      const before = await insertPosition();
      const line = await api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, {
        token,
        body: { text: i % 2 ? 'How long does shipping take?' : 'How do refunds work?' },
      });
      expect(line.status).toBe(201);
      expect(line.body.replies).toHaveLength(1);
      expect(await flushed(line.body.message.id, before)).toBe(true);
      expect(await flushed(line.body.replies[0].id, before)).toBe(true);
    }
  });
});
