import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, login, seedWorkspace, signUser, startTestBaton, TEST_VAULT_KEY, type SeededWorkspace } from '../support/baton.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';
import type { Schema } from '../../src/db/schema.ts';
import { decrypt, keyringFromEnv } from '../../src/pii/index.ts';
import { retentionJob, RETENTION_CRON } from '../../src/privacy/retention.ts';
import { verifyAuditChain } from '../../src/audit/verify.ts';

/** Personal data of the customer to erase, and of one who stays (proves the scan sees data). */
const ERASED = {
  userId: 'cust-erase-7731',
  name: 'Zelda Quist',
  email: 'zelda.quist@example.org',
  phone: '+44 20 7946 0958',
  card: '4111 1111 1111 1111',
  iban: 'DE89 3704 0044 0532 0130 00',
  address: '42 Wallaby Way, Sydney',
  attribute: 'loyalty-tier-obsidian',
};
const KEPT = { name: 'Otto Brandvold', email: 'otto.brandvold@example.net', card: '5555 5555 5555 4444' };

const squash = (s: string) => s.replace(/\s/g, '');

/** Every row of every table in every schema (ours and the job queue's), as text. */
async function everyRowAsText(db: Kysely<Schema>): Promise<string> {
  const { rows: tables } = await sql<{ s: string; t: string }>`
    select table_schema as s, table_name as t from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`.execute(db);
  expect(tables.map((t) => t.t)).toEqual(expect.arrayContaining(['customers', 'messages', 'events', 'handoffs', 'audit_log', 'job']));
  const parts: string[] = [];
  for (const { s, t } of tables) {
    const { rows } = await sql<{ r: string }>`select x::text as r from ${sql.table(`${s}.${t}`)} as x`.execute(db);
    parts.push(...rows.map((r) => r.r));
  }
  return parts.join('\n');
}

/** Opens everything in the database that the vault can open. */
function openEverySealed(text: string): string {
  const keyring = keyringFromEnv({ BATON_VAULT_KEY: TEST_VAULT_KEY });
  const opened: string[] = [];
  for (const m of text.matchAll(/v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g)) {
    try {
      opened.push(decrypt(m[0], keyring));
    } catch {
      // not one of the vault's (or another key's): nothing the vault can read
    }
  }
  return opened.join('\n');
}

