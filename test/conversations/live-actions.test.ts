import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { startBaton, type RunningBaton } from '../../src/app/runtime.ts';
import { runActionTurn } from '../../src/actions/playbooks/runner.ts';
import { identityHash } from '../../src/auth/secrets.ts';
import { buildRetailApi, type RetailApi } from '../../src/demo/retail-api/server.ts';
import { buildPayload } from '../../src/webhooks/payload.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, login, seedWorkspace, TEST_VAULT_KEY, testEnv, type SeededWorkspace } from '../support/baton.ts';
import { scriptedEngineFactory } from '../support/scripted-engine.ts';
import { ROOT } from '../support/paths.ts';
import { ensureDemoActions, ensureDemoWorkspace } from '../../src/workspaces/demo.ts';
import { listArticles, syncArticles } from '../../src/db/repositories/knowledge.ts';
import { startScriptedModel, type ModelStep, type RecordedRequest } from '../../src/engine/llm/testing/loopback.ts';
import { LlmConfigSchema } from '../../src/engine/llm/config.ts';

// Actions in live conversations, end to end: the widget API, the bot turn with the real playbook
// runner and the retail workspace (bench/retail/workspace.json), the real tool caller against
// the retail stand-in on loopback. The customer's lines and the company's answers cross the PII
// shield: what Baton keeps (events, messages, briefs, state, audit, webhook payloads) holds
// tokens, never the clear values.

let tdb: TestDatabase;
let baton: RunningBaton;
let ws: SeededWorkspace;
let retail: RetailApi & { url: string };
let api: ReturnType<typeof apiClient>;
let agentToken: string;
/** Test control of the stand-in: a route answering 500, or answering late (past the tool's deadline). */
const trouble = { status500: null as RegExp | null, slow: null as RegExp | null };

// Olivia Ito's record in the bundled data (src/demo/retail-api/data): what must never be kept in clear.
const OLIVIA = {
  id: 'olivia_ito_3591',
  email: 'olivia.ito5204@example.com',
  clear: ['olivia_ito_3591', 'olivia.ito5204@example.com', 'Ito'],
};

beforeAll(async () => {
  tdb = await openTestDatabase();
  const env = testEnv();
  baton = await startBaton({
    env,
    engineFactory: scriptedEngineFactory,
    database: tdb.database,
    log: pino({ level: 'silent' }),
    runActions: runActionTurn,
  });
  ws = await seedWorkspace(tdb.database.db, 'shop');
  const built = await buildRetailApi();
  built.app.addHook('onRequest', async (request, reply) => {
    if (trouble.status500?.test(request.url)) return reply.code(500).send({ error: 'internal error' });
    if (trouble.slow?.test(request.url)) await new Promise((r) => setTimeout(r, 1500));
  });
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  retail = { ...built, url: `http://127.0.0.1:${(built.app.server.address() as AddressInfo).port}` };
  api = apiClient(baton.url);
  const doc = JSON.parse(readFileSync(join(ROOT, 'bench/retail/workspace.json'), 'utf8'));
  delete doc.$comment;
  doc.apiBase = retail.url;
  // A short deadline, so the slow answer below is a timeout without a long wait.
  for (const t of doc.tools) t.timeoutMs = 800;
  const put = await api('PUT', '/api/v1/admin/actions', { token: ws.adminKey, body: { config: doc, allowPrivateNetwork: true } });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  agentToken = await login(baton.url, ws.agent.email, ws.agent.password);
});

afterAll(async () => {
  await retail?.app.close();
  await baton?.stop();
  await tdb?.dispose();
});

beforeEach(() => {
  retail.store.reset();
  trouble.status500 = null;
  trouble.slow = null;
});

/** Where a conversation is held: the playbook server by default, or another Baton and workspace. */
type On = { api: ReturnType<typeof apiClient>; ws: SeededWorkspace };

/** A widget conversation; with `as`, the host page signed the customer's id. */
async function start(as?: string, opts: { expires?: number; hash?: string } = {}, on: On = { api, ws }) {
  const customer = as
    ? {
        user_id: as,
        user_hash: opts.hash ?? identityHash(on.ws.secret, as, opts.expires),
        ...(opts.expires ? { expires: opts.expires } : {}),
      }
    : undefined;
  const res = await on.api('POST', '/api/v1/widget/conversations', { body: { workspace: on.ws.slug, customer } });
  return res;
}

