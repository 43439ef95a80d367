// The model path of actions against real loopback servers: a scripted model (OpenAI and
// Anthropic wire formats) and a small stand-in of the company's API. What the model asks for
// is only a request; these tests check what the API and the model server actually received.
import { afterEach, describe, expect, it } from 'vitest';
import { createLlmClient } from '../engine/llm/client.ts';
import { InMemoryTokenBudget, withBudget } from '../engine/llm/budget.ts';
import { LlmConfigSchema } from '../engine/llm/config.ts';
import {
  startLoopback,
  startScriptedModel,
  toolResultsSent,
  type Loopback,
  type ModelStep,
  type RecordedRequest,
  type Wire,
} from '../engine/llm/testing/loopback.ts';
import { emptyState, redact, restore, type TokenState } from '../pii/index.ts';
import { actionsConfigSchema, type ActionsConfig } from './config.ts';
import { runModelActionTurn, type ModelTurnDeps } from './model-turn.ts';
import { createToolCaller } from './tools/call.ts';
import type { ActionState, ActionTurnInput, ActionTurnResult, CallTool, VerifiedIdentity } from './types.ts';

// ---- the company: two customers, their orders, in memory per test --------------------------

const YUSUF = {
  user_id: 'yusuf_rossi_9620',
  name: { first_name: 'Yusuf', last_name: 'Rossi' },
  email: 'yusuf.rossi7301@example.com',
  phone: '+1 215 555 0134',
  address: { address1: '763 Broadway', address2: 'Suite 135', city: 'Philadelphia', state: 'PA', zip: '19122' },
  orders: ['#W1000001', '#W1000003'],
};
const MEI = {
  user_id: 'mei_kovacs_8020',
  name: { first_name: 'Mei', last_name: 'Kovacs' },
  email: 'mei.kovacs8020@example.com',
  phone: '+1 312 555 0199',
  address: { address1: '317 Elm Street', address2: '', city: 'Chicago', state: 'IL', zip: '60612' },
  orders: ['#W2000002'],
};
const order = (id: string, user: typeof YUSUF, status = 'pending') => ({
  order_id: id,
  user_id: user.user_id,
  status,
  address: user.address,
  items: [
    { name: 'Desk Lamp', item_id: '5320792178', price: 135.24 },
    { name: 'Water Bottle', item_id: '3453331371', price: 52.79 },
  ],
});

interface Company extends Loopback {
  /** Requests that changed something (not GET). */
  writes(): RecordedRequest[];
}

async function startCompany(): Promise<Company> {
  const users = new Map([YUSUF, MEI].map((u) => [u.user_id, u]));
  const orders = new Map(
    [order('#W1000001', YUSUF), order('#W1000003', YUSUF), order('#W2000002', MEI)].map((o) => [o.order_id, { ...o }]),
  );
  const lb = await startLoopback((req) => {
    const url = new URL(req.url, 'http://x');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (req.method === 'GET' && parts[0] === 'users' && parts[1] === 'find') {
      const u = [...users.values()].find((x) => x.email === url.searchParams.get('email'));
      return u ? { body: { user_id: u.user_id } } : { status: 404, body: { error: 'user not found' } };
    }
    if (req.method === 'GET' && parts[0] === 'users' && parts.length === 2) {
      const u = users.get(parts[1]);
      return u ? { body: u } : { status: 404, body: { error: 'user not found' } };
    }
    if (req.method === 'GET' && parts[0] === 'orders') {
      if (parts[1] === '#W5000000') return { status: 500, body: { error: 'database unavailable' } };
      if (parts[1] === '#W9999999') return 'hang';
      const o = orders.get(parts[1]);
      return o ? { body: o } : { status: 404, body: { error: `order ${parts[1]} not found` } };
    }
    if (req.method === 'POST' && parts[0] === 'users' && parts[2] === 'orders' && parts[4] === 'cancel') {
      const o = orders.get(parts[3]);
      if (!o || o.user_id !== parts[1]) return { status: 404, body: { error: 'order not found' } };
      if (o.status !== 'pending') return { status: 409, body: { error: 'order is not pending' } };
      o.status = 'cancelled';
      return { body: o };
    }
    return { status: 404, body: { error: 'no such operation' } };
  });
  return { ...lb, writes: () => lb.requests.filter((r) => r.method !== 'GET') };
}