describe('data-subject requests: export, erasure, retention', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  let admin: string;
  let erasedCustomerId: string;
  let conversationIds: string[] = [];
  const api = () => apiClient(baton.url);

  beforeAll(async () => {
    tdb = await openTestDatabase();
    baton = await startTestBaton(tdb.database);
    ws = await seedWorkspace(tdb.database.db);
    admin = await login(baton.url, ws.admin.email, ws.admin.password);

    const customer = {
      user_id: ERASED.userId,
      user_hash: signUser(ws.secret, ERASED.userId),
      name: ERASED.name,
      email: ERASED.email,
      attributes: { tier: ERASED.attribute },
    };
    for (const message of [
      `Hi, I am ${ERASED.name}, card ${ERASED.card}, refunds?`,
      `New address: ${ERASED.address}. IBAN ${ERASED.iban}`,
    ]) {
      const start = await api()('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug, customer, message } });
      expect(start.status).toBe(201);
      const { token, conversation } = start.body;
      conversationIds.push(conversation.id);
      erasedCustomerId = start.body.customer?.id ?? erasedCustomerId;
      await api()('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, {
        token,
        body: { text: `Call me on ${ERASED.phone} or mail ${ERASED.email}; I want a person` },
      });
    }
    // An agent takes the first one, quotes the customer (agent text is stored as written), reveals.
    const agent = await login(baton.url, ws.agent.email, ws.agent.password);
    const first = conversationIds[0]!;
    expect((await api()('POST', `/api/v1/conversations/${first}/accept`, { token: agent })).status).toBe(200);
    await api()('POST', `/api/v1/conversations/${first}/messages`, {
      token: agent,
      body: { text: `Thanks ${ERASED.name}, refund going to ${ERASED.iban}` },
    });
    await api()('POST', `/api/v1/conversations/${first}/messages`, {
      token: agent,
      body: { text: `note: ${ERASED.email} is a VIP`, internal: true },
    });
    expect((await api()('POST', `/api/v1/conversations/${first}/reveal`, { token: agent })).status).toBe(200);
    // Somebody else, who stays.
    const kept = await api()('POST', '/api/v1/widget/conversations', {
      body: { workspace: ws.slug, customer: { name: KEPT.name, email: KEPT.email }, message: `card ${KEPT.card}, I want a person` },
    });
    expect(kept.status).toBe(201);
    const detail = await api()('GET', `/api/v1/conversations/${first}`, { token: admin });
    erasedCustomerId = detail.body.customer.id;
  }, 240_000);
  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
  });

  it('finds the customer and exports everything about them, personal data restored, admins only', async () => {
    const found = await api()('GET', `/api/v1/privacy/customers?external_id=${ERASED.userId}`, { token: admin });
    expect(found.body.customers.map((c: any) => c.id)).toEqual([erasedCustomerId]);
    const byEmail = await api()('GET', `/api/v1/privacy/customers?email=${encodeURIComponent(ERASED.email.toUpperCase())}`, {
      token: admin,
    });
    expect(byEmail.body.customers.map((c: any) => c.id)).toEqual([erasedCustomerId]);

    const agent = await login(baton.url, ws.agent.email, ws.agent.password);
    expect((await api()('GET', `/api/v1/privacy/customers/${erasedCustomerId}/export`, { token: agent })).status).toBe(403);
    expect((await api()('GET', `/api/v1/privacy/customers/${erasedCustomerId}/export`, { token: ws.apiKey })).status).toBe(403);

    const res = await fetch(`${baton.url}/api/v1/privacy/customers/${erasedCustomerId}/export`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`customer-${erasedCustomerId}.json`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const data = (await res.json()) as any;
    expect(data.format).toBe('baton.customer-export.v1');
    expect(data.customer).toMatchObject({
      id: erasedCustomerId,
      external_id: ERASED.userId,
      name: ERASED.name,
      email: ERASED.email,
      verified: true,
      attributes: { tier: ERASED.attribute },
    });
    expect(data.conversations.map((c: any) => c.id).sort()).toEqual([...conversationIds].sort());
    const text = JSON.stringify(data);
    for (const v of [ERASED.card, ERASED.iban, ERASED.phone, ERASED.address]) expect(text).toContain(v);
    // Every token in messages and briefs is restored (events name tokens, e.g. which were revealed).
    expect(JSON.stringify(data.conversations.map((c: any) => [c.messages, c.handoffs]))).not.toMatch(
      /<(EMAIL|CARD|IBAN|PHONE|PERSON|ADDRESS)_\d+>/,
    );
    const first = data.conversations.find((c: any) => c.id === conversationIds[0]);
    expect(first.messages.some((m: any) => m.internal && m.text.includes(ERASED.email))).toBe(true);
    expect(first.handoffs.length).toBeGreaterThan(0);
    expect(first.events.map((e: any) => e.type)).toEqual(
      expect.arrayContaining(['conversation.created', 'message.created', 'pii.revealed']),
    );
    expect(text).not.toContain(KEPT.name);
  });

  it('erases the customer: no table holds their values, the vault opens nothing of theirs, counts stay', async () => {
    const before = await everyRowAsText(tdb.database.db);
    const sealedBefore = openEverySealed(before);
    expect(sealedBefore).toContain(ERASED.card); // the vault held it...
    expect(before).toContain(ERASED.email); // ...and the customer record and the agent's note

    const viewer = await login(baton.url, ws.viewer.email, ws.viewer.password);
    expect((await api()('POST', `/api/v1/privacy/customers/${erasedCustomerId}/erase`, { token: viewer, body: {} })).status).toBe(403);
    const erased = await api()('POST', `/api/v1/privacy/customers/${erasedCustomerId}/erase`, {
      token: ws.adminKey,
      body: { reason: 'ticket 4711' },
    });
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toMatchObject({ customers: 1, conversations: 2 });
    expect(erased.body.erased.messages).toBeGreaterThanOrEqual(6);

    const after = await everyRowAsText(tdb.database.db);
    const opened = openEverySealed(after);
    for (const v of Object.values(ERASED)) {
      expect(after.includes(v), `a table still holds ${v}`).toBe(false);
      expect(squash(after).includes(squash(v)), `a table still holds ${v} (without spaces)`).toBe(false);
      expect(opened.includes(v), `the vault still opens ${v}`).toBe(false);
    }
    // The customer who stays is untouched: the scan does see personal data where there is some.
    expect(after).toContain(KEPT.email);
    expect(opened).toContain(KEPT.card);

    const tombstones = await tdb.database.db.selectFrom('erasure_tombstones').selectAll().where('workspace_id', '=', ws.id).execute();
    expect(tombstones).toHaveLength(1);
    expect(tombstones[0]).toMatchObject({ reason: 'request', customers: 1, conversations: 2, channels: { widget: 2 } });
    expect((await api()('GET', `/api/v1/privacy/customers/${erasedCustomerId}/export`, { token: admin })).status).toBe(404);
    expect((await api()('POST', `/api/v1/privacy/customers/${erasedCustomerId}/erase`, { token: admin, body: {} })).status).toBe(404);
  });

  it('keeps an audit trail of logins, reveals, exports, erasures and API-key use, paginated, for admins', async () => {
    await api()('POST', '/api/v1/auth/login', { body: { email: ws.agent.email, password: 'not the password' } });
    await api()('POST', '/api/v1/auth/login', { body: { email: 'nobody@example.test', password: 'whatever' } });
    await api()('GET', '/api/v1/queues', { token: ws.readKey });
    await api()('GET', '/api/v1/queues', { token: ws.readKey });

    const viewer = await login(baton.url, ws.viewer.email, ws.viewer.password);
    expect((await api()('GET', '/api/v1/admin/audit-log', { token: viewer })).status).toBe(403);

    const entries: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await api()('GET', `/api/v1/admin/audit-log?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: admin });
      expect(page.status).toBe(200);
      expect(page.body.entries.length).toBeLessThanOrEqual(3);
      entries.push(...page.body.entries);
      cursor = page.body.next_cursor;
    } while (cursor);
    const ids = entries.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    const types = entries.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'auth.login.succeeded',
        'auth.login.failed',
        'pii.revealed',
        'privacy.customer_exported',
        'privacy.customer_erased',
        'api_key.used',
      ]),
    );
    // An API key is on record once per hour, not per request.
    expect(
      entries.filter((e) => e.type === 'api_key.used' && e.actor.id === entries.find((x) => x.type === 'api_key.used')?.actor.id),
    ).toHaveLength(1);
    const failed = entries.filter((e) => e.type === 'auth.login.failed');
    expect(failed[0]).toMatchObject({ subject: { type: 'agent', id: ws.agent.id }, data: { reason: 'wrong_password' } });
    const erasure = entries.find((e) => e.type === 'privacy.customer_erased');
    expect(erasure).toMatchObject({ subject: { type: 'customer', id: erasedCustomerId }, data: { reason: 'ticket 4711', customers: 1 } });
    // The unknown e-mail's failure belongs to no workspace, so this list does not show it.
    expect(JSON.stringify(entries)).not.toContain('nobody@example.test');
    const filtered = await api()('GET', '/api/v1/admin/audit-log?type=privacy.', { token: admin });
    expect(filtered.body.entries.map((e: any) => e.type).sort()).toEqual(['privacy.customer_erased', 'privacy.customer_exported']);
    expect((await verifyAuditChain(tdb.database.db)).ok).toBe(true);
  });

  it('applies the retention policy in a scheduled job', async () => {
    // The job is on a cron schedule in the job queue (pg-boss), on PGlite as on Postgres.
    const { rows } = await sql<{ name: string; cron: string }>`select name, cron from baton_jobs.schedule`.execute(tdb.database.db);
    expect(rows).toContainEqual({ name: 'privacy.retention.v1', cron: RETENTION_CRON });

    const policy = await api()('PUT', '/api/v1/admin/policy', { token: admin, body: { retentionDays: 30 } });
    expect(policy.status).toBe(200);
    expect(policy.body.policy.retentionDays).toBe(30);
    const old = await api()('POST', '/api/v1/widget/conversations', {
      body: { workspace: ws.slug, customer: { name: 'Ancient Ann' }, message: 'refunds?' },
    });
    const recent = await api()('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug, message: 'shipping?' } });
    const longAgo = new Date(Date.now() - 40 * 86_400_000);
    await tdb.database.db.updateTable('conversations').set({ updated_at: longAgo }).where('id', '=', old.body.conversation.id).execute();
    await tdb.database.db
      .updateTable('customers')
      .set({ created_at: longAgo } as never)
      .where('id', '=', old.body.customer?.id ?? '00000000-0000-4000-8000-000000000000')
      .execute();

    await baton.ctx.jobs.enqueue(retentionJob(baton.ctx), { workspace_id: ws.id });
    const gone = async () =>
      !(await tdb.database.db.selectFrom('conversations').select('id').where('id', '=', old.body.conversation.id).executeTakeFirst());
    for (let i = 0; i < 60 && !(await gone()); i++) await new Promise((r) => setTimeout(r, 500));
    expect(await gone()).toBe(true);
    expect(
      await tdb.database.db.selectFrom('conversations').select('id').where('id', '=', recent.body.conversation.id).executeTakeFirst(),
    ).toBeTruthy();
    const tomb = await tdb.database.db.selectFrom('erasure_tombstones').selectAll().where('reason', '=', 'retention').execute();
    expect(tomb).toHaveLength(1);
    expect(tomb[0]!.conversations).toBe(1);
    const audit = await api()('GET', '/api/v1/admin/audit-log?type=privacy.retention_applied', { token: admin });
    expect(audit.body.entries[0]).toMatchObject({ actor: { type: 'system', id: null }, data: { retention_days: 30, conversations: 1 } });
  });
});
