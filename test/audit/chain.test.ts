import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { seedWorkspace, type SeededWorkspace } from '../support/baton.ts';
import { canonicalJson, entryHash } from '../../src/audit/canonical.ts';
import { forgetApiKeyUse, recordApiKeyUse, recordAudit } from '../../src/audit/log.ts';
import { verifyAuditChain } from '../../src/audit/verify.ts';
import { appendEvent } from '../../src/db/repositories/events.ts';
import { transaction } from '../../src/db/transaction.ts';

// The audit log is a hash chain computed in the database and checked in TypeScript: both
// sides must agree on the canonical form, the chain must hold under concurrent writers, and
// the verifier must name the first entry someone edited or deleted.
describe('audit log chain', () => {
  let tdb: TestDatabase;
  let ws: SeededWorkspace;
  const db = () => tdb.database.db;

  beforeAll(async () => {
    tdb = await openTestDatabase();
    ws = await seedWorkspace(db());
  });
  afterAll(async () => tdb?.dispose());

  it('hashes the same canonical JSON in SQL and in TypeScript', async () => {
    const samples: unknown[] = [
      {},
      [],
      { b: 1, a: [3, 2, { z: null, y: true, x: false }], é: 'ü "quoted" \\ back\nline\ttab \u0001 ctl / slash', aa: '' },
      { nested: { deeper: { deepest: ['日本語', '😀', -42, 0, 9007199254740991] } }, B: 'upper sorts first', _: 'under' },
    ];
    for (const v of samples) {
      const { rows } = await sql<{ c: string }>`select audit_canonical(${JSON.stringify(v)}::jsonb) as c`.execute(db());
      expect(rows[0]!.c).toBe(canonicalJson(v));
    }
  });

  it('derives entries from audited events in the same transaction, and nothing from the rest', async () => {
    const actor = { type: 'agent' as const, id: ws.admin.id };
    const before = await count();
    await transaction(db(), async (tx) => {
      await appendEvent(tx, {
        workspaceId: ws.id,
        conversationId: null,
        type: 'admin.team.created',
        actor,
        data: { team_id: ws.teamId, name: 'Support' },
      });
      await appendEvent(tx, { workspaceId: ws.id, conversationId: null, type: 'macro.created', actor, data: {} });
    });
    expect(await count()).toBe(before + 1);
    // A change rolled back leaves no entry either.
    await expect(
      transaction(db(), async (tx) => {
        await appendEvent(tx, {
          workspaceId: ws.id,
          conversationId: null,
          type: 'admin.team.deleted',
          actor,
          data: { team_id: ws.teamId },
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await count()).toBe(before + 1);
    const last = await db().selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last).toMatchObject({
      type: 'admin.team.created',
      workspace_id: ws.id,
      actor_type: 'agent',
      actor_id: ws.admin.id,
      data: { team_id: ws.teamId, name: 'Support' },
    });
    expect(last.event_id).not.toBeNull();
    expect(entryHash(last)).toBe(last.hash);
  });

  it('keeps one unbroken chain under concurrent writers', async () => {
    const before = await count();
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        transaction(db(), async (tx) => {
          await recordAudit(tx, {
            workspaceId: ws.id,
            type: 'auth.login.succeeded',
            actor: { type: 'agent', id: ws.agent.id },
            data: { n: i },
          });
          if (i % 3 === 0)
            await appendEvent(tx, {
              workspaceId: ws.id,
              conversationId: null,
              type: 'admin.policy.updated',
              actor: { type: 'agent', id: ws.admin.id },
              data: { changed: ['languages'] },
            });
        }),
      ),
    );
    expect(await count()).toBe(before + 24 + 8);
    const result = await verifyAuditChain(db());
    expect(result).toMatchObject({ ok: true, broken: null, checked: before + 32 });
    const ids = (await db().selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => Number(r.id));
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
  });

  it('records the first use of an API key in an hour, once across callers', async () => {
    forgetApiKeyUse();
    const key = { id: randomUUID(), workspaceId: ws.id };
    const results = await Promise.all(Array.from({ length: 6 }, () => recordApiKeyUse(db(), key, { route: 'GET /api/v1/queues' })));
    expect(results.filter(Boolean)).toHaveLength(1);
    forgetApiKeyUse();
    expect(await recordApiKeyUse(db(), key, {})).toBe(false); // the database remembers the hour
    const rows = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_id', '=', key.id as never)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'api_key.used', actor_type: 'api_key', actor_id: key.id, data: { route: 'GET /api/v1/queues' } });
  });

  it('refuses to change or remove entries', async () => {
    for (const statement of [
      sql`update audit_log set data = '{}'::jsonb where id = 1`,
      sql`delete from audit_log where id = 1`,
      sql`truncate audit_log`,
      sql`delete from audit_chain`,
    ]) {
      await expect(statement.execute(db())).rejects.toThrow(/append-only/);
    }
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('names the first edited or deleted entry', async () => {
    // Someone with the owner's rights switches the guard off and rewrites history.
    await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db());
    try {
      const n = await count();
      expect(n).toBeGreaterThan(10);
      await sql`update audit_log set data = jsonb_set(data, '{n}', '999') where id = 5`.execute(db());
      expect((await verifyAuditChain(db())).broken).toMatchObject({ kind: 'edited', id: '5' });
      // Recomputing that entry's hash does not help: the next entry names the old one.
      await sql`update audit_log set hash = ${entryHash(
        await db()
          .selectFrom('audit_log')
          .selectAll()
          .where('id', '=', '5' as never)
          .executeTakeFirstOrThrow(),
      )} where id = 5`.execute(db());
      expect((await verifyAuditChain(db())).broken).toMatchObject({ kind: 'relinked', id: '6' });

      await sql`delete from audit_log where id <= 6 and id >= 5`.execute(db());
      const gap = await verifyAuditChain(db());
      expect(gap).toMatchObject({ ok: false, checked: 4, broken: { kind: 'deleted', id: '5' } });
    } finally {
      await sql`alter table audit_log enable trigger audit_log_no_change`.execute(db());
    }
  });

  async function count(): Promise<number> {
    const r = await db()
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
});
