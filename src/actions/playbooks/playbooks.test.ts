import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkActionsConfig } from '../check.ts';
import { recogniserSchema, slotSchema } from '../config.ts';
import { yesOrNo } from '../guard.ts';
import { holds } from './conditions.ts';
import { findEntities, parseAddress } from './entities.ts';
import { pickFromLine } from './pick.ts';
import { fromLine } from './recognise.ts';
import { fill, fillValue, resolvePath } from './template.ts';
import { chooseVariants } from './variant.ts';
import { words } from './words.ts';

const order = {
  order_id: '#W5442520',
  status: 'pending',
  items: [
    {
      name: 'Gaming Mouse',
      item_id: 'm1',
      product_id: 'p-mouse',
      price: 137.32,
      options: { color: 'black', 'sensor type': 'laser', connectivity: 'wireless' },
    },
    { name: 'Patio Umbrella', item_id: 'u1', product_id: 'p-umb', price: 285.66, options: { size: '7 ft', color: 'red' } },
    { name: 'Electric Kettle', item_id: 'k1', product_id: 'p-kettle', price: 153.81, options: { capacity: '2L', color: 'white' } },
    { name: 'Tea Kettle', item_id: 't1', product_id: 'p-tea', price: 98.82, options: { capacity: '2 liters' } },
  ],
  payment_history: [{ amount: 663.85, payment_method_id: 'credit_card_1' }],
};