const config: ActionsConfig = actionsConfigSchema.parse({
  maxCallsPerTurn: 4,
  tools: [
    {
      name: 'find_user_id_by_email',
      description: 'Find the customer by their e-mail address.',
      kind: 'read',
      method: 'GET',
      path: '/users/find',
      input: { type: 'object', properties: { email: { type: 'string' } }, required: ['email'] },
      verifies: { resultField: 'user_id' },
    },
    {
      name: 'get_user_details',
      description: "The customer's profile and order ids.",
      kind: 'read',
      method: 'GET',
      path: '/users/{user_id}',
      input: { type: 'object', properties: { user_id: { type: 'string' } }, required: ['user_id'] },
      identityArg: 'user_id',
    },
    {
      name: 'get_order_details',
      description: 'Status, items and address of an order.',
      kind: 'read',
      method: 'GET',
      path: '/orders/{order_id}',
      input: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
      ownerField: 'user_id',
      timeoutMs: 300,
    },
    {
      name: 'cancel_pending_order',
      description: 'Cancel a pending order. Only pending orders can be cancelled.',
      kind: 'write',
      method: 'POST',
      path: '/users/{user_id}/orders/{order_id}/cancel',
      input: {
        type: 'object',
        properties: { user_id: { type: 'string' }, order_id: { type: 'string' }, reason: { type: 'string' } },
        required: ['user_id', 'order_id', 'reason'],
      },
      identityArg: 'user_id',
    },
  ],
});

/** The live caller: the real HTTP tool caller, with the real values put back for the shield's tokens (the conversation's vault). */
function companyCaller(apiBase: string, tokens: () => TokenState): CallTool {
  const http = createToolCaller({ apiBase, allowPrivate: true });
  return (tool, args) =>
    http(tool, Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === 'string' ? restore(v, tokens()) : v])));
}

// ---- a conversation: the PII shield's token state, the action state, the lines so far ------

