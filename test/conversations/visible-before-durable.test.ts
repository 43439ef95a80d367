import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { apiClient, login } from '../support/baton.ts';
import { useTestBaton } from '../support/test-baton.ts';

// A customer's line in a live chat is committed without waiting for the disk, so the agent
// sees it at once (decisions/0004); the customer's 201 must still mean "on disk".
describe('a customer line is durable when acknowledged', () => {
  const t = useTestBaton();
  beforeAll(async () => {
    if (t.tdb.url) await sql`create extension if not exists pg_walinspect`.execute(t.tdb.database.db);
  });

  it('answers 201 only once the line’s commit is flushed', async () => {
    const db = t.tdb.database.db;
    const api = apiClient(t.baton.url);
    const agent = await login(t.baton.url, t.ws.agent.email, t.ws.agent.password);
    const { token, conversation } = (await api('POST', '/api/v1/widget/conversations', { body: { workspace: t.ws.slug } })).body;
    await api('POST', `/api/v1/widget/conversations/${conversation.id}/handoff`, { token });
    expect((await api('POST', `/api/v1/conversations/${conversation.id}/accept`, { token: agent })).status).toBe(200);

    for (let i = 0; i < 5; i++) {
      const before = (await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(db)).rows[0]!.lsn;
      const posted = await api('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, { token, body: { text: `line ${i}` } });
      expect(posted.status).toBe(201);
      if (t.tdb.url) {
        // Postgres: the commit record of the transaction that wrote the line lies in the flushed WAL.
        const { rows } = await sql<{ n: string }>`
          select count(*) as n from pg_get_wal_records_info(${before}::pg_lsn, pg_current_wal_flush_lsn())
          where resource_manager = 'Transaction' and record_type like 'COMMIT%'
            and xid = (select xmin from messages where id = ${posted.body.message.id})`.execute(db);
        expect(Number(rows[0]!.n)).toBe(1);
      } else {
        // The embedded database has no background writer: nothing reaches the disk unless a commit flushes it.
        const { rows } = await sql<{ ok: boolean }>`select pg_current_wal_flush_lsn() >= pg_current_wal_insert_lsn() as ok`.execute(db);
        expect(rows[0]!.ok).toBe(true);
      }
    }
  });
});