describe('templates', () => {
  it('fills paths, maps through arrays and applies filters', () => {
    const scope = { order, reason: 'no longer needed' };
    expect(fill('Order {order.order_id}: {order.status}, {order.items|count} items, {order.items|sum:price|money}', scope)).toBe(
      'Order #W5442520: pending, 4 items, $675.61',
    );
    expect(fill('{order.items|list:name}', scope)).toBe('Gaming Mouse, Patio Umbrella, Electric Kettle and Tea Kettle');
    expect(fill('{order.items.0.options|options}', scope)).toBe('black, laser, wireless');
    expect(fill('{missing|default:none}', scope)).toBe('none');
    expect(resolvePath(order, 'items.item_id')).toEqual(['m1', 'u1', 'k1', 't1']);
  });

  it('keeps the type of a lone placeholder (tool arguments)', () => {
    expect(fillValue('{ids}', { ids: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(fillValue('#{ids}', { ids: ['a'] })).toBe('#a');
    expect(() => fill('{x|nope}', {})).toThrow(/unknown template filter/);
  });
});

describe('words', () => {
  it('joins numbers with their units and folds plurals', () => {
    expect(words('the 5-feet glass bookshelf')).toEqual(['the', '5ft', 'glass', 'bookshelf']);
    expect(words('1.5 liters, 4 ft, two earbuds')).toEqual(['1.5l', '4ft', '2', 'earbud']);
    expect(words('gift_card', { content: true })).toEqual(['gift', 'card']);
    expect(words('size L, a large, extra large')).toEqual(['size', 'l', 'a', 'l', 'xl']);
  });
});

describe('conditions', () => {
  it('checks membership, presence, bounds, templates and alternatives', () => {
    const scope = { order, pm: 'credit_card_1', balance: 50 };
    expect(holds({ path: 'order.status', in: ['pending'] }, scope)).toBe(true);
    expect(holds({ path: 'order.status', in: ['delivered'] }, scope)).toBe(false);
    expect(holds({ path: 'nothing', exists: false }, scope)).toBe(true);
    expect(holds({ path: 'balance', atLeast: 'order.payment_history.0.amount' }, scope)).toBe(false);
    expect(holds({ path: 'pm', notIn: ['{order.payment_history.0.payment_method_id}'] }, scope)).toBe(false);
    expect(
      holds(
        {
          path: 'pm',
          anyOf: [
            { path: 'pm', in: ['x'] },
            { path: 'balance', atMost: 60 },
          ],
        },
        scope,
      ),
    ).toBe(true);
  });
});

describe('entities', () => {
  it('reads e-mails (all of them, tokens too), zip codes and names', () => {
    expect(findEntities('email', 'Try raj89@example.com, or rajlee@example.com')).toEqual(['raj89@example.com', 'rajlee@example.com']);
    expect(findEntities('email', 'it is <EMAIL_1>')).toEqual(['<EMAIL_1>']);
    expect(findEntities('zip', "I'm Olivia Ito, zip code 80218.")).toEqual(['80218']);
    expect(findEntities('zip', 'order #W5442520 please')).toEqual([]);
    expect(findEntities('first_name', "I'm Olivia Ito, zip code 80218.")).toEqual(['Olivia']);
    expect(findEntities('last_name', 'Mohamed Khan, zip 60651.')).toEqual(['Khan']);
    expect(findEntities('first_name', 'Gaming Mouse please')).toEqual([]);
  });

  it('parses a US address on one line', () => {
    expect(parseAddress('ship it to 320 Cedar Avenue, Suite 116, San Antonio, TX 78219, USA.')).toEqual({
      address1: '320 Cedar Avenue',
      address2: 'Suite 116',
      city: 'San Antonio',
      state: 'TX',
      country: 'USA',
      zip: '78219',
    });
    expect(parseAddress('no address here')).toBeNull();
  });
});

describe('picks', () => {
  const items = recogniserSchema.parse({ type: 'pick', from: 'order.items', label: ['name', 'options.*'], value: 'item_id', many: true });
  const pick = (line: string) => pickFromLine(items as never, order.items, line);
  const ids = (line: string) => (pick(line).picked as { item_id: string }[] | undefined)?.map((e) => e.item_id);

  it('names entries by their label words; a full name beats a shared word', () => {
    expect(ids('I want to return the tea kettle')).toEqual(['t1']);
    expect(ids('the mouse and the umbrella')).toEqual(['m1', 'u1']);
    expect(ids('all the items please')).toEqual(['m1', 'u1', 'k1', 't1']);
    expect(ids('I want to return everything except the umbrella')).toEqual(['m1', 'k1', 't1']);
    expect(ids('those two are everything I want, the mouse and the umbrella')).toEqual(['m1', 'u1']);
    expect(pick('nothing of that')).toEqual({});
  });

  it('leaves out what the customer excludes, and keeps to a sentence that says "only"', () => {
    expect(ids('Only the mouse, not the umbrella that came with it.')).toEqual(['m1']);
    expect(ids('Just the mouse. It came in the order with an umbrella and a tea kettle.')).toEqual(['m1']);
  });

  it('asks between entries named alike that nothing tells apart', () => {
    const twins = [
      { name: 'Mechanical Keyboard', item_id: 'a', options: { size: '80%', backlight: 'white' } },
      { name: 'Mechanical Keyboard', item_id: 'b', options: { size: '60%', backlight: 'RGB' } },
    ];
    expect(pickFromLine(items as never, twins, 'the keyboard').ambiguous).toHaveLength(2);
    expect((pickFromLine(items as never, twins, 'the keyboard with the white backlight').picked as { item_id: string }[])[0].item_id).toBe(
      'a',
    );
  });

  it('reads aliases, and an order by the last digits of its number', () => {
    const pm = recogniserSchema.parse({
      type: 'pick',
      from: 'm',
      label: ['source', 'id'],
      value: 'id',
      aliases: { 'gift card': ['store credit', 'website credit'], 'credit card': ['card'] },
    });
    const methods = [
      { source: 'gift_card', id: 'gift_card_1' },
      { source: 'credit_card', id: 'credit_card_1' },
      { source: 'paypal', id: 'paypal_1' },
    ];
    const one = (l: string) => (pickFromLine(pm as never, methods, l).picked?.[0] as { id: string } | undefined)?.id;
    expect(one('as website credit please')).toBe('gift_card_1');
    expect(one('on my gift card')).toBe('gift_card_1');
    expect(one('back to the card')).toBe('credit_card_1');
    expect(one('PayPal please, rather than the gift card')).toBe('paypal_1');
    const orders = recogniserSchema.parse({ type: 'pick', from: 'o', label: ['items.name', 'order_id'], value: 'order_id' });
    const list = [
      { order_id: '#W7430166', items: [{ name: 'Lamp' }] },
      { order_id: '#W2403075', items: [{ name: 'Brush' }] },
    ];
    expect((pickFromLine(orders as never, list, 'it ends in 66').picked?.[0] as { order_id: string }).order_id).toBe('#W7430166');
  });
});

describe('variants', () => {
  const r = recogniserSchema.parse({ type: 'variant', items: 'items', products: 'products' });
  const mouse = {
    product_id: 'p-mouse',
    variants: {
      m1: { item_id: 'm1', options: { color: 'black', 'sensor type': 'laser', connectivity: 'wireless' }, available: true, price: 150 },
      m2: { item_id: 'm2', options: { color: 'white', 'sensor type': 'optical', connectivity: 'wireless' }, available: true, price: 143 },
      m3: { item_id: 'm3', options: { color: 'white', 'sensor type': 'optical', connectivity: 'wired' }, available: true, price: 137 },
      m4: { item_id: 'm4', options: { color: 'white', 'sensor type': 'laser', connectivity: 'wireless' }, available: false, price: 138 },
    },
  };
  const kettle = {
    product_id: 'p-kettle',
    variants: {
      k1: { item_id: 'k1', options: { capacity: '2L', color: 'white' }, available: true, price: 153 },
      k2: { item_id: 'k2', options: { capacity: '1L', color: 'black' }, available: true, price: 147 },
      k3: { item_id: 'k3', options: { capacity: '1.5L', color: 'white' }, available: true, price: 143 },
    },
  };
  const choose = (item: unknown, texts: string[]) =>
    chooseVariants(r as never, [item], { products: [mouse, kettle] }, texts).chosen?.map((v) => (v as { item_id: string }).item_id);

  it('takes the options named, the cheaper when asked, the current ones otherwise', () => {
    expect(choose(order.items[0], ['a white optical one, whichever is cheaper'])).toEqual(['m3']);
    expect(choose(order.items[0], ['a white optical one'])).toEqual(['m2']);
  });

  it('follows a change of mind ("instead") and says when nothing fits', () => {
    expect(choose(order.items[2], ['the 1L black one', 'Actually I would rather have the 1.5L one instead'])).toEqual(['k3']);
    const out = chooseVariants(r as never, [order.items[2]], { products: [kettle] }, ['a green one']);
    expect(out.chosen).toBeUndefined();
  });
});

describe('slots from a line', () => {
  it('reads patterns and choices, the last phrase winning', () => {
    const slot = slotSchema.parse({
      name: 'order_id',
      ask: 'Which order?',
      recognise: [{ type: 'pattern', pattern: '(?<![\\w#])(?<!other order:?\\s?#?)#?W(\\d{7})\\b', value: '#W{1}' }],
    });
    expect(fromLine(slot, 'cancel W2307204 please', false)).toEqual(['#W2307204']);
    expect(fromLine(slot, 'same address as my other order #W9154975', false)).toBeUndefined();
    const reason = slotSchema.parse({
      name: 'reason',
      ask: 'Why?',
      recognise: [{ type: 'choice', options: { 'no longer needed': ["don't need"], 'ordered by mistake': ['by mistake'] } }],
    });
    expect(fromLine(reason, 'I ordered it by mistake', false)).toEqual(['ordered by mistake']);
    expect(fromLine(reason, 'hello', false)).toBeUndefined();
  });
});

describe('the actions document beyond its schema, and yes or no', () => {
  it('accepts the retail workspace and lists what a broken playbook gets wrong', () => {
    const retail = JSON.parse(readFileSync(new URL('../../../bench/retail/workspace.json', import.meta.url), 'utf8'));
    expect(checkActionsConfig(retail)).toMatchObject({ ok: true });
    const broken = {
      tools: [{ name: 'cancel', kind: 'write', method: 'POST', path: '/c', input: { type: 'object', properties: {} } }],
      playbooks: [
        {
          id: 'p',
          title: 'P',
          trigger: { articles: ['a'], patterns: ['(unclosed'] },
          steps: [
            { do: 'ask', slot: 'nope' },
            { do: 'check', when: { path: 'x', exists: true }, goto: 'elsewhere' },
            { do: 'confirm', text: 'ok?' },
          ],
        },
      ],
    };
    const out = checkActionsConfig(broken);
    expect(out.ok).toBe(false);
    expect(out.ok ? [] : out.problems.map((p) => p.path)).toEqual([
      'playbooks/0/trigger/patterns/0',
      'playbooks/0/steps/0/slot',
      'playbooks/0/steps/1/goto',
      'playbooks/0/steps/2',
    ]);
  });

  it('takes a request that starts with "please" for no yes', () => {
    expect(['Please refund it to my PayPal.', 'Please go ahead', 'please', 'Yes, please cancel it.'].map(yesOrNo)).toEqual([
      null,
      'yes',
      'yes',
      'yes',
    ]);
  });
});