const open: Loopback[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function setUp(wire: Wire, steps: ModelStep[], opts: { identity?: VerifiedIdentity | null; config?: ActionsConfig } = {}) {
  const company = await startCompany();
  const model = await startScriptedModel(wire, steps);
  open.push(company, model);
  let tokens = emptyState();
  const shield = (text: string) => {
    const r = redact(text, { locale: 'en' }, tokens);
    tokens = r.state;
    return r.redacted;
  };
  const client = createLlmClient(
    LlmConfigSchema.parse({
      provider: wire === 'openai' ? 'vllm' : 'anthropic',
      model: 'm',
      apiKey: 'k',
      baseUrl: model.url,
      maxRetries: 0,
    }),
  );
  const deps: ModelTurnDeps = { model: client, redact: shield, timeoutMs: 3_000 };
  const history: ActionTurnInput['history'] = [];
  let state: ActionState | null = null;
  let turn = 0;
  const identity = opts.identity === undefined ? { id: YUSUF.user_id, via: 'host_page' as const } : opts.identity;
  const cfg = opts.config ?? config;

  /** One customer line through the model turn, as the live path would. */
  async function say(line: string, d: ModelTurnDeps = deps): Promise<ActionTurnResult> {
    const text = shield(line);
    const res = await runModelActionTurn(d, cfg, {
      text,
      history: [...history],
      intent: null,
      threshold: 0.5,
      state,
      identity,
      turn: ++turn,
      call: companyCaller(company.url, () => tokens),
    });
    history.push({ role: 'customer', text });
    if (res.reply) history.push({ role: 'bot', text: res.reply });
    state = res.state;
    return res;
  }
  return { company, model, say, deps, state: () => state };
}

const sentToModel = (model: Loopback) => model.requests.map((r) => JSON.stringify(r.body)).join('\n');
const systemOf = (req: RecordedRequest): string => req.body.system ?? req.body.messages[0].content;
const lastToolResults = (model: Loopback) => toolResultsSent(model.requests[model.requests.length - 1]);

const lookUp = (order_id: string): ModelStep => ({ calls: [{ name: 'get_order_details', args: { order_id } }] });
const cancel = (order_id: string, reason = 'no longer needed'): ModelStep => ({
  calls: [{ name: 'cancel_pending_order', args: { order_id, reason } }],
});

describe.each<Wire>(['openai', 'anthropic'])('actions with a model (%s wire)', (wire) => {
  it('a write the model asks for is not run: the engine asks, and a yes runs exactly that write once', async () => {
    const c = await setUp(wire, [lookUp('#W1000001'), cancel('#W1000001')]);
    const t1 = await c.say('Please cancel order #W1000001, I no longer need it.');
    expect(c.company.writes()).toHaveLength(0);
    expect(t1.handled).toBe(true);
    expect(t1.reply).toContain('Cancel a pending order');
    expect(t1.reply).toContain('order id: #W1000001');
    expect(t1.reply).toContain('reason: no longer needed');
    expect(t1.reply).not.toContain(YUSUF.user_id);
    expect(t1.calls.map((x) => [x.name, x.kind, x.ok, x.turn])).toEqual([['get_order_details', 'read', true, 1]]);
    expect(t1.calls[0].summary).toMatch(/^Looked up order details \(order id #W1000001\): status pending, .*2 items/);
    expect(c.state()).toMatchObject({
      model: {
        pending: {
          tool: 'cancel_pending_order',
          args: { order_id: '#W1000001', reason: 'no longer needed', user_id: YUSUF.user_id },
          askedAtTurn: 1,
        },
      },
    });
    // The model offered the tools without the account argument: the engine fills it.
    const offered = c.model.requests[0].body.tools as any[];
    const cancelSchema =
      wire === 'openai'
        ? offered.find((t) => t.function.name === 'cancel_pending_order').function.parameters
        : offered.find((t) => t.name === 'cancel_pending_order').input_schema;
    expect(Object.keys(cancelSchema.properties)).toEqual(['order_id', 'reason']);

    c.model.push({ text: 'Your order #W1000001 is cancelled.' });
    const t2 = await c.say('Yes please.');
    expect(c.company.writes().map((r) => [r.url, r.body])).toEqual([
      [`/users/${YUSUF.user_id}/orders/%23W1000001/cancel`, { reason: 'no longer needed' }],
    ]);
    expect(t2.reply).toBe('Your order #W1000001 is cancelled.');
    expect(t2.calls.map((x) => [x.name, x.kind, x.ok, x.turn])).toEqual([['cancel_pending_order', 'write', true, 2]]);
    expect(t2.calls[0].summary).toMatch(/^Done: Cancel a pending order \(order id #W1000001; reason no longer needed\): status cancelled/);
    // The model phrased the result it was given, as if it had made the call.
    expect(lastToolResults(c.model)).toEqual([
      { id: 'confirmed_1', content: expect.stringContaining('"status":"cancelled"'), isError: false },
    ]);
    expect((c.state() as any).model.pending).toBeUndefined();

    // A second yes confirms nothing: no write is pending.
    c.model.push({ text: 'Anything else?' });
    await c.say('yes');
    expect(c.company.writes()).toHaveLength(1);
  });

  it('no write without a yes in the very next turn; in the yes turn the model cannot slip in another write', async () => {
    const c = await setUp(wire, [cancel('#W1000001'), { text: 'All right, I left it as it is.' }]);
    await c.say('Cancel #W1000001 please, I no longer need it.');
    const no = await c.say('No, wait.');
    expect(no.reply).toBe('All right, I left it as it is.');
    expect(c.company.writes()).toHaveLength(0);
    expect(systemOf(c.model.requests[1])).toContain(
      'did not confirm this change, so it was not made: Cancel a pending order (order id #W1000001',
    );

    // Asked again, then a different line, then "yes" too late.
    c.model.push(cancel('#W1000001'), { text: 'Sure, it ships in 2 days.' }, { text: 'What would you like me to do?' });
    await c.say('Actually do cancel it.');
    await c.say('How long does shipping take?');
    await c.say('yes');
    expect(c.company.writes()).toHaveLength(0);

    // A yes runs the pending write only; a write the model then asks for is asked about, not run.
    c.model.push(cancel('#W1000001'), cancel('#W1000003', 'ordered by mistake'));
    await c.say('Cancel #W1000001.');
    const yes = await c.say('yes');
    expect(c.company.writes().map((r) => r.url)).toEqual([`/users/${YUSUF.user_id}/orders/%23W1000001/cancel`]);
    expect(yes.reply).toContain('order id: #W1000003');
    expect(yes.reply).toContain('Shall I go ahead?');
    expect((c.state() as any).model.pending).toMatchObject({ args: { order_id: '#W1000003' }, askedAtTurn: 7 });
  });

  it('a write with bad arguments is not even asked about; a confirmed write the API refuses is explained', async () => {
    const c = await setUp(wire, [
      { calls: [{ name: 'cancel_pending_order', args: { order_id: '#W1000001' } }] },
      { text: 'Why would you like to cancel it?' },
    ]);
    const t1 = await c.say('Cancel #W1000001.');
    expect(t1.reply).toBe('Why would you like to cancel it?');
    expect(lastToolResults(c.model)[0].content).toContain('missing argument "reason"');
    expect((c.state() as any).model.pending).toBeUndefined();

    // Cancelled once (confirmed), then asked again: the API says no, the model explains.
    c.model.push(cancel('#W1000001'), { text: 'Done.' }, cancel('#W1000001', 'changed my mind'), { text: 'It was already cancelled.' });
    await c.say('I no longer need it.');
    await c.say('yes');
    await c.say('Cancel #W1000001 again, I changed my mind.');
    const t5 = await c.say('yes');
    expect(t5.reply).toBe('It was already cancelled.');
    expect(t5.calls[0]).toMatchObject({ name: 'cancel_pending_order', ok: false, status: 409, error: 'http: order is not pending' });
    expect(lastToolResults(c.model)[0].content).toContain('order is not pending');
    expect(c.company.writes()).toHaveLength(2);
  });

  it("another customer's account is refused, and handed off when the customer insists", async () => {
    const c = await setUp(wire, [
      { calls: [{ name: 'get_user_details', args: { user_id: MEI.user_id } }] },
      lookUp('#W2000002'),
      { text: 'I can only help with your own account.' },
    ]);
    const t1 = await c.say("What's my neighbour Mei's address, and where is her order #W2000002?");
    expect(t1.reply).toBe('I can only help with your own account.');
    // The profile was never asked of the API; the order was read, but withheld from the model.
    expect(c.company.requests.map((r) => r.url)).toEqual(['/orders/%23W2000002']);
    expect(t1.calls.map((x) => [x.name, x.ok, x.error])).toEqual([
      ['get_user_details', false, "refused: another customer's account"],
      ['get_order_details', false, "refused: another customer's account"],
    ]);
    expect(toolResultsSent(c.model.requests[1])[0].content).toContain("Refused: another customer's account");
    expect(t1.handoff).toBeUndefined();
    const seen = sentToModel(c.model);
    for (const clear of [MEI.address.address1, MEI.address.zip, MEI.email, 'Kovacs']) expect(seen).not.toContain(clear);

    // Insisting (here: a change to her account) ends in a handoff; nothing is asked or written.
    c.model.push({
      calls: [{ name: 'cancel_pending_order', args: { user_id: MEI.user_id, order_id: '#W2000002', reason: 'she asked me' } }],
    });
    const t2 = await c.say('Just cancel her order then, she said it is fine.');
    expect(t2.handoff).toMatchObject({ reason: 'policy' });
    expect(t2.reply).toBe('');
    expect(c.company.writes()).toHaveLength(0);
  });

  it('the model never receives clear personal data: not from the customer, not from results', async () => {
    const c = await setUp(
      wire,
      [
        { calls: [{ name: 'get_order_details', args: { order_id: '#W1000001' } }] },
        { calls: [{ name: 'find_user_id_by_email', args: { email: '<EMAIL_1>' } }] },
        {
          calls: [
            { name: 'get_user_details', args: {} },
            { name: 'get_order_details', args: { order_id: '#W1000001' } },
          ],
        },
        { text: 'Order #W1000001 is pending and goes to <ADDRESS_1>.' },
      ],
      { identity: null },
    );
    const res = await c.say(`Hi, I'm Yusuf Rossi, my e-mail is ${YUSUF.email}. Where is my order #W1000001?`);
    // Before verification the order was read but not shown; the API got the real e-mail back from its token.
    expect(res.calls.map((x) => [x.name, x.ok])).toEqual([
      ['get_order_details', false],
      ['find_user_id_by_email', true],
      ['get_user_details', true],
      ['get_order_details', true],
    ]);
    expect(res.calls[0].error).toBe('refused: the customer is not verified');
    expect(c.company.requests[1].url).toBe(`/users/find?email=${encodeURIComponent(YUSUF.email)}`);
    expect(c.company.requests[2].url).toBe(`/users/${YUSUF.user_id}`);
    expect(res.identity).toEqual({ id: YUSUF.user_id, via: 'tool', tool: 'find_user_id_by_email', using: ['email'] });
    expect((c.state() as any).model.identity).toEqual(res.identity);
    expect(res.reply).toBe('Order #W1000001 is pending and goes to <ADDRESS_1>.');

    const seen = sentToModel(c.model);
    expect(seen).toContain('<EMAIL_1>');
    expect(
      lastToolResults(c.model)
        .slice(-2)
        .map((r) => JSON.parse(r.content).status),
    ).toEqual([undefined, 'pending']);
    const clear = [YUSUF.email, 'Yusuf', 'Rossi', YUSUF.phone, YUSUF.address.address1, YUSUF.address.zip];
    for (const value of clear) expect(seen).not.toContain(value);
    // The records (for the brief and the audit log) hold the shielded result too.
    const stored = JSON.stringify(res.calls);
    for (const value of clear) expect(stored).not.toContain(value);
  });

  it('an error the customer can fix is explained; a second one, or one they cannot fix, hands off with action_failed', async () => {
    const c = await setUp(wire, [lookUp('#W1234567'), { text: 'I could not find order #W1234567. Could you check the number?' }]);
    const t1 = await c.say('Where is order #W1234567?');
    expect(t1.reply).toContain('check the number');
    expect(lastToolResults(c.model)[0].content).toContain('order #W1234567 not found');
    expect(t1.calls[0]).toMatchObject({ ok: false, status: 404, error: 'http: order #W1234567 not found' });
    c.model.push(lookUp('#W1234568'));
    const t2 = await c.say('Sorry, #W1234568.');
    expect(t2.handoff).toMatchObject({ reason: 'action_failed' });
    expect(t2.handoff!.note).toContain('order #W1234568 not found');

    const d = await setUp(wire, [lookUp('#W5000000')]);
    const down = await d.say('Where is order #W5000000?');
    expect(down).toMatchObject({ handled: true, reply: '', handoff: { reason: 'action_failed' } });
    expect(down.handoff!.note).toBe('Looking up order details (order id #W5000000) failed (http 500: database unavailable).');
    expect(d.model.requests).toHaveLength(1);

    const e = await setUp(wire, [lookUp('#W9999999')]);
    const slow = await e.say('Where is order #W9999999?');
    expect(slow.handoff).toMatchObject({ reason: 'action_failed' });
    expect(slow.handoff!.note).toContain('timeout: no answer within 300 ms');
  });

  it('the calls per turn are budgeted: past the budget nothing more reaches the API and the turn is handed off', async () => {
    const loop = Array.from({ length: 6 }, (_, i) => lookUp(`#W100000${i}`));
    const c = await setUp(wire, loop, { config: { ...config, maxCallsPerTurn: 2 } });
    const res = await c.say('Check all my orders.');
    expect(c.company.requests).toHaveLength(2);
    expect(res.handoff).toMatchObject({ reason: 'action_failed' });
    expect(res.handoff!.note).toContain('more than 2 calls in one turn');
  });

  it("a general question is not the model turn's: the engine's own decision stands", async () => {
    const c = await setUp(wire, [{ calls: [{ name: 'baton_general_question', args: {} }] }]);
    const res = await c.say('What is your returns policy?');
    expect(res).toMatchObject({ handled: false, reply: '', calls: [] });
    expect(c.company.requests).toHaveLength(0);
  });

  it('the model down or over budget: no answer from it, nothing written; a confirmed write still runs', async () => {
    const c = await setUp(wire, [cancel('#W1000001')]);
    await c.say('Cancel #W1000001, I no longer need it.');
    // The model server is gone for the yes turn: the engine still runs what was confirmed and says so.
    await c.model.close();
    const yes = await c.say('yes');
    expect(c.company.writes()).toHaveLength(1);
    expect(yes.handled).toBe(true);
    expect(yes.reply).toMatch(/^Done: Cancel a pending order \(order id #W1000001; reason no longer needed\)/);

    const b = await setUp(wire, [lookUp('#W1000001')]);
    const spent = withBudget(b.deps.model, new InMemoryTokenBudget({ tokens: 10, period: 'day' }), 'ws');
    const res = await b.say('Where is order #W1000001?', { ...b.deps, model: spent });
    expect(res.handled).toBe(false);
    expect(b.model.requests).toHaveLength(0);
  });
});
