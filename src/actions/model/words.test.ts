import { describe, expect, it } from 'vitest';
import { toolDefinitionSchema } from '../types.ts';
import { redact } from '../../pii/index.ts';
import { shieldResult } from './shield.ts';
import { callSummary, confirmationQuestion, resultInWords } from './words.ts';

const exchange = toolDefinitionSchema.parse({
  name: 'exchange_delivered_order_items',
  description: 'Exchange items of a delivered order for other variants of the same product. The refund goes to the payment method.',
  kind: 'write',
  method: 'POST',
  path: '/orders/{order_id}/exchange',
  input: { type: 'object', properties: { user_id: {}, order_id: {}, item_ids: {}, new_item_ids: {}, payment: {} } },
  identityArg: 'user_id',
});

describe('tool calls in words', () => {
  it('lists every argument of a write but the account, lists and objects included', () => {
    const q = confirmationQuestion(exchange, {
      user_id: 'u1',
      order_id: '#W1',
      item_ids: ['111', '222'],
      new_item_ids: [],
      payment: { method: 'gift_card', id: 'gc_1' },
    });
    expect(q).toBe(
      [
        'Before I do this, please confirm: Exchange items of a delivered order for other variants of the same product',
        '- order id: #W1',
        '- item ids: 111, 222',
        '- new item ids: none',
        '- payment: (method gift_card; id gc_1)',
        'Shall I go ahead? (yes / no)',
      ].join('\n'),
    );
  });

  it('sums a result up: status first, plain fields, sizes of lists', () => {
    expect(resultInWords({ order_id: '#W1', items: [1, 2], address: { city: 'X' }, status: 'pending', total: 412.8, note: 'x' })).toBe(
      'status pending, order id #W1, 2 items, total 412.8',
    );
    expect(resultInWords(['a', 'b', 'c'])).toBe('3 results');
    expect(resultInWords('yusuf_rossi_9620')).toBe('yusuf_rossi_9620');
    const failed = { ok: false as const, error: 'timeout' as const, message: 'no answer within 300 ms', durationMs: 300 };
    expect(callSummary(exchange, { user_id: 'u1', order_id: '#W1' }, failed)).toBe(
      'Doing Exchange items of a delivered order for other variants of the same product (order id #W1) failed (timeout: no answer within 300 ms)',
    );
  });
});

describe('results through the shield', () => {
  it('redacts each text field with its name as context, inside lists and objects, and keeps the shape', () => {
    const shield = (t: string) => redact(t, { locale: 'en' }).redacted;
    const out = shieldResult(
      { name: { first_name: 'Yusuf', last_name: 'Rossi' }, emails: ['yusuf.rossi7301@example.com'], zip: '19122', total: 12.5, ok: true },
      shield,
    );
    expect(out).toEqual({
      name: { first_name: '<PERSON_1>', last_name: '<PERSON_1>' },
      emails: ['<EMAIL_1>'],
      zip: '<POSTCODE_1>',
      total: 12.5,
      ok: true,
    });
  });
});
