// The stand-in company (src/demo/retail-api) over real HTTP on loopback, on the bundled data
// subset: every read, every write's success and each rule that refuses it (a refusal changes
// nothing), the OpenAPI document the tools are imported from, and the reset/state hooks.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRetailApi, type RunningRetailApi } from '../../src/demo/retail-api/server.ts';

let api: RunningRetailApi;
let initial: any;

beforeAll(async () => {
  api = await startRetailApi();
  initial = await (await fetch(`${api.url}/__state`)).json();
});
afterAll(async () => api?.close());
beforeEach(async () => {
  expect((await fetch(`${api.url}/__reset`, { method: 'POST' })).status).toBe(204);
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
const get = (path: string) => call('GET', path);
const post = (path: string, body: unknown) => call('POST', path, body);
const state = async () => (await get('/__state')).body;
const order = (id: string) => encodeURIComponent(id);

/** The request is refused with this status and reason, and the records are exactly as before. */
async function expectRefused(request: () => Promise<{ status: number; body: any }>, status: number, reason: RegExp) {
  const before = await state();
  const res = await request();
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ error: expect.stringMatching(reason) });
  expect(await state()).toEqual(before);
}

describe('reads', () => {
  it('finds a user by e-mail, in any case', async () => {
    expect(await get('/users/find-by-email?email=Omar.Lopez1868%40example.com')).toEqual({
      status: 200,
      body: { user_id: 'omar_lopez_3107' },
    });
    expect(await get('/users/find-by-email?email=nobody%40example.com')).toEqual({ status: 404, body: { error: 'user not found' } });
  });

  it('finds a user by name and zip, names in any case', async () => {
    expect((await get('/users/find-by-name-zip?first_name=olivia&last_name=ITO&zip=80218')).body).toEqual({ user_id: 'olivia_ito_3591' });
    expect((await get('/users/find-by-name-zip?first_name=Olivia&last_name=Ito&zip=80219')).status).toBe(404);
  });

  it('says which argument is missing', async () => {
    const res = await get('/users/find-by-name-zip?first_name=Olivia&last_name=Ito');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^zip: /);
  });

  it("reads a user's details", async () => {
    const res = await get('/users/olivia_ito_3591');
    expect(res.status).toBe(200);
    expect(res.body.email).toBe('olivia.ito5204@example.com');
    expect(res.body.payment_methods.gift_card_7794233).toEqual({ source: 'gift_card', balance: 56, id: 'gift_card_7794233' });
    expect(res.body.orders).toContain('#W5442520');
    expect((await get('/users/nobody_1')).status).toBe(404);
  });

  it("reads an order, its id's '#' encoded or left out", async () => {
    const res = await get(`/orders/${order('#W5442520')}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ order_id: '#W5442520', user_id: 'olivia_ito_3591', status: 'pending' });
    expect(res.body.items.map((i: any) => i.name)).toEqual(['Gaming Mouse', 'Patio Umbrella', 'Hiking Boots']);
    expect((await get('/orders/W5442520')).body).toEqual(res.body);
    expect(await get(`/orders/${order('#W0000000')}`)).toEqual({ status: 404, body: { error: 'order not found' } });
  });

  it('reads a product with its variants', async () => {
    const res = await get('/products/9743693396');
    expect(res.body.name).toBe('Patio Umbrella');
    expect(res.body.variants['8170914468']).toMatchObject({ available: false, price: 316.29 });
    expect((await get('/products/3111466194')).status).toBe(404); // an item id is not a product id
  });

  it('lists the product types by name', async () => {
    const { body } = await get('/products');
    expect(Object.keys(body)).toHaveLength(27);
    expect(Object.keys(body)).toEqual([...Object.keys(body)].sort((a, b) => a.localeCompare(b)));
    expect(body['Patio Umbrella']).toBe('9743693396');
  });
});

describe('cancel_pending_order', () => {
  it('cancels a pending order and refunds its payment', async () => {
    const res = await post(`/orders/${order('#W5442520')}/cancel`, { reason: 'no longer needed' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancel_reason: 'no longer needed' });
    expect(res.body.payment_history).toEqual([
      { transaction_type: 'payment', amount: 663.85, payment_method_id: 'credit_card_9753331' },
      { transaction_type: 'refund', amount: 663.85, payment_method_id: 'credit_card_9753331' },
    ]);
    expect((await get('/orders/W5442520')).body.status).toBe('cancelled');
  });

  it('refunds a gift card at once', async () => {
    await post('/orders/W8955613/cancel', { reason: 'ordered by mistake' });
    expect((await get('/users/olivia_lopez_9494')).body.payment_methods.gift_card_6682391.balance).toBe(620.97); // 35 + 585.97
  });

  it('refuses an order that is not pending, a reason not in the policy, an unknown order', async () => {
    await expectRefused(
      () => post('/orders/W5353646/cancel', { reason: 'no longer needed' }),
      409,
      /non-pending order cannot be cancelled/,
    );
    await expectRefused(() => post('/orders/W5442520/cancel', { reason: 'found it cheaper' }), 400, /^reason: /);
    await expectRefused(() => post('/orders/W0000000/cancel', { reason: 'no longer needed' }), 404, /order not found/);
  });
});

describe('modify_pending_order_address', () => {
  const address = { address1: '320 Cedar Avenue', address2: 'Suite 116', city: 'San Antonio', state: 'TX', country: 'USA', zip: '78219' };

  it("replaces a pending order's address", async () => {
    const res = await post('/orders/W5442520/address', address);
    expect(res.status).toBe(200);
    expect(res.body.address).toEqual(address);
    expect((await get('/users/olivia_ito_3591')).body.address.city).toBe('Denver'); // the profile keeps its own
  });

  it('refuses an order that is not pending, and an address missing a field', async () => {
    await expectRefused(() => post('/orders/W5866402/address', address), 409, /non-pending order cannot be modified/);
    const { zip: _zip, ...noZip } = address;
    await expectRefused(() => post('/orders/W5442520/address', noZip), 400, /^zip: /);
  });
});

describe('modify_pending_order_payment', () => {
  it('pays with the new method and refunds the old one', async () => {
    const res = await post('/orders/W5442520/payment', { payment_method_id: 'paypal_8049766' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('pending');
    expect(res.body.payment_history.slice(1)).toEqual([
      { transaction_type: 'payment', amount: 663.85, payment_method_id: 'paypal_8049766' },
      { transaction_type: 'refund', amount: 663.85, payment_method_id: 'credit_card_9753331' },
    ]);
  });

  it('moves gift card balances both ways', async () => {
    await post('/orders/W3657213/payment', { payment_method_id: 'paypal_8049766' }); // paid by gift card: refunded to it
    expect((await get('/users/olivia_ito_3591')).body.payment_methods.gift_card_7794233.balance).toBe(3626.34); // 56 + 3570.34
    await post('/orders/W5442520/payment', { payment_method_id: 'gift_card_7794233' });
    expect((await get('/users/olivia_ito_3591')).body.payment_methods.gift_card_7794233.balance).toBe(2962.49); // - 663.85
  });

  it('refuses the same method, a gift card too low, a method of no one, an order not pending, a second change', async () => {
    await expectRefused(() => post('/orders/W5442520/payment', { payment_method_id: 'credit_card_9753331' }), 422, /should be different/);
    await expectRefused(
      () => post('/orders/W5442520/payment', { payment_method_id: 'gift_card_7794233' }),
      422,
      /insufficient gift card balance/,
    );
    await expectRefused(() => post('/orders/W5442520/payment', { payment_method_id: 'paypal_1530316' }), 422, /payment method not found/);
    await expectRefused(() => post('/orders/W5866402/payment', { payment_method_id: 'credit_card_9753331' }), 409, /non-pending/);
    await post('/orders/W5442520/payment', { payment_method_id: 'paypal_8049766' });
    await expectRefused(() => post('/orders/W5442520/payment', { payment_method_id: 'credit_card_9753331' }), 422, /exactly one payment/);
  });
});

describe('modify_pending_order_items', () => {
  it('swaps an item for another variant and refunds the difference', async () => {
    const res = await post('/orders/W2974929/items', {
      item_ids: ['3877188862'],
      new_item_ids: ['6843647669'],
      payment_method_id: 'paypal_7916550',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('pending (item modified)');
    expect(res.body.items[0]).toMatchObject({
      name: 'Skateboard',
      item_id: '6843647669',
      price: 180.1,
      options: { 'deck material': 'bamboo', length: '28 inch', design: 'graphic' },
    });
    expect(res.body.payment_history.at(-1)).toEqual({ transaction_type: 'refund', amount: 1.93, payment_method_id: 'paypal_7916550' });
  });

  it('takes what is due from a gift card', async () => {
    const res = await post('/orders/W5442520/items', {
      item_ids: ['3111466194'],
      new_item_ids: ['6243981804'],
      payment_method_id: 'gift_card_7794233',
    });
    expect(res.body.payment_history.at(-1)).toEqual({ transaction_type: 'payment', amount: 44.19, payment_method_id: 'gift_card_7794233' });
    expect((await get('/users/olivia_ito_3591')).body.payment_methods.gift_card_7794233.balance).toBe(11.81);
  });

  it('can be done only once, and the order can then no longer be cancelled', async () => {
    const swap = { item_ids: ['3877188862'], new_item_ids: ['6843647669'], payment_method_id: 'paypal_7916550' };
    expect((await post('/orders/W2974929/items', swap)).status).toBe(200);
    const again = { item_ids: ['6843647669'], new_item_ids: ['4293355847'], payment_method_id: 'paypal_7916550' };
    await expectRefused(() => post('/orders/W2974929/items', again), 409, /already modified once/);
    await expectRefused(() => post('/orders/W2974929/cancel', { reason: 'no longer needed' }), 409, /already modified once/);
  });

  it('refuses items not in the order, unavailable or foreign variants, unequal lists, a gift card too low, a method of no one', async () => {
    const swap = (item_ids: string[], new_item_ids: string[], payment_method_id = 'paypal_8049766') =>
      post('/orders/W5442520/items', { item_ids, new_item_ids, payment_method_id });
    await expectRefused(() => swap(['3877188862'], ['6843647669']), 422, /item 3877188862 not found/);
    await expectRefused(() => swap(['3111466194', '3111466194'], ['6243981804', '6243981804']), 422, /item 3111466194 not found/);
    await expectRefused(() => swap(['3111466194'], ['8170914468']), 422, /new item 8170914468 not found or not available/);
    await expectRefused(() => swap(['3111466194'], ['6843647669']), 422, /new item 6843647669 not found or not available/);
    await expectRefused(() => swap(['3111466194', '3330317167'], ['6243981804']), 422, /number of items/);
    await expectRefused(() => swap(['3111466194'], ['6243981804'], 'paypal_1530316'), 422, /payment method not found/);
    const camera = { item_ids: ['5996159312'], new_item_ids: ['9644439410'], payment_method_id: 'gift_card_7794233' }; // +384.76 on 56
    await expectRefused(() => post('/orders/W3657213/items', camera), 422, /insufficient gift card balance/);
    await expectRefused(() => post('/orders/W5866402/items', { ...camera, item_ids: ['6242772310'] }), 409, /non-pending/);
  });
});

describe('return_delivered_order_items', () => {
  it('requests a return, refund to a gift card', async () => {
    const res = await post('/orders/W5866402/return', { item_ids: ['9727387530', '6242772310'], payment_method_id: 'gift_card_7794233' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'return requested',
      return_items: ['6242772310', '9727387530'],
      return_payment_method_id: 'gift_card_7794233',
    });
  });

  it('refunds to the original method', async () => {
    const res = await post('/orders/W5866402/return', { item_ids: ['9727387530'], payment_method_id: 'paypal_8049766' });
    expect(res.body.return_payment_method_id).toBe('paypal_8049766');
  });

  it('refuses another method, items not in the order, an order not delivered', async () => {
    const ret = (id: string, item_ids: string[], payment_method_id = 'paypal_8049766') =>
      post(`/orders/${id}/return`, { item_ids, payment_method_id });
    await expectRefused(() => ret('W5866402', ['9727387530'], 'credit_card_9753331'), 422, /original payment method or to a gift card/);
    await expectRefused(() => ret('W5866402', ['3330317167']), 422, /item 3330317167 not found/);
    await expectRefused(() => ret('W5866402', ['9727387530', '9727387530']), 422, /not found/);
    await expectRefused(() => ret('W5866402', []), 400, /^item_ids: /);
    await expectRefused(() => ret('W5442520', ['3330317167'], 'credit_card_9753331'), 409, /non-delivered order cannot be returned/);
  });
});

describe('exchange_delivered_order_items', () => {
  it('requests an exchange with the price difference', async () => {
    const res = await post('/orders/W7273336/exchange', {
      item_ids: ['8214883393', '8018699955'],
      new_item_ids: ['2880340443', '4894369688'],
      payment_method_id: 'paypal_1530316',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'exchange requested',
      exchange_items: ['8018699955', '8214883393'],
      exchange_new_items: ['2880340443', '4894369688'],
      exchange_payment_method_id: 'paypal_1530316',
      exchange_price_difference: 55.79, // -13.36 for the mouse, +69.15 for the bookshelf
    });
    expect(res.body.items.find((i: any) => i.name === 'Gaming Mouse').item_id).toBe('8214883393'); // the items stay until they are back
  });

  it('refuses an order not delivered, an unavailable variant, a gift card too low, a second exchange', async () => {
    const exchange = (id: string, item_ids: string[], new_item_ids: string[], payment_method_id: string) =>
      post(`/orders/${id}/exchange`, { item_ids, new_item_ids, payment_method_id });
    await expectRefused(
      () => exchange('W5442520', ['3111466194'], ['6243981804'], 'paypal_8049766'),
      409,
      /non-delivered order cannot be exchanged/,
    );
    await expectRefused(() => exchange('W5866402', ['6242772310'], ['6324294385'], 'paypal_8049766'), 422, /not found or not available/);
    await expectRefused(
      () => exchange('W5866402', ['6242772310'], ['3379843752'], 'gift_card_7794233'),
      422,
      /insufficient gift card balance/,
    ); // +207.73 on 56
    expect((await exchange('W5866402', ['6242772310'], ['3379843752'], 'paypal_8049766')).status).toBe(200);
    await expectRefused(() => exchange('W5866402', ['9727387530'], ['6477915553'], 'paypal_8049766'), 409, /exchange requested/);
  });
});

describe('modify_user_address and transfer_to_human_agents', () => {
  it("replaces a user's default address", async () => {
    const address = { address1: '1 Main St', address2: '', city: 'Austin', state: 'TX', country: 'USA', zip: '73301' };
    const res = await post('/users/noah_brown_6181/address', address);
    expect(res.status).toBe(200);
    expect(res.body.address).toEqual(address);
    await expectRefused(() => post('/users/nobody_1/address', address), 404, /user not found/);
  });

  it('transfers to a person and changes nothing', async () => {
    await expectRefused(() => post('/transfers', {}), 400, /^summary: /);
    const before = await state();
    expect(await post('/transfers', { summary: 'wants a coupon' })).toEqual({
      status: 200,
      body: { status: 'transferred', summary: 'wants a coupon' },
    });
    expect(await state()).toEqual(before);
  });
});

describe('the service', () => {
  it('answers an unknown route and a body that is not JSON with a reason', async () => {
    expect((await get('/nowhere')).body).toEqual({ error: expect.stringContaining('GET /nowhere') });
    const res = await fetch(`${api.url}/orders/W5442520/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it('puts everything back on reset', async () => {
    await post('/orders/W5442520/cancel', { reason: 'no longer needed' });
    await post('/orders/W7273336/exchange', {
      item_ids: ['8214883393'],
      new_item_ids: ['2880340443'],
      payment_method_id: 'paypal_1530316',
    });
    expect(await state()).not.toEqual(initial);
    expect((await fetch(`${api.url}/__reset`, { method: 'POST' })).status).toBe(204);
    expect(await state()).toEqual(initial);
    api.store.reset(); // the same, in-process
    expect(api.store.snapshot()).toEqual(initial);
  });

  it('serves an OpenAPI 3.1 document whose operationIds are the tool names', async () => {
    const { body: doc } = await get('/openapi.json');
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: api.url }]);
    const ops = Object.values<any>(doc.paths).flatMap((item) => Object.entries<any>(item).map(([method, op]) => ({ method, ...op })));
    expect(ops.map((o) => o.operationId).sort()).toEqual(
      [
        'find_user_id_by_email',
        'find_user_id_by_name_zip',
        'get_user_details',
        'get_order_details',
        'get_product_details',
        'list_all_product_types',
        'cancel_pending_order',
        'modify_pending_order_address',
        'modify_pending_order_payment',
        'modify_pending_order_items',
        'return_delivered_order_items',
        'exchange_delivered_order_items',
        'modify_user_address',
        'transfer_to_human_agents',
      ].sort(),
    );
    const cancel = ops.find((o) => o.operationId === 'cancel_pending_order');
    expect(cancel).toMatchObject({ method: 'post', 'x-baton-kind': 'write' });
    expect(cancel.parameters).toEqual([expect.objectContaining({ name: 'order_id', in: 'path', required: true })]);
    expect(cancel.requestBody.content['application/json'].schema).toMatchObject({
      properties: { reason: { enum: ['no longer needed', 'ordered by mistake'] } },
      required: ['reason'],
    });
    const byName = ops.find((o) => o.operationId === 'find_user_id_by_name_zip');
    expect(byName['x-baton-kind']).toBe('read');
    expect(byName.parameters.map((p: any) => [p.name, p.in, p.required])).toEqual([
      ['first_name', 'query', true],
      ['last_name', 'query', true],
      ['zip', 'query', true],
    ]);
    expect(doc.paths['/orders/{order_id}'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Order',
    });
    expect(doc.components.schemas.Order.properties.status).toBeDefined();
  });
});

