import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, login, seedWorkspace, startTestBaton, type SeededWorkspace } from '../support/baton.ts';
import { insertAgent, setAgentStatus } from '../../src/db/repositories/agents.ts';
import { hashPassword } from '../../src/auth/secrets.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';

// Routing and the brief on a real server: rules from the admin API, handoffs from the widget,
// the SLA overflow through the real job queue, and what is recorded for each decision.
describe('handoff routing and brief on a server', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  let api: ReturnType<typeof apiClient>;
  let admin: string;

  const db = () => tdb.database.db;
  const events = async (conversationId: string, type: string) =>
    (
      await sql<{ data: any }>`select data from events where conversation_id = ${conversationId} and type = ${type} order by id`.execute(
        db(),
      )
    ).rows.map((r) => r.data);
  const handoffOf = async (conversationId: string) =>
    (await api('GET', `/api/v1/conversations/${conversationId}`, { token: admin })).body.handoffs.at(-1);
  const setStatus = (ids: string[], status: 'online' | 'offline') => Promise.all(ids.map((id) => setAgentStatus(db(), ws.id, id, status)));
  const askForHuman = async (message = 'My order #5521 is late. I want a person please.', customer?: object) => {
    const start = await api('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug, message, customer } });
    expect(start.status).toBe(201);
    return start.body as { token: string; conversation: { id: string; status: string }; messages: { author: string; text: string }[] };
  };
  async function newAgent(name: string, o: { skills?: string[]; languages?: string[]; capacity?: number } = {}) {
    const a = await insertAgent(db(), {
      id: randomUUID(),
      workspaceId: ws.id,
      email: `${name}-${ws.slug}@example.test`,
      name,
      passwordHash: await hashPassword('irrelevant password'),
      role: 'agent',
      ...o,
    });
    return a.id;
  }
  async function newTeam(body: object): Promise<string> {
    const res = await api('POST', '/api/v1/admin/teams', { token: admin, body });
    expect(res.status).toBe(201);
    return res.body.team.id;
  }

  beforeAll(async () => {
    tdb = await openTestDatabase();
    baton = await startTestBaton(tdb.database);
    ws = await seedWorkspace(db(), 'route');
    api = apiClient(baton.url);
    admin = await login(baton.url, ws.admin.email, ws.admin.password);
  });
  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
  });

  it('routes by the first matching rule to a skilled agent speaking the language, and records why', async () => {
    const fr = await newAgent('Fleur', { skills: ['billing'], languages: ['fr'] });
    const en = await newAgent('Ed', { skills: ['billing'], languages: ['en'] });
    const noSkill = await newAgent('Nils', { languages: ['en'] });
    const billing = await newTeam({ name: 'Billing', member_ids: [fr, en, noSkill] });
    await setStatus([fr, en, noSkill], 'online');
    const vipRule = await api('POST', '/api/v1/admin/routing-rules', {
      token: admin,
      body: { name: 'VIPs', conditions: { customer: { vip: true } }, target: { type: 'queue' } },
    });
    const billingRule = await api('POST', '/api/v1/admin/routing-rules', {
      token: admin,
      body: {
        name: 'Late orders to billing',
        conditions: { reasons: ['customer_requested'], channels: ['widget'] },
        target: { type: 'team', team_id: billing },
        skills: ['billing'],
        priority: 'high',
      },
    });

    const started = await askForHuman();
    expect(started.conversation.status).toBe('queued');
    expect(started.messages.at(-1)!.text).toBe('Connecting you with the Billing team.');
    const handoff = await handoffOf(started.conversation.id);
    expect(handoff.routing).toMatchObject({
      rule: { id: billingRule.body.rule.id },
      team_id: billing,
      agent_id: en,
      assignment: 'least_loaded',
      priority: 'high',
    });
    expect(handoff.routing.steps[1]).toContain('no match (customer vip is false)');
    expect(handoff.routing.candidates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agent_id: fr, eligible: false, note: 'does not speak en' }),
        expect.objectContaining({ agent_id: noSkill, eligible: false, note: 'lacks skill billing' }),
      ]),
    );
    expect(handoff.offered_at).not.toBeNull();
    const detail = await api('GET', `/api/v1/conversations/${started.conversation.id}`, { token: admin });
    expect(detail.body.conversation).toMatchObject({ team_id: billing, assignee_id: en, priority: 'high', status: 'queued' });
    const [decided] = await events(started.conversation.id, 'routing.decided');
    expect(decided).toMatchObject({
      handoff_id: handoff.id,
      rule_id: billingRule.body.rule.id,
      team_id: billing,
      agent_id: en,
      why: handoff.routing.why,
    });
    // The brief shows the routing decision and why.
    const brief = await api('GET', `/api/v1/conversations/${started.conversation.id}/brief`, { token: admin });
    expect(brief.body.brief.routing).toMatchObject({
      team_name: 'Billing',
      agent_name: 'Ed',
      rule: 'Late orders to billing',
      why: handoff.routing.why,
    });
    expect(brief.body.brief.fields).toContainEqual({
      kind: 'order_number',
      label: 'Order number',
      value: '5521',
      message_id: expect.any(String),
    });

    // The VIP rule now comes first for a VIP: the workspace queue.
    const vip = await askForHuman('I need a person for my account.', { name: 'Vera', attributes: { vip: true } });
    expect((await handoffOf(vip.conversation.id)).routing).toMatchObject({
      rule: { id: vipRule.body.rule.id },
      target: 'queue',
      team_id: null,
      priority: 'high',
    });

    // Load counts: Ed holds one now, so the next goes to... Ed still (the only eligible), until capacity.
    await api('PATCH', `/api/v1/admin/agents/${en}`, { token: admin, body: { capacity: 1 } });
    const full = await askForHuman();
    const r = (await handoffOf(full.conversation.id)).routing;
    expect(r).toMatchObject({ agent_id: null, on_shift: true, assignment: 'none' });
    expect(r.candidates.find((c: any) => c.agent_id === en).note).toBe('at capacity (1/1)');
    expect((await api('GET', `/api/v1/conversations/${full.conversation.id}`, { token: admin })).body.conversation.status).toBe('queued');

    for (const id of [vipRule.body.rule.id, billingRule.body.rule.id])
      await api('DELETE', `/api/v1/admin/routing-rules/${id}`, { token: admin });
    await setStatus([fr, en, noSkill], 'offline');
  });

  it('sticks to the agent who helped the customer before', async () => {
    const one = await newAgent('Una');
    const two = await newAgent('Tom');
    const team = await newTeam({ name: 'Sticky', member_ids: [one, two] });
    await api('PUT', '/api/v1/admin/policy', { token: admin, body: { defaultTeamId: team } });
    await setStatus([one, two], 'online');
    const userId = `user-${randomUUID()}`;
    const { signUser } = await import('../support/baton.ts');
    const customer = { user_id: userId, user_hash: signUser(ws.secret, userId), name: 'Sam' };
    const first = await askForHuman('a person please', customer);
    const firstAgent = (await handoffOf(first.conversation.id)).routing.agent_id;
    // That agent accepts, replies and resolves.
    const agentEmail = firstAgent === one ? `Una-${ws.slug}@example.test` : `Tom-${ws.slug}@example.test`;
    await tdb.database.db
      .updateTable('agents')
      .set({ password_hash: await hashPassword('a known password!') })
      .where('id', '=', firstAgent)
      .execute();
    const token = await login(baton.url, agentEmail.toLowerCase(), 'a known password!');
    await api('POST', `/api/v1/conversations/${first.conversation.id}/accept`, { token });
    await api('POST', `/api/v1/conversations/${first.conversation.id}/messages`, { token, body: { text: 'Hello Sam, sorted.' } });
    await api('POST', `/api/v1/conversations/${first.conversation.id}/resolve`, { token });
    // Give the other agent the lighter load: stickiness still wins.
    const second = await askForHuman('a person again please', customer);
    const routing = (await handoffOf(second.conversation.id)).routing;
    expect(routing).toMatchObject({ agent_id: firstAgent, assignment: 'sticky' });
    expect(routing.why).toContain('helped this customer before');
    await api('PUT', '/api/v1/admin/policy', { token: admin, body: {} });
    await setStatus([one, two], 'offline');
  });

  it('moves an unaccepted handoff to the fallback team after the SLA, through the job queue', async () => {
    const first = await newAgent('Fay');
    const second = await newAgent('Gus');
    const tier2 = await newTeam({ name: 'Tier 2', member_ids: [second] });
    const tier1 = await newTeam({ name: 'Tier 1', member_ids: [first], sla_seconds: 1, fallback_team_id: tier2 });
    const rule = await api('POST', '/api/v1/admin/routing-rules', {
      token: admin,
      body: { name: 'all to tier 1', target: { type: 'team', team_id: tier1 } },
    });
    await setStatus([first, second], 'online');

    const started = await askForHuman();
    const handoff = await handoffOf(started.conversation.id);
    expect(handoff.routing).toMatchObject({
      team_id: tier1,
      agent_id: first,
      sla: { seconds: 1, fallback_team_id: tier2 },
      sla_scheduled: true,
    });

    let moved: any[] = [];
    for (let i = 0; i < 100 && moved.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      moved = await events(started.conversation.id, 'routing.overflow');
    }
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ handoff_id: handoff.id, from_team_id: tier1, to_team_id: tier2, agent_id: second });
    expect(moved[0].why).toContain("nobody accepted within Tier 1's SLA of 1 s: overflow to Tier 2");
    const after = await handoffOf(started.conversation.id);
    expect(after).toMatchObject({
      team_id: tier2,
      routing: { team_id: tier2, agent_id: second, overflow_from: { team_id: tier1 }, history: [{ team_id: tier1, agent_id: first }] },
    });
    expect(after.brief.routing).toMatchObject({ team_name: 'Tier 2', agent_name: 'Gus' });
    const conv = (await api('GET', `/api/v1/conversations/${started.conversation.id}`, { token: admin })).body.conversation;
    expect(conv).toMatchObject({ status: 'queued', team_id: tier2, assignee_id: second });

    // An accepted handoff does not move.
    await tdb.database.db
      .updateTable('agents')
      .set({ password_hash: await hashPassword('a known password!') })
      .where('id', '=', first)
      .execute();
    const token = await login(baton.url, `fay-${ws.slug}@example.test`, 'a known password!');
    const kept = await askForHuman();
    expect((await api('POST', `/api/v1/conversations/${kept.conversation.id}/accept`, { token })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 3000));
    expect(await events(kept.conversation.id, 'routing.overflow')).toEqual([]);
    expect((await handoffOf(kept.conversation.id)).team_id).toBe(tier1);
    await api('DELETE', `/api/v1/admin/routing-rules/${rule.body.rule.id}`, { token: admin });
    await setStatus([first, second], 'offline');
  });

  it('tells the customer nobody is on shift, asks for an e-mail, and takes it into the record and the brief', async () => {
    await api('PUT', '/api/v1/admin/policy', { token: admin, body: { businessHours: { timezone: 'UTC', days: {} } } });
    const started = await askForHuman('My parcel never came. Can someone call me? I want a person.');
    expect(started.conversation.status).toBe('awaiting_customer');
    expect(started.messages.at(-1)!.text).toBe(
      'Our team is away right now (outside our business hours). Leave your e-mail address here and we will get back to you; this conversation stays open.',
    );
    const handoff = await handoffOf(started.conversation.id);
    expect(handoff.routing).toMatchObject({ on_shift: false, business_hours: { open: false } });
    expect(handoff.brief.recommended_next_step.action).toBe('reply_by_email');
    const [update] = await events(started.conversation.id, 'conversation.updated').then((e) =>
      e.filter((d) => d.action === 'await_customer'),
    );
    expect(update.why).toContain('outside business hours');

    const wrote = await api('POST', `/api/v1/widget/conversations/${started.conversation.id}/messages`, {
      token: started.token,
      body: { text: 'Sure, it is sam.parcel@example.test. Tracking number TRK-77812.' },
    });
    expect(wrote.status).toBe(201);
    const detail = (await api('GET', `/api/v1/conversations/${started.conversation.id}`, { token: admin })).body;
    expect(detail.customer.email).toBe('sam.parcel@example.test');
    expect(detail.messages.at(-1).text).toMatch(/reply to that e-mail address/);
    const brief = detail.handoffs.at(-1).brief;
    expect(brief.updates).toHaveLength(1);
    expect(brief.fields.map((f: any) => f.value)).toEqual(expect.arrayContaining(['TRK-77812']));
    expect(brief.last_customer_message).toContain('Tracking number TRK-77812.');
    expect(brief.customer.email).toBe('sam.parcel@example.test');
    expect(await events(started.conversation.id, 'handoff.brief_updated')).toHaveLength(1);
    expect(await events(started.conversation.id, 'customer.contact_collected')).toEqual([
      { customer_id: detail.customer.id, field: 'email' },
    ]);
    await api('PUT', '/api/v1/admin/policy', { token: admin, body: {} });
  });

  it("tells the customer in the conversation's language: a French conversation gets French notices", async () => {
    await api('PUT', '/api/v1/admin/policy', { token: admin, body: { businessHours: { timezone: 'UTC', days: {} } } });
    const start = await api('POST', '/api/v1/widget/conversations', {
      body: {
        workspace: ws.slug,
        language: 'fr',
        message: "Mon colis n'est jamais arrivé. Je veux parler à une personne, s'il vous plaît.",
      },
    });
    const started = start.body as { token: string; conversation: { id: string }; messages: { text: string }[] };
    expect(started.messages.at(-1)!.text).toBe(
      "Notre équipe est absente pour le moment (en dehors de nos horaires d'ouverture). Laissez votre adresse e-mail ici et nous vous répondrons ; cette conversation reste ouverte.",
    );
    await api('POST', `/api/v1/widget/conversations/${started.conversation.id}/messages`, {
      token: started.token,
      body: { text: 'Voici mon adresse : lea.colis@example.test, merci.' },
    });
    const detail = (await api('GET', `/api/v1/conversations/${started.conversation.id}`, { token: admin })).body;
    expect(detail.messages.at(-1).text).toBe("Merci : nous répondrons à cette adresse e-mail dès que quelqu'un sera de retour.");
    await api('PUT', '/api/v1/admin/policy', { token: admin, body: {} });
  });

  it('publishes the brief schema', async () => {
    const schema = await api('GET', '/api/v1/schemas/brief.json');
    expect(schema.status).toBe(200);
    expect(schema.body.properties.schema_version.const).toBe(2);
    expect(schema.body.required).toEqual(
      expect.arrayContaining(['summary', 'goal', 'bot_attempts', 'routing', 'fields', 'recommended_next_step']),
    );
    const spec = (await api('GET', '/api/v1/openapi.json')).body;
    expect(spec.paths['/api/v1/conversations/{id}/brief'].get.responses['200']).toBeDefined();
  });
});
