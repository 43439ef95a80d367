import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, login, seedWorkspace, startTestBaton, type SeededWorkspace } from '../support/baton.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';

// The admin API over real HTTP: role checks, validation that changes nothing, every change
// written as an event, and each resource's round trip.
describe('admin API', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  let other: SeededWorkspace;
  let api: ReturnType<typeof apiClient>;
  let admin: string;
  let agent: string;
  let viewer: string;

  const state = async () => {
    const { rows } = await sql<{ t: string; n: string }>`
      select 'events' as t, count(*)::text as n from events union all
      select 'rules', count(*)::text from routing_rules union all
      select 'teams', count(*)::text from teams union all
      select 'members', count(*)::text from team_members union all
      select 'agents', count(*)::text from agents union all
      select 'keys', count(*)::text from api_keys where revoked_at is null union all
      select 'articles', count(*)::text from knowledge_articles union all
      select 'policy', md5(policy::text) from workspaces where id = ${ws.id}`.execute(tdb.database.db);
    return Object.fromEntries(rows.map((r) => [r.t, r.n]));
  };
  const eventsOfType = async (type: string) =>
    (
      await sql<{
        data: any;
        actor_id: string;
      }>`select data, actor_id from events where workspace_id = ${ws.id} and type = ${type} order by id`.execute(tdb.database.db)
    ).rows;

  beforeAll(async () => {
    tdb = await openTestDatabase();
    baton = await startTestBaton(tdb.database);
    ws = await seedWorkspace(tdb.database.db, 'adm');
    other = await seedWorkspace(tdb.database.db, 'oth');
    api = apiClient(baton.url);
    [admin, agent, viewer] = await Promise.all([ws.admin, ws.agent, ws.viewer].map((p) => login(baton.url, p.email, p.password)));
  });
  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
  });

  it('answers 403 to agents, viewers and non-admin keys on every admin route, and changes nothing', async () => {
    const spec = (await api('GET', '/api/v1/openapi.json')).body;
    const routes = Object.entries(spec.paths as Record<string, Record<string, unknown>>)
      .filter(([p]) => p.startsWith('/api/v1/admin/'))
      .flatMap(([p, methods]) => Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path: p.replace('{id}', ws.teamId) })));
    expect(routes.length).toBeGreaterThanOrEqual(18);
    const before = await state();
    for (const route of routes) {
      for (const token of [agent, viewer, ws.apiKey, ws.readKey]) {
        const res = await api(route.method, route.path, { token, body: route.method === 'GET' ? undefined : {} });
        expect({ ...route, status: res.status, code: res.body?.error?.code }).toEqual({ ...route, status: 403, code: 'forbidden' });
      }
      expect((await api(route.method, route.path, { body: route.method === 'GET' ? undefined : {} })).status).toBe(401);
    }
    expect(await state()).toEqual(before);
  });

  const bad: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
    [
      'threshold out of range',
      () => api('PUT', '/api/v1/admin/policy', { token: admin, body: { confidenceThreshold: 2 } }),
      400,
      'invalid_request',
    ],
    ['unknown policy key', () => api('PUT', '/api/v1/admin/policy', { token: admin, body: { threshold: 0.5 } }), 400, 'invalid_request'],
    [
      'bad time zone',
      () => api('PUT', '/api/v1/admin/policy', { token: admin, body: { businessHours: { timezone: 'Mars/Olympus', days: {} } } }),
      400,
      'invalid_request',
    ],
    [
      'interval ends before it starts',
      () =>
        api('PUT', '/api/v1/admin/policy', {
          token: admin,
          body: { businessHours: { timezone: 'UTC', days: { mon: [['17:00', '09:00']] } } },
        }),
      400,
      'invalid_request',
    ],
    [
      'default team of another workspace',
      () => api('PUT', '/api/v1/admin/policy', { token: admin, body: { defaultTeamId: other.teamId } }),
      400,
      'invalid_request',
    ],
    [
      'rule without target',
      () => api('POST', '/api/v1/admin/routing-rules', { token: admin, body: { name: 'x' } }),
      400,
      'invalid_request',
    ],
    [
      'rule with unknown condition',
      () =>
        api('POST', '/api/v1/admin/routing-rules', {
          token: admin,
          body: { name: 'x', conditions: { mood: ['sad'] }, target: { type: 'queue' } },
        }),
      400,
      'invalid_request',
    ],
    [
      'rule with unknown reason',
      () =>
        api('POST', '/api/v1/admin/routing-rules', {
          token: admin,
          body: { name: 'x', conditions: { reasons: ['bored'] }, target: { type: 'queue' } },
        }),
      400,
      'invalid_request',
    ],
    [
      'rule to another workspace’s team',
      () =>
        api('POST', '/api/v1/admin/routing-rules', { token: admin, body: { name: 'x', target: { type: 'team', team_id: other.teamId } } }),
      400,
      'invalid_request',
    ],
    [
      'rule to a viewer',
      () =>
        api('POST', '/api/v1/admin/routing-rules', {
          token: admin,
          body: { name: 'x', target: { type: 'agent', agent_id: ws.viewer.id } },
        }),
      400,
      'invalid_request',
    ],
    [
      'reorder naming an unknown rule',
      () => api('PUT', '/api/v1/admin/routing-rules/order', { token: admin, body: { ids: ['6f1b7c3e-8a7d-4c1e-9a55-0d9d7d1b2c3a'] } }),
      400,
      'invalid_request',
    ],
    [
      'team with SLA 0',
      () => api('POST', '/api/v1/admin/teams', { token: admin, body: { name: 'T', sla_seconds: 0 } }),
      400,
      'invalid_request',
    ],
    [
      'team falling back to another workspace',
      () => api('POST', '/api/v1/admin/teams', { token: admin, body: { name: 'T', fallback_team_id: other.teamId } }),
      400,
      'invalid_request',
    ],
    [
      'team with a foreign member',
      () => api('POST', '/api/v1/admin/teams', { token: admin, body: { name: 'T', member_ids: [other.agent.id] } }),
      400,
      'invalid_request',
    ],
    ['duplicate team name', () => api('POST', '/api/v1/admin/teams', { token: admin, body: { name: 'Support' } }), 409, 'conflict'],
    [
      'agent with a short password',
      () => api('POST', '/api/v1/admin/agents', { token: admin, body: { email: 'n@example.test', name: 'N', password: 'short' } }),
      400,
      'invalid_request',
    ],
    [
      'agent with a taken e-mail',
      () =>
        api('POST', '/api/v1/admin/agents', { token: admin, body: { email: ws.agent.email, name: 'N', password: 'long enough password' } }),
      409,
      'conflict',
    ],
    [
      'demote the last admin',
      () => api('PATCH', `/api/v1/admin/agents/${ws.admin.id}`, { token: admin, body: { role: 'agent' } }),
      409,
      'conflict',
    ],
    ['remove yourself', () => api('DELETE', `/api/v1/admin/agents/${ws.admin.id}`, { token: admin }), 409, 'conflict'],
    [
      'key with an unknown scope',
      () => api('POST', '/api/v1/admin/api-keys', { token: admin, body: { name: 'k', scopes: ['root'] } }),
      400,
      'invalid_request',
    ],
    [
      'JSONL with one bad line',
      () =>
        api('POST', '/api/v1/admin/knowledge', {
          token: admin,
          rawBody: '{"id":"a","title":"A","body":"x"}\n{"id":"b","title":""}\n',
          headers: { 'content-type': 'application/x-ndjson' },
        }),
      400,
      'invalid_request',
    ],
    [
      'JSONL that is not JSON',
      () =>
        api('POST', '/api/v1/admin/knowledge', {
          token: admin,
          rawBody: '{"id":"a","title":"A","body":"x"}\nnope\n',
          headers: { 'content-type': 'application/x-ndjson' },
        }),
      400,
      'invalid_request',
    ],
    [
      'duplicate article ids',
      () =>
        api('POST', '/api/v1/admin/knowledge', {
          token: admin,
          body: {
            articles: [
              { id: 'a', title: 'A', body: 'x' },
              { id: 'a', title: 'B', body: 'y' },
            ],
          },
        }),
      400,
      'invalid_request',
    ],
    [
      'knowledge as plain text',
      () => api('POST', '/api/v1/admin/knowledge', { token: admin, rawBody: 'hello', headers: { 'content-type': 'text/plain' } }),
      415,
      'unsupported_media_type',
    ],
    ['bad cursor', () => api('GET', '/api/v1/admin/agents?cursor=zzz', { token: admin }), 400, 'invalid_request'],
    [
      'another workspace’s team',
      () => api('PATCH', `/api/v1/admin/teams/${other.teamId}`, { token: admin, body: { name: 'mine now' } }),
      404,
      'not_found',
    ],
    ['another workspace’s agent', () => api('DELETE', `/api/v1/admin/agents/${other.agent.id}`, { token: admin }), 404, 'not_found'],
  ];
  for (const [name, call, status, code] of bad) {
    it(`${name}: ${status} ${code}, nothing changed`, async () => {
      const before = await state();
      const res = await call();
      expect([res.status, res.body?.error?.code]).toEqual([status, code]);
      expect(res.body.error.message).toEqual(expect.any(String));
      expect(await state()).toEqual(before);
    });
  }

  it('replaces the policy and records what changed', async () => {
    const hours = { timezone: 'Europe/Paris', days: { mon: [['09:00', '17:30']], sat: [] }, holidays: ['2026-12-25'] };
    const put = await api('PUT', '/api/v1/admin/policy', {
      token: admin,
      body: {
        confidenceThreshold: 0.6,
        alwaysHumanIntents: ['refunds'],
        alwaysHumanTopics: ['chargeback'],
        languages: ['en', 'fr'],
        businessHours: hours,
        defaultTeamId: ws.teamId,
      },
    });
    expect(put.status).toBe(200);
    const got = await api('GET', '/api/v1/admin/policy', { token: admin });
    expect(got.body.policy).toMatchObject({
      confidenceThreshold: 0.6,
      alwaysHumanIntents: ['refunds'],
      languages: ['en', 'fr'],
      businessHours: hours,
      defaultTeamId: ws.teamId,
    });
    const [event] = await eventsOfType('admin.policy.updated');
    expect(event!.actor_id).toBe(ws.admin.id);
    expect(event!.data.changed).toEqual(expect.arrayContaining(['confidenceThreshold', 'businessHours', 'defaultTeamId']));
    // Back to always open for the rest of the file.
    expect((await api('PUT', '/api/v1/admin/policy', { token: admin, body: {} })).body.policy.businessHours).toBeNull();
  });

  it('manages teams: members, skills, SLA, fallback; a team a rule uses cannot be deleted', async () => {
    const made = await api('POST', '/api/v1/admin/teams', {
      token: admin,
      body: { name: 'Billing', skills: ['billing'], sla_seconds: 120, fallback_team_id: ws.teamId, member_ids: [ws.agent.id] },
    });
    expect(made.status).toBe(201);
    expect(made.body.team).toMatchObject({
      name: 'Billing',
      skills: ['billing'],
      sla_seconds: 120,
      fallback_team_id: ws.teamId,
      member_ids: [ws.agent.id],
    });
    const id = made.body.team.id;
    const self = await api('PATCH', `/api/v1/admin/teams/${id}`, { token: admin, body: { fallback_team_id: id } });
    expect(self.status).toBe(400);
    const changed = await api('PATCH', `/api/v1/admin/teams/${id}`, {
      token: admin,
      body: { member_ids: [ws.agent.id, ws.admin.id], sla_seconds: 60 },
    });
    expect(changed.body.team.member_ids.sort()).toEqual([ws.agent.id, ws.admin.id].sort());
    const rule = await api('POST', '/api/v1/admin/routing-rules', {
      token: admin,
      body: { name: 'billing', target: { type: 'team', team_id: id } },
    });
    const blocked = await api('DELETE', `/api/v1/admin/teams/${id}`, { token: admin });
    expect([blocked.status, blocked.body.error.code, blocked.body.error.details.rules]).toEqual([409, 'conflict', ['billing']]);
    await api('DELETE', `/api/v1/admin/routing-rules/${rule.body.rule.id}`, { token: admin });
    expect((await api('DELETE', `/api/v1/admin/teams/${id}`, { token: admin })).status).toBe(200);
    expect((await eventsOfType('admin.team.updated'))[0]!.data.before.sla_seconds).toBe(120);
    expect(await eventsOfType('admin.team.deleted')).toHaveLength(1);
  });

  it('invites an agent whose e-mail another workspace uses, without telling; login picks by password or by workspace', async () => {
    const shared = 'shared.agent@example.test';
    const inOther = await api('POST', '/api/v1/admin/agents', {
      token: await login(baton.url, other.admin.email, other.admin.password),
      body: { email: shared, name: 'Elsewhere', password: 'the other password', role: 'agent' },
    });
    expect(inOther.status).toBe(201);
    const here = await api('POST', '/api/v1/admin/agents', {
      token: admin,
      body: { email: shared, name: 'Here', password: 'this workspace password', role: 'agent' },
    });
    expect(here.status).toBe(201);
    // Within one workspace the address stays unique.
    const again = await api('POST', '/api/v1/admin/agents', {
      token: admin,
      body: { email: shared, name: 'Twice', password: 'yet another password', role: 'agent' },
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'conflict']);

    const mine = await login(baton.url, shared, 'this workspace password');
    expect((await api('GET', '/api/v1/me', { token: mine })).body.agent.name).toBe('Here');
    const theirs = await login(baton.url, shared, 'the other password');
    expect((await api('GET', '/api/v1/me', { token: theirs })).body.agent.name).toBe('Elsewhere');
    const wrong = await api('POST', '/api/v1/auth/login', { body: { email: shared, password: 'neither of them' } });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'invalid_credentials']);

    // The same password in both: the workspace must be named.
    await api('PATCH', `/api/v1/admin/agents/${here.body.agent.id}`, { token: admin, body: { password: 'the other password' } });
    const ambiguous = await api('POST', '/api/v1/auth/login', { body: { email: shared, password: 'the other password' } });
    expect([ambiguous.status, ambiguous.body.error.code]).toEqual([400, 'workspace_required']);
    const named = await api('POST', '/api/v1/auth/login', { body: { email: shared, password: 'the other password', workspace: ws.slug } });
    expect(named.body.agent.name).toBe('Here');
    expect((await api('DELETE', `/api/v1/admin/agents/${here.body.agent.id}`, { token: admin })).status).toBe(200);
  });

  it('invites agents who can log in, pages through them, changes and removes them', async () => {
    const invited = await api('POST', '/api/v1/admin/agents', {
      token: admin,
      body: {
        email: 'Nina@Example.test',
        name: 'Nina',
        password: 'a long first password',
        role: 'agent',
        skills: ['billing'],
        languages: ['en', 'de'],
        capacity: 3,
        team_ids: [ws.teamId],
      },
    });
    expect(invited.status).toBe(201);
    expect(invited.body.agent).toMatchObject({
      email: 'nina@example.test',
      skills: ['billing'],
      languages: ['en', 'de'],
      capacity: 3,
      team_ids: [ws.teamId],
    });
    expect(invited.body.agent).not.toHaveProperty('password_hash');
    const nina = await login(baton.url, 'nina@example.test', 'a long first password');
    expect((await api('GET', '/api/v1/me', { token: nina })).body.agent.name).toBe('Nina');

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await api('GET', `/api/v1/admin/agents?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: admin });
      seen.push(...res.body.agents.map((a: any) => a.id));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);

    const changed = await api('PATCH', `/api/v1/admin/agents/${invited.body.agent.id}`, {
      token: admin,
      body: { role: 'viewer', password: 'another long password' },
    });
    expect(changed.body.agent.role).toBe('viewer');
    // New password and lower role: the old session is over.
    expect((await api('GET', '/api/v1/me', { token: nina })).status).toBe(401);
    const ev = (await eventsOfType('admin.agent.updated')).at(-1)!;
    expect(ev.data.changed).toEqual(['role', 'password']);
    expect(JSON.stringify(ev.data)).not.toContain('another long password');
    expect((await api('DELETE', `/api/v1/admin/agents/${invited.body.agent.id}`, { token: admin })).status).toBe(200);
  });

  it('creates, changes, reorders and deletes routing rules', async () => {
    const mk = (name: string, body: object) => api('POST', '/api/v1/admin/routing-rules', { token: admin, body: { name, ...body } });
    const a = await mk('vip', { conditions: { customer: { vip: true } }, target: { type: 'team', team_id: ws.teamId }, priority: 'high' });
    const b = await mk('french', {
      conditions: { languages: ['fr'] },
      target: { type: 'agent', agent_id: ws.agent.id, fallback_team_id: ws.teamId },
      skills: ['fr-support'],
    });
    const c = await mk('rest', { target: { type: 'queue' } });
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect([a.body.rule.position, b.body.rule.position, c.body.rule.position]).toEqual([0, 1, 2]);
    expect(b.body.rule.skills).toEqual(['fr-support']);
    const ids = [c.body.rule.id, a.body.rule.id, b.body.rule.id];
    const reordered = await api('PUT', '/api/v1/admin/routing-rules/order', { token: admin, body: { ids } });
    expect(reordered.body.rules.map((r: any) => r.id)).toEqual(ids);
    const patched = await api('PATCH', `/api/v1/admin/routing-rules/${a.body.rule.id}`, {
      token: admin,
      body: { enabled: false, priority: null },
    });
    expect(patched.body.rule).toMatchObject({ enabled: false, priority: null, name: 'vip' });
    const list = await api('GET', '/api/v1/admin/routing-rules', { token: admin });
    expect(list.body.rules.map((r: any) => r.name)).toEqual(['rest', 'vip', 'french']);
    for (const id of ids) expect((await api('DELETE', `/api/v1/admin/routing-rules/${id}`, { token: admin })).status).toBe(200);
    expect((await eventsOfType('admin.routing_rule.reordered'))[0]!.data.after).toEqual(ids);
  });

  it('uploads knowledge as JSONL in one transaction, pages it, and the bot answers from it', async () => {
    const jsonl = [
      {
        id: 'warranty',
        title: 'Warranty',
        body: 'Every device has a two year warranty. Keep the receipt.',
        url: 'https://help.example.test/warranty',
      },
      { id: 'returns', title: 'Returns', body: 'Returns are free within 30 days.' },
    ]
      .map((a) => JSON.stringify(a))
      .join('\n');
    const up = await api('POST', '/api/v1/admin/knowledge', {
      token: admin,
      rawBody: jsonl,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(up.status).toBe(200);
    expect(up.body.summary).toMatchObject({ added: 2, updated: 0, deleted: 0 });
    const [event] = await eventsOfType('knowledge.updated');
    expect(event!.data).toMatchObject({ added: 2, prune: false });

    const first = await api('GET', '/api/v1/admin/knowledge?limit=3', { token: admin });
    expect(first.body.articles).toHaveLength(3);
    const second = await api('GET', `/api/v1/admin/knowledge?limit=3&cursor=${first.body.next_cursor}`, { token: admin });
    expect(second.body.next_cursor).toBeNull();
    expect([...first.body.articles, ...second.body.articles].map((a: any) => a.id)).toEqual(['refunds', 'returns', 'shipping', 'warranty']);

    // The bot seat rebuilt from the new knowledge (the scripted engine answers by title words).
    let cited: string | undefined;
    for (let i = 0; i < 50 && cited !== 'warranty'; i++) {
      const start = await api('POST', '/api/v1/widget/conversations', {
        body: { workspace: ws.slug, message: 'what about the warranty?' },
      });
      cited = start.body.messages[1]?.citations?.[0]?.articleId;
      if (cited !== 'warranty') await new Promise((r) => setTimeout(r, 100));
    }
    expect(cited).toBe('warranty');

    const pruned = await api('POST', '/api/v1/admin/knowledge?prune=true', {
      token: admin,
      body: { articles: [{ id: 'returns', title: 'Returns', body: 'Returns are free within 60 days.' }] },
    });
    expect(pruned.body.summary).toMatchObject({ added: 0, updated: 1, deleted: 3 });
  });

  it('creates API keys that are shown once, listed without secrets and revoked at once', async () => {
    const made = await api('POST', '/api/v1/admin/api-keys', { token: admin, body: { name: 'crm', scopes: ['read'] } });
    expect(made.status).toBe(201);
    const key = made.body.api_key.key as string;
    expect(key).toMatch(/^bk_/);
    expect((await api('GET', '/api/v1/conversations', { token: key })).status).toBe(200);
    const list = await api('GET', '/api/v1/admin/api-keys', { token: admin });
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(list.body.api_keys.find((k: any) => k.id === made.body.api_key.id)).toMatchObject({
      name: 'crm',
      scopes: ['read'],
      revoked_at: null,
    });
    const revoked = await api('DELETE', `/api/v1/admin/api-keys/${made.body.api_key.id}`, { token: admin });
    expect(revoked.body.api_key.revoked_at).not.toBeNull();
    expect((await api('GET', '/api/v1/conversations', { token: key })).status).toBe(401);
    const events = await eventsOfType('admin.api_key.created');
    expect(JSON.stringify(events)).not.toContain(key);
  });

  it('gives the widget snippet for the workspace', async () => {
    const res = await api('GET', '/api/v1/admin/widget-snippet', { token: admin });
    expect(res.body.snippet).toBe(`<script src="${baton.url}/widget.js" data-workspace="${ws.slug}" async></script>`);
    expect(res.body.identity.snippet).toContain('data-user-hash');
  });
});