describe('the expected state', () => {
  it('replays calls on a fresh copy: the live records stay as they are, refused calls are listed', async () => {
    await post('/orders/W2974929/cancel', { reason: 'ordered by mistake' }); // live change, not in the replay
    const live = await state();
    const res = await post('/__expected-state', {
      actions: [
        { name: 'cancel_pending_order', args: { order_id: '#W5442520', reason: 'no longer needed' } },
        { name: 'cancel_pending_order', args: { order_id: '#W5442520', reason: 'no longer needed' } },
        { name: 'drop_tables', args: {} },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.state.orders['#W5442520'].status).toBe('cancelled');
    expect(res.body.state.orders['#W2974929'].status).toBe('pending');
    expect(res.body.errors).toEqual([
      { index: 1, name: 'cancel_pending_order', status: 409, error: expect.stringMatching(/non-pending/) },
      { index: 2, name: 'drop_tables', status: 404, error: 'no operation drop_tables' },
    ]);
    expect(await state()).toEqual(live);
    expect((await post('/__expected-state', { actions: [{ name: 'x' }] })).status).toBe(400);
  });
});

describe('injected faults', () => {
  it('answers the next calls of an operation with the status asked for, without running them, then recovers', async () => {
    expect((await post('/__faults', { operation: 'cancel_pending_order', status: 500, times: 2 })).status).toBe(204);
    await expectRefused(() => post('/orders/W5442520/cancel', { reason: 'no longer needed' }), 500, /injected fault: 500/);
    await expectRefused(() => post('/orders/W5442520/cancel', { reason: 'no longer needed' }), 500, /injected fault/);
    expect((await get('/orders/W5442520')).status).toBe(200); // other operations are untouched
    expect((await post('/orders/W5442520/cancel', { reason: 'no longer needed' })).body.status).toBe('cancelled');
  });

  it('delays an answer (a deadline to miss), and a reset clears what is left', async () => {
    await post('/__faults', { operation: 'get_order_details', delay_ms: 400 });
    const slow = new AbortController();
    const timer = setTimeout(() => slow.abort(), 100);
    await expect(fetch(`${api.url}/orders/W5442520`, { signal: slow.signal })).rejects.toThrow(/abort/i);
    clearTimeout(timer);
    await post('/__faults', { operation: 'get_order_details', status: 503 });
    await fetch(`${api.url}/__reset`, { method: 'POST' });
    expect((await get('/orders/W5442520')).status).toBe(200);
  });

  it('refuses a fault for no operation', async () => {
    expect(await post('/__faults', { operation: 'drop_tables', status: 500 })).toEqual({
      status: 404,
      body: { error: 'no such operation' },
    });
    expect((await post('/__faults', { operation: 'get_order_details', status: 200 })).status).toBe(400);
  });
});

describe('bench/retail: the scripted conversations and the knowledge', () => {
  const tickets = readFileSync(new URL('../../bench/retail/tickets-dev.jsonl', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

  /** Calls an operation the way a tool imported from the OpenAPI document is called: path arguments in the path, the rest in the body. */
  async function callTool(doc: any, name: string, args: Record<string, unknown>) {
    const [path, method] = Object.entries<any>(doc.paths)
      .flatMap(([p, item]) => Object.entries<any>(item).map(([m, op]) => [p, m, op.operationId]))
      .find(([, , id]) => id === name)!;
    const rest = { ...args };
    const url = path.replace(/\{(\w+)\}/g, (_: string, k: string) => {
      const v = String(rest[k]);
      delete rest[k];
      return encodeURIComponent(v);
    });
    return call(method.toUpperCase(), url, rest);
  }

  it('expects writes the stand-in accepts, in order, for every scenario whose customer is in the bundled data', async () => {
    const { body: doc } = await get('/openapi.json');
    const playable = tickets.filter((t) => initial.users[t.expected.user_id]);
    expect(playable.map((t) => t.id)).toEqual([
      'retail-dev-01',
      'retail-dev-02',
      'retail-dev-03',
      'retail-dev-09',
      'retail-dev-13',
      'retail-dev-19',
      'retail-dev-20',
    ]);
    for (const t of playable) {
      await fetch(`${api.url}/__reset`, { method: 'POST' });
      for (const action of t.expected.actions) {
        const res = await callTool(doc, action.name, action.args);
        expect([t.id, action.name, res.status, res.body.error]).toEqual([t.id, action.name, 200, undefined]);
      }
      const expected = (await post('/__expected-state', { actions: t.expected.actions })).body;
      expect(expected.errors).toEqual([]);
      expect(await state()).toEqual(expected.state);
    }
  });

  it('gives each scenario a "yes" per expected write and the tickets shape', () => {
    expect(tickets).toHaveLength(20);
    for (const t of tickets) {
      expect(t.expected.outcome).toBe('answer');
      const yeses = t.messages.filter((m: any) => m.role === 'customer' && /^yes\b/i.test(m.text)).length;
      expect([t.id, yeses]).toEqual([t.id, t.expected.actions.length]);
    }
  });

  it('has the articles the playbooks trigger on, each with 8-15 example questions', () => {
    const articles = readFileSync(new URL('../../bench/retail/kb.jsonl', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const ids = articles.map((a) => a.id);
    for (const id of [
      'order-status',
      'cancel-order',
      'change-order-address',
      'change-order-payment',
      'change-order-items',
      'return-items',
      'exchange-items',
      'change-user-address',
    ])
      expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of articles) {
      expect(a.title && a.body).toBeTruthy();
      expect(a.examples.length).toBeGreaterThanOrEqual(8);
      expect(a.examples.length).toBeLessThanOrEqual(15);
    }
  });
});
