import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, login } from '../support/baton.ts';
import { useTestBaton } from '../support/test-baton.ts';
import { ROOT } from '../support/paths.ts';

// The actions admin API over real HTTP, against a real loopback "company API": the document
// validated whole (nothing changes on an error), the secret sealed and never returned, tools
// tried as the bot would call them, OpenAPI import, and every change on the audit log.
const t = useTestBaton();

interface Seen {
  method: string;
  url: string;
  key: string | undefined;
  body: string;
}
const seen: Seen[] = [];
let company: http.Server;
let apiBase: string;
let api: ReturnType<typeof apiClient>;
let admin: string;
let agent: string;

const SECRET = 'sk_live_the-company-api-secret';

beforeAll(async () => {
  company = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, key: req.headers['x-api-key'] as string | undefined, body });
      res.setHeader('content-type', 'application/json');
      if (req.url!.startsWith('/v1/orders/') && req.method === 'GET') {
        res.end(JSON.stringify({ order_id: '#W1', user_id: 'u1', status: 'pending', address: { zip: '78701' } }));
      } else if (req.url!.endsWith('/cancel')) {
        res.statusCode = 409;
        res.end(JSON.stringify({ error: 'order is not pending' }));
      } else {
        res.end(JSON.stringify({ user_id: 'u1' }));
      }
    });
  });
  await new Promise<void>((resolve) => company.listen(0, '127.0.0.1', resolve));
  apiBase = `http://127.0.0.1:${(company.address() as AddressInfo).port}/v1`;
  api = apiClient(t.baton.url);
  [admin, agent] = await Promise.all([t.ws.admin, t.ws.agent].map((p) => login(t.baton.url, p.email, p.password)));
});
afterAll(() => new Promise<void>((resolve) => company.close(() => resolve())));

const tools = () => [
  {
    name: 'get_order',
    kind: 'read',
    method: 'GET',
    path: '/orders/{order_id}',
    input: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
    output: ['status', 'user_id'],
    auth: { type: 'header', header: 'X-Api-Key' },
    ownerField: 'user_id',
  },
  {
    name: 'find_user',
    kind: 'read',
    method: 'GET',
    path: '/users',
    input: { type: 'object', properties: { email: { type: 'string' } }, required: ['email'] },
    auth: { type: 'header', header: 'X-Api-Key' },
    verifies: { resultField: 'user_id' },
  },
  {
    name: 'cancel_order',
    kind: 'write',
    method: 'POST',
    path: '/orders/{order_id}/cancel',
    input: { type: 'object', properties: { order_id: { type: 'string' }, reason: { type: 'string' } }, required: ['order_id', 'reason'] },
    auth: { type: 'header', header: 'X-Api-Key' },
  },
];
const document = () => ({
  apiBase,
  tools: tools(),
  identity: {
    ask: 'What is the e-mail on your account?',
    methods: [{ tool: 'find_user', slots: ['email'], args: { email: '{email}' } }],
    slots: [{ name: 'email', ask: 'Your e-mail?', recognise: [{ type: 'entity', entity: 'email' }] }],
  },
  playbooks: [
    {
      id: 'order-status',
      title: 'Where is my order',
      trigger: { articles: ['order-status'] },
      slots: [{ name: 'order_id', ask: 'Which order?', recognise: [{ type: 'pattern', pattern: '#?W\\d{7}' }] }],
      steps: [
        { do: 'ask', slot: 'order_id' },
        { do: 'call', tool: 'get_order', args: { order_id: '{order_id}' }, as: 'order' },
        { do: 'reply', text: 'Your order is {order.status}.' },
      ],
    },
  ],
});

const db = () => t.tdb.database.db;
const eventsOf = async (type: string) =>
  (await sql<{ data: any }>`select data from events where workspace_id = ${t.ws.id} and type = ${type} order by id`.execute(db())).rows;
const auditOf = async (type: string) =>
  (await sql<{ data: any }>`select data from audit_log where workspace_id = ${t.ws.id} and type = ${type} order by at`.execute(db())).rows;
const actionEvents = async () =>
  Number(
    (
      await sql<{
        n: string;
      }>`select count(*)::text as n from events where type like 'admin.actions.%' and workspace_id = ${t.ws.id}`.execute(db())
    ).rows[0]!.n,
  );