async function conversation(as?: string, on: On = { api, ws }) {
  const res = await start(as, {}, on);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const { token, conversation: c } = res.body as { token: string; conversation: { id: string } };
  const say = async (text: string): Promise<string> => {
    const r = await on.api('POST', `/api/v1/widget/conversations/${c.id}/messages`, { token, body: { text } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return (r.body.replies as { text: string }[]).map((m) => m.text).join('\n');
  };
  return { id: c.id, token, say };
}

const orderStatus = (id: string) => (retail.store.snapshot() as { orders: Record<string, { status: string }> }).orders[id]!.status;

async function toolEvents(conversationId: string) {
  const rows = await tdb.database.db
    .selectFrom('events')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('type', '=', 'tool.called')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.data as Record<string, any>);
}

const staffView = async (id: string) => (await api('GET', `/api/v1/conversations/${id}`, { token: agentToken })).body;

describe('the bot looks things up and changes them within policy', () => {
  it('tells a verified customer where their order is, and cancels it only after their yes', async () => {
    const c = await conversation(OLIVIA.id);
    const status = await c.say('Hi, where is my order #W5442520?');
    expect(status).toMatch(/#W5442520 is pending/);

    const asked = await c.say('I want to cancel order #W5442520, I ordered it by mistake');
    expect(asked.toLowerCase()).toMatch(/cancel/);
    expect(orderStatus('#W5442520')).toBe('pending'); // asked, not done

    const done = await c.say('yes');
    expect(done).not.toBe('');
    expect(orderStatus('#W5442520')).toBe('cancelled');
    // Verified by the host page, not by the bot.
    expect(await staffView(c.id)).toMatchObject({ customer: { verified: true }, bot_verification: null });

    const calls = await toolEvents(c.id);
    const writes = calls.filter((e) => e.kind === 'write');
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ name: 'cancel_pending_order', ok: true, turn: 3, by: 'bot' });
    expect(writes[0]!.args).toMatchObject({ order_id: '#W5442520', reason: 'ordered by mistake' });
    expect(calls.find((e) => e.name === 'get_order_details')?.summary).toMatch(/Looked up order #W5442520: pending/);
    // The host page's account token, the one the calls were made with.
    const kept = await tdb.database.db
      .selectFrom('conversations')
      .select('action_identity')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(kept.action_identity).toMatchObject({ via: 'host_page', id: '<ACCOUNT_1>' });
    expect(calls.find((e) => e.name === 'get_user_details')?.args).toEqual({ user_id: '<ACCOUNT_1>' });
    // Each call is on the audit log too.
    const audited = await tdb.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_id', '=', c.id)
      .where('type', '=', 'tool.called')
      .execute();
    expect(audited.length).toBe(calls.length);
    expect(audited.some((a) => (a.data as { name?: string }).name === 'cancel_pending_order')).toBe(true);
  });

  it('"cancel it" after a look-up cancels the order just looked up, without asking which', async () => {
    const c = await conversation(OLIVIA.id);
    expect(await c.say('Where is my order #W7941031?')).toMatch(/#W7941031 is pending/);
    const why = await c.say('Please cancel it.');
    expect(why).not.toMatch(/which order/i);
    expect(why).toMatch(/why you'd like to cancel/);
    expect(await c.say('I ordered it by mistake')).toMatch(/cancel order #W7941031/);
    await c.say('yes');
    expect(orderStatus('#W7941031')).toBe('cancelled');
  });

  it('makes no change without a yes', async () => {
    const c = await conversation('fatima_anderson_2157');
    const asked = await c.say('Please cancel order #W2974929, I no longer need it');
    expect(asked.toLowerCase()).toMatch(/cancel/);
    await c.say('no, wait');
    expect(orderStatus('#W2974929')).toBe('pending');
    await c.say('cancel it anyway');
    expect(orderStatus('#W2974929')).toBe('pending'); // a new question, not a yes
    expect((await toolEvents(c.id)).filter((e) => e.kind === 'write')).toHaveLength(0);
  });

  it('hands off to a person asked for in the middle of a playbook', async () => {
    const c = await conversation('olivia_lopez_9494');
    expect(await c.say('Please cancel order #W8955613, I ordered it by mistake')).toMatch(/cancel/i);
    await c.say('Actually I want to talk to a person');
    const view = await staffView(c.id);
    expect(view.handoffs.at(-1).reasons).toEqual(['customer_requested']);
    expect(orderStatus('#W8955613')).toBe('pending');
  });

  it("refuses another customer's order, and tells nothing of it", async () => {
    const c = await conversation(OLIVIA.id);
    const reply = await c.say('Where is my order #W2974929?'); // Fatima's
    expect(reply).not.toMatch(/#W2974929 is pending/);
    const calls = await toolEvents(c.id);
    const lookup = calls.find((e) => e.name === 'get_order_details' && e.args.order_id === '#W2974929');
    expect(lookup).toMatchObject({ ok: false, error: expect.stringMatching(/refused/) });
    expect(JSON.stringify(lookup)).not.toMatch(/fatima|anderson/i);
    const cancel = await c.say('Then cancel #W2974929, I ordered it by mistake');
    await c.say('yes');
    expect(cancel).not.toMatch(/To cancel order #W2974929/);
    expect(orderStatus('#W2974929')).toBe('pending');
  });

  it('verifies a customer by e-mail in the conversation: the call gets the clear address, nothing keeps it', async () => {
    const c = await conversation();
    expect((await staffView(c.id)).bot_verification).toBeNull();
    const ask = await c.say('Where is my order #W5353646?');
    expect(ask.toLowerCase()).toMatch(/e-mail|email/);
    expect((await staffView(c.id)).bot_verification).toBeNull();
    const reply = await c.say(`It's ${OLIVIA.email}`);
    expect(reply).toMatch(/#W5353646 is processed/);
    const calls = await toolEvents(c.id);
    const verify = calls.find((e) => e.name === 'find_user_id_by_email');
    expect(verify).toMatchObject({ ok: true });
    expect(verify!.args.email).toMatch(/^<EMAIL_\d+>$/);
    // The workspace's Customer panel says how the bot verified the customer, never with what.
    const view = await staffView(c.id);
    expect(view.customer.verified).toBe(false);
    expect(view.bot_verification).toEqual({ tool: 'find_user_id_by_email', using: ['email'], method: 'e-mail lookup' });
    expect(JSON.stringify(view.bot_verification)).not.toMatch(/olivia/i);
    const brief = await handOff(c);
    expect(brief.actions.identity).toMatchObject({ via: 'tool', tool: 'find_user_id_by_email', using: ['email'] });
    // Verified by the bot: the next step does not ask the agent to verify again.
    expect(brief.fields.length).toBeGreaterThan(0);
    expect(brief.recommended_next_step.text).not.toMatch(/not verified/);
    expect(JSON.stringify(brief.actions)).not.toContain(OLIVIA.email);
  });
});

/** The customer asks for a person (the widget's button); returns the brief of that handoff. */
async function handOff(c: { id: string; token: string }) {
  const r = await api('POST', `/api/v1/widget/conversations/${c.id}/handoff`, { token: c.token });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (await staffView(c.id)).handoffs.at(-1).brief;
}

describe("an admin's change", () => {
  it('counts from the next line, though each node keeps the workspace’s actions between lines', async () => {
    const fresh = await seedWorkspace(tdb.database.db, 'fresh-shop');
    const on: On = { api, ws: fresh };
    // No actions yet: the engine alone answers (this seeded knowledge has nothing on orders).
    expect(await (await conversation(OLIVIA.id, on)).say('Hi, where is my order #W5442520?')).not.toMatch(/pending/);
    const doc = JSON.parse(readFileSync(join(ROOT, 'bench/retail/workspace.json'), 'utf8'));
    delete doc.$comment;
    const put = await api('PUT', '/api/v1/admin/actions', {
      token: fresh.adminKey,
      body: { config: { ...doc, apiBase: retail.url }, allowPrivateNetwork: true },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(await (await conversation(OLIVIA.id, on)).say('Hi, where is my order #W5442520?')).toMatch(/#W5442520 is pending/);
  });
});

describe("the customer's language", () => {
  it("asks in the conversation's language what the workspace wrote in it, and the runner's own words follow", async () => {
    const shop = await seedWorkspace(tdb.database.db, 'de-shop');
    const doc = JSON.parse(readFileSync(join(ROOT, 'bench/retail/workspace.json'), 'utf8'));
    delete doc.$comment;
    const de = 'Bevor ich in Ihr Konto schaue: Wie lautet die E-Mail-Adresse darauf?';
    const config = { ...doc, apiBase: retail.url, identity: { ...doc.identity, ask: { en: doc.identity.ask, de } } };
    const put = await api('PUT', '/api/v1/admin/actions', { token: shop.adminKey, body: { config, allowPrivateNetwork: true } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const chat = async (language: string) => {
      const res = await api('POST', '/api/v1/widget/conversations', { body: { workspace: shop.slug, language } });
      const { token, conversation: c } = res.body as { token: string; conversation: { id: string } };
      return async (text: string) =>
        ((await api('POST', `/api/v1/widget/conversations/${c.id}/messages`, { token, body: { text } })).body.replies as { text: string }[])
          .map((m) => m.text)
          .join('\n');
    };
    const german = await chat('de');
    expect(await german('Wo ist meine Bestellung #W5442520?')).toBe(de);
    // Asked again on a line that gives nothing: the offer of a person, in German too.
    expect(await german('hmm')).toBe(
      `${de} Wenn Sie das lieber nicht möchten, sagen Sie es einfach, dann hole ich eine Person aus unserem Team dazu.`,
    );
    expect(await german(OLIVIA.email)).toMatch(/#W5442520/);
    // English, and a language the workspace wrote nothing in, read its English text.
    for (const language of ['en', 'it']) expect(await (await chat(language))('Where is my order #W5442520?')).toBe(doc.identity.ask);
  });
});

describe('a failing company API', () => {
  it('a 500 gives a clear reply and a handoff whose brief says what failed (action_failed)', async () => {
    const c = await conversation('harper_moore_3210');
    trouble.status500 = /^\/orders\//;
    const reply = await c.say('Where is my order #W3942868?');
    expect(reply).toMatch(/couldn't get that from our systems/);
    const view = await staffView(c.id);
    expect(view.conversation.status).not.toBe('bot');
    const handoff = view.handoffs.at(-1);
    expect(handoff.reasons).toContain('action_failed');
    expect(handoff.brief.actions.failed.join(' ')).toMatch(/HTTP 500/);
    const why = handoff.brief.escalation.reasons.find((r: { reason: string }) => r.reason === 'action_failed');
    expect(why.evidence).toMatch(/HTTP 500/);
    expect(handoff.brief.actions.calls.some((x: { ok: boolean }) => !x.ok)).toBe(true);
  });

  it('a timeout does the same', async () => {
    const c = await conversation('daiki_jackson_4362');
    trouble.slow = /^\/orders\//;
    const reply = await c.say('Where is my order #W8306539?');
    expect(reply).toMatch(/couldn't get that from our systems/);
    const view = await staffView(c.id);
    expect(view.handoffs.at(-1).reasons).toContain('action_failed');
    expect(view.handoffs.at(-1).brief.actions.failed.join(' ')).toMatch(/timeout/);
  });
});

describe('the agent in the workspace', () => {
  it('sees the calls in the brief and re-runs a read, never a write', async () => {
    const c = await conversation(OLIVIA.id);
    await c.say('Where is my order #W7941031?');
    const brief = await handOff(c);
    expect(brief.actions.identity).toMatchObject({ via: 'host_page' });
    const lookup = brief.actions.calls.find((x: { name: string }) => x.name === 'get_order_details');
    expect(lookup).toMatchObject({ ok: true, kind: 'read' });

    const rerun = await api('POST', `/api/v1/conversations/${c.id}/tool-calls/rerun`, {
      token: agentToken,
      body: { name: lookup.name, args: lookup.args },
    });
    expect(rerun.status, JSON.stringify(rerun.body)).toBe(200);
    expect(rerun.body.call).toMatchObject({ ok: true, kind: 'read', status: 200 });
    expect(rerun.body.call.result.status).toBe('pending');
    expect(rerun.body.call.summary).toMatch(/^An agent re-ran it: Looked up order #W7941031: pending/);
    expect(JSON.stringify(rerun.body)).not.toContain(OLIVIA.id);
    expect((await toolEvents(c.id)).at(-1)).toMatchObject({ name: 'get_order_details', by: 'agent' });

    const account = brief.actions.calls.find((x: { name: string }) => x.name === 'get_user_details');
    const again = await api('POST', `/api/v1/conversations/${c.id}/tool-calls/rerun`, {
      token: agentToken,
      body: { name: account.name, args: account.args },
    });
    expect(again.body.call).toMatchObject({ ok: true, name: 'get_user_details' });

    const write = await api('POST', `/api/v1/conversations/${c.id}/tool-calls/rerun`, {
      token: agentToken,
      body: { name: 'cancel_pending_order', args: { order_id: '#W7941031', reason: 'no longer needed' } },
    });
    expect(write.status).toBe(403);
    expect(orderStatus('#W7941031')).toBe('pending');

    const other = await api('POST', `/api/v1/conversations/${c.id}/tool-calls/rerun`, {
      token: agentToken,
      body: { name: 'get_order_details', args: { order_id: '#W2974929' } },
    });
    expect(other.body.call).toMatchObject({ ok: false });
    expect(JSON.stringify(other.body)).not.toMatch(/fatima/i);
  });
});

describe('no clear personal data at rest', () => {
  it('events, messages, briefs, state, audit entries and webhook payloads hold tokens only', async () => {
    const c = await conversation(OLIVIA.id);
    await c.say('Where is my order #W3657213?');
    await c.say(`My e-mail is ${OLIVIA.email} by the way`);
    await handOff(c);
    const db = tdb.database.db;
    const [events, messages, handoffs, convs, audit] = await Promise.all([
      db.selectFrom('events').selectAll().where('workspace_id', '=', ws.id).execute(),
      db.selectFrom('messages').selectAll().where('workspace_id', '=', ws.id).execute(),
      db.selectFrom('handoffs').selectAll().where('workspace_id', '=', ws.id).execute(),
      db.selectFrom('conversations').select(['action_state', 'action_identity']).where('workspace_id', '=', ws.id).execute(),
      db.selectFrom('audit_log').selectAll().where('workspace_id', '=', ws.id).execute(),
    ]);
    expect(events.some((e) => e.type === 'tool.called')).toBe(true);
    const payloads = await Promise.all(events.map((e) => buildPayload(db, e, e.type, 'd1')));
    const kept = {
      events: events.map((e) => e.data),
      messages: messages.map((m) => [m.text, m.redacted_text, m.trace]),
      // The brief's customer block is the customer record the host page gave (external_id), not a result.
      handoffs: handoffs.map((h) => ({ ...(h.brief as object), customer: null })),
      conversations: convs,
      audit: audit.map((a) => a.data),
      webhooks: payloads,
    };
    // The stand-in's answers carried all of these (get_user_details: e-mail, name, address, zip).
    for (const [where, what] of Object.entries(kept))
      for (const value of [...OLIVIA.clear, '570 Elm Avenue', '80218']) expect(JSON.stringify(what), where).not.toContain(value);
    expect(JSON.stringify(kept.events)).toMatch(/<ACCOUNT_\d+>/);
    // The customer reads their own words back.
    const read = await api('GET', `/api/v1/widget/conversations/${c.id}`, { token: c.token });
    expect(JSON.stringify(read.body)).toContain(OLIVIA.email);
  });
});

describe("the host page's signed identity", () => {
  it('refuses a forged or expired identity, accepts one signed with a future expiry', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await start(OLIVIA.id, { hash: identityHash(ws.secret, 'omar_lopez_3107') })).status).toBe(401);
    expect((await start(OLIVIA.id, { hash: identityHash('another secret', OLIVIA.id) })).status).toBe(401);
    const expired = await start(OLIVIA.id, { expires: now - 60 });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('invalid_identity');
    // A later expiry put on a signature made for an earlier one does not verify.
    const hash = identityHash(ws.secret, OLIVIA.id, now - 60);
    const moved = await api('POST', '/api/v1/widget/conversations', {
      body: { workspace: ws.slug, customer: { user_id: OLIVIA.id, user_hash: hash, expires: now + 3600 } },
    });
    expect(moved.status).toBe(401);
    expect((await start(OLIVIA.id, { expires: now + 3600 })).status).toBe(201);
  });
});

describe("npm start's demo", () => {
  it("the demo workspace gets the shop's actions and articles: its bot finds an order after verifying the customer", async () => {
    const { workspace } = await ensureDemoWorkspace(tdb.database.db);
    // An earlier demo gave it the shop's own page on a topic the demo covers (demo-knowledge.ts).
    const shopPages = readFileSync(join(ROOT, 'bench/retail/kb.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    await syncArticles(
      tdb.database.db,
      workspace.id,
      shopPages.filter((a: { id: string }) => a.id === 'order-status'),
      { prune: false },
    );
    expect((await ensureDemoActions(tdb.database.db, workspace.id, retail.url)).knowledgeChanged).toBe(true);
    expect((await ensureDemoActions(tdb.database.db, workspace.id, retail.url)).knowledgeChanged).toBe(false);
    const ids = (await listArticles(tdb.database.db, workspace.id)).map((a) => a.id);
    expect(ids).toContain('cancel-order');
    expect(ids).not.toContain('order-status');
    const tracking = (await listArticles(tdb.database.db, workspace.id)).find((a) => a.id === 'track-order');
    expect(tracking?.examples).toContain("my order still hasn't arrived, where is it");
    baton.ctx.bot.invalidate(workspace.id);
    const res = await api('POST', '/api/v1/widget/conversations', { body: { workspace: 'demo' } });
    const { token, conversation: c } = res.body;
    const say = async (text: string) =>
      ((await api('POST', `/api/v1/widget/conversations/${c.id}/messages`, { token, body: { text } })).body.replies as { text: string }[])
        .map((m) => m.text)
        .join('\n');
    expect(await say('Where is my order #W5442520?')).toMatch(/e-mail/);
    // A question asked aside is answered from the knowledge, and the look-up goes on after it.
    expect(await say('how long does shipping take')).toMatch(/Standard shipping takes/);
    expect(await say(OLIVIA.email)).toMatch(/#W5442520 is pending/);
  });
});

describe('with a model (BATON_LLM_*), the same tools are its function calls under the same guard rails', () => {
  let modelBaton: RunningBaton;
  let shop: SeededWorkspace;
  let model: Awaited<ReturnType<typeof startScriptedModel>>;
  let on: On;

  /** The scripted model: reads an order when asked where it is, asks to cancel when asked to, words results. */
  const step = (req: RecordedRequest): ModelStep => {
    const messages = (req.body.messages ?? []) as Array<{ role: string; content: unknown }>;
    if (messages.at(-1)?.role === 'tool') return { text: 'Here is what I found.' };
    const said = JSON.stringify(messages.filter((m) => m.role === 'user').at(-1)?.content ?? '');
    if (/where/i.test(said)) return { calls: [{ name: 'get_order_details', args: { order_id: '#W5442520' } }] };
    if (/cancel/i.test(said))
      return { calls: [{ name: 'cancel_pending_order', args: { order_id: '#W5442520', reason: 'ordered by mistake' } }] };
    return { text: 'How can I help?' };
  };

  beforeAll(async () => {
    model = await startScriptedModel('openai', []);
    for (let i = 0; i < 40; i++) model.push(step);
    const env = loadEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_START_PER_MINUTE: '1000',
      BATON_VAULT_KEY: TEST_VAULT_KEY,
    });
    modelBaton = await startBaton({
      env,
      engineFactory: scriptedEngineFactory,
      database: tdb.database,
      log: pino({ level: 'silent' }),
      actionsModel: LlmConfigSchema.parse({ provider: 'vllm', model: 'm', apiKey: 'k', baseUrl: model.url, maxRetries: 0 }),
    });
    shop = await seedWorkspace(tdb.database.db, 'modelshop');
    on = { api: apiClient(modelBaton.url), ws: shop };
    // Tools only: with a model, a workspace needs no playbooks.
    const doc = JSON.parse(readFileSync(join(ROOT, 'bench/retail/workspace.json'), 'utf8'));
    const put = await on.api('PUT', '/api/v1/admin/actions', {
      token: shop.adminKey,
      body: { config: { apiBase: retail.url, tools: doc.tools, playbooks: [] }, allowPrivateNetwork: true },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  });
  afterAll(async () => {
    await modelBaton?.stop();
    await model?.close();
  });

  it('looks the order up, asks before cancelling, and cancels only on the next yes', async () => {
    const c = await conversation(OLIVIA.id, on);
    await c.say('Hi, where is my order #W5442520?');
    expect(model.requests.some((r) => (r.body.tools ?? []).some((t: any) => t.function?.name === 'cancel_pending_order'))).toBe(true);
    const asked = await c.say('please cancel it');
    expect(asked.toLowerCase()).toMatch(/cancel/);
    expect(orderStatus('#W5442520')).toBe('pending'); // the model asked; the engine did not do it
    await c.say('yes');
    expect(orderStatus('#W5442520')).toBe('cancelled');
    const calls = await toolEvents(c.id);
    expect(calls.map((e) => [e.name, e.kind, e.ok])).toEqual([
      ['get_order_details', 'read', true],
      ['cancel_pending_order', 'write', true],
    ]);
    expect(calls[1]).toMatchObject({ turn: 3, args: { order_id: '#W5442520', reason: 'ordered by mistake' } });
  });
});