describe('actions admin API', () => {
  it('answers an empty document before anything is stored, and only to admins', async () => {
    const res = await api('GET', '/api/v1/admin/actions', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      config: { tools: [], playbooks: [], maxCallsPerTurn: 8 },
      hasSecret: false,
      allowPrivateNetwork: false,
    });
    expect((await api('GET', '/api/v1/admin/actions', { token: agent })).status).toBe(403);
    expect((await api('PUT', '/api/v1/admin/actions/secret', { token: agent, body: { secret: 'x' } })).status).toBe(403);
  });

  it('lists every problem of a document and changes nothing', async () => {
    const bad = document();
    bad.tools.push({ ...tools()[0]! }); // a second get_order
    bad.tools[1]!.verifies = undefined as never; // find_user can no longer verify
    bad.playbooks[0]!.steps[1] = { do: 'call', tool: 'get_ordr', args: { order_id: '{order_id}' }, as: 'order' };
    const res = await api('PUT', '/api/v1/admin/actions', { token: admin, body: { config: bad, allowPrivateNetwork: true } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    const problems = res.body.error.details as { path: string; message: string }[];
    expect(problems.map((p) => p.path).sort()).toEqual(['identity/methods/0/tool', 'playbooks/0/steps/1/tool', 'tools/3/name']);
    expect(problems.find((p) => p.path === 'identity/methods/0/tool')!.message).toContain('verifies');

    const schemaBad = await api('PUT', '/api/v1/admin/actions', {
      token: admin,
      body: { config: { ...document(), tools: [{ ...tools()[0], kind: 'delete', name: 'has space' }] } },
    });
    expect(schemaBad.status).toBe(400);
    expect(schemaBad.body.error.details.length).toBeGreaterThanOrEqual(2);
    expect(await actionEvents()).toBe(0);
    expect((await api('GET', '/api/v1/admin/actions', { token: admin })).body.config.tools).toEqual([]);
  });

  it('refuses a loopback API unless private addresses are allowed', async () => {
    const res = await api('PUT', '/api/v1/admin/actions', { token: admin, body: { config: document() } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('apiBase refused');
    expect(await actionEvents()).toBe(0);
  });

  it('stores a valid document with its audit entry', async () => {
    const res = await api('PUT', '/api/v1/admin/actions', { token: admin, body: { config: document(), allowPrivateNetwork: true } });
    expect(res.status).toBe(200);
    expect(res.body.config.tools.map((x: { name: string }) => x.name)).toEqual(['get_order', 'find_user', 'cancel_order']);
    expect(res.body.config.tools[0].timeoutMs).toBe(5000);
    expect(res.body).toMatchObject({ allowPrivateNetwork: true, hasSecret: false, updatedBy: `agent:${t.ws.admin.id}` });
    const [audit] = await auditOf('admin.actions.updated');
    expect(audit!.data).toMatchObject({
      api_base: apiBase,
      allow_private_network: true,
      tools: { added: ['get_order', 'find_user', 'cancel_order'], removed: [], changed: [] },
      playbooks: { added: ['order-status'] },
    });
    // Omitting allowPrivateNetwork keeps it.
    const again = await api('PUT', '/api/v1/admin/actions', { token: admin, body: { config: document() } });
    expect(again.body.allowPrivateNetwork).toBe(true);
  });

  it('seals the secret, never returns it, and sends it on calls', async () => {
    const set = await api('PUT', '/api/v1/admin/actions/secret', { token: admin, body: { secret: SECRET } });
    expect(set).toMatchObject({ status: 200, body: { hasSecret: true } });
    const view = await api('GET', '/api/v1/admin/actions', { token: admin });
    expect(view.body.hasSecret).toBe(true);
    expect(JSON.stringify(view.body)).not.toContain(SECRET);
    const row = (
      await sql<{
        secret_sealed: string;
        config: unknown;
      }>`select secret_sealed, config from workspace_actions where workspace_id = ${t.ws.id}`.execute(db())
    ).rows[0]!;
    expect(row.secret_sealed).toMatch(/^v1\./);
    expect(row.secret_sealed).not.toContain(SECRET);
    expect(JSON.stringify(row.config)).not.toContain(SECRET);
    expect(await auditOf('admin.actions.secret_set')).toHaveLength(1);
    const all = (await sql<{ data: unknown }>`select data from audit_log where workspace_id = ${t.ws.id}`.execute(db())).rows;
    expect(JSON.stringify(all)).not.toContain(SECRET);

    seen.length = 0;
    const res = await api('POST', '/api/v1/admin/actions/tools/get_order/test', { token: admin, body: { args: { order_id: '#W1' } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, status: 200, data: { status: 'pending', user_id: 'u1' } });
    expect(res.body.data.address).toBeUndefined();
    expect(seen).toEqual([{ method: 'GET', url: '/v1/orders/%23W1', key: SECRET, body: '' }]);
    const [tested] = await auditOf('admin.actions.tool_tested');
    expect(tested!.data).toMatchObject({ tool: 'get_order', kind: 'read', arg_names: ['order_id'], ok: true, status: 200 });
    expect(JSON.stringify(tested!.data)).not.toContain('#W1');
  });

  it('runs a write tool only when asked to explicitly, and reports the API error', async () => {
    seen.length = 0;
    const args = { order_id: '#W1', reason: 'no longer needed' };
    const refused = await api('POST', '/api/v1/admin/actions/tools/cancel_order/test', { token: admin, body: { args } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('allowWrite');
    expect(seen).toHaveLength(0);
    const res = await api('POST', '/api/v1/admin/actions/tools/cancel_order/test', { token: admin, body: { args, allowWrite: true } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, error: 'http', status: 409, message: 'order is not pending' });
    expect(seen).toHaveLength(1);
    expect(JSON.parse(seen[0]!.body)).toEqual({ reason: 'no longer needed' });

    const invalid = await api('POST', '/api/v1/admin/actions/tools/get_order/test', { token: admin, body: { args: {} } });
    expect(invalid.body).toMatchObject({ ok: false, error: 'invalid' });
    expect((await api('POST', '/api/v1/admin/actions/tools/nope/test', { token: admin, body: {} })).status).toBe(404);
  });

  it('imports tools from an OpenAPI document: a preview first, then merged with apply', async () => {
    const text = readFileSync(`${ROOT}src/actions/tools/fixtures/shop.openapi.yaml`, 'utf8');
    const before = (await api('GET', '/api/v1/admin/actions', { token: admin })).body;
    const preview = await api('POST', '/api/v1/admin/actions/import', {
      token: admin,
      body: { document: text, operationIds: ['get_order_details', 'find_user_id_by_email'] },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ added: ['find_user_id_by_email', 'get_order_details'], replaced: [], applied: false });
    expect(preview.body.tools).toHaveLength(2);
    // A vendor's document is often larger than ordinary request bodies.
    const big = await api('POST', '/api/v1/admin/actions/import', {
      token: admin,
      body: { document: `${text}\n# ${'padding '.repeat(60_000)}\n`, operationIds: ['get_order_details'] },
    });
    expect(big.status).toBe(200);
    expect((await api('GET', '/api/v1/admin/actions', { token: admin })).body).toEqual(before);

    const wrong = await api('POST', '/api/v1/admin/actions/import', {
      token: admin,
      body: { document: text, operationIds: ['nope', 'upload_receipt'], apply: true },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.problems).toHaveLength(2);

    const applied = await api('POST', '/api/v1/admin/actions/import', {
      token: admin,
      body: { document: text, operationIds: ['get_order_details', 'find_user_id_by_email'], apply: true },
    });
    expect(applied.body).toMatchObject({ applied: true, added: ['find_user_id_by_email', 'get_order_details'] });
    const after = (await api('GET', '/api/v1/admin/actions', { token: admin })).body;
    expect(after.config.tools.map((x: { name: string }) => x.name)).toEqual([
      'get_order',
      'find_user',
      'cancel_order',
      'find_user_id_by_email',
      'get_order_details',
    ]);
    expect(after.config.playbooks).toEqual(before.config.playbooks);
    expect(after.hasSecret).toBe(true);
    expect((await eventsOf('admin.actions.tools_imported'))[0]!.data).toEqual({
      added: ['find_user_id_by_email', 'get_order_details'],
      replaced: [],
    });
    const again = await api('POST', '/api/v1/admin/actions/import', {
      token: admin,
      body: { document: text, operationIds: ['get_order_details'] },
    });
    expect(again.body).toMatchObject({ added: [], replaced: ['get_order_details'] });
  });

  it('forgets the secret: calls then carry none', async () => {
    const res = await api('DELETE', '/api/v1/admin/actions/secret', { token: admin });
    expect(res).toMatchObject({ status: 200, body: { hasSecret: false } });
    expect(await auditOf('admin.actions.secret_cleared')).toHaveLength(1);
    seen.length = 0;
    await api('POST', '/api/v1/admin/actions/tools/find_user/test', { token: admin, body: { args: { email: 'a@example.com' } } });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.key).toBeUndefined();
  });
});
