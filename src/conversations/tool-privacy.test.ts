import { describe, expect, it } from 'vitest';
import { emptyState, restore } from '../pii/index.ts';
import type { ToolDefinition } from '../actions/types.ts';
import { accountFields, detokenise, shieldValue, tokeniseValue } from './tool-privacy.ts';

// The shield around a tool call: results tokenised by where values stand (names, addresses,
// accounts), identifiers kept, free text through the detectors; arguments put back from the vault.

const order = {
  order_id: '#W5442520',
  user_id: 'olivia_ito_3591',
  status: 'pending',
  address: { address1: '570 Elm Avenue', address2: 'Suite 175', city: 'Denver', state: 'CO', zip: '80218' },
  items: [{ name: 'Office Chair', product_id: '8310926033', item_ids: ['6469567736'], price: 488.81 }],
  note: 'Call me at olivia.ito5204@example.com',
};
const tool = { name: 'get_order_details', ownerField: 'user_id' } as ToolDefinition;

describe('shieldValue', () => {
  it('tokenises personal fields and accounts whole, keeps identifiers and products, reads free text', () => {
    const { value, state } = shieldValue(order, emptyState(), { locale: 'en' }, accountFields(tool));
    const v = value as typeof order;
    expect(v.user_id).toMatch(/^<ACCOUNT_\d>$/);
    expect(v.address.address1).toMatch(/^<ADDRESS_\d>$/);
    expect(v.address.zip).toMatch(/^<POSTCODE_\d>$/);
    expect(v.address.state).toBe('CO');
    expect(v.items[0]).toEqual(order.items[0]);
    expect(v.order_id).toBe('#W5442520');
    expect(v.note).toMatch(/^Call me at <EMAIL_\d>$/);
    expect(JSON.stringify(v)).not.toMatch(/olivia|Elm|80218/);
    expect(restore(JSON.stringify(v), state)).toBe(JSON.stringify(order));
  });

  it('gives the same account the same token as the host page did, and reads a plain-string verification result', () => {
    const host = tokeniseValue('olivia_ito_3591', 'ACCOUNT', emptyState());
    const { value } = shieldValue({ user_id: 'Olivia_Ito_3591' }, host.state, {}, ['user_id']);
    expect((value as { user_id: string }).user_id).toBe(host.token);
    expect(shieldValue('olivia_ito_3591', host.state, {}, ['']).value).toBe(host.token);
    // Arguments already in tokens are not tokenised again.
    const again = shieldValue({ user_id: host.token }, host.state, {}, ['user_id']);
    expect(again.value).toEqual({ user_id: host.token });
    expect(again.state.values).toEqual(host.state.values);
  });
});

describe('detokenise', () => {
  it('puts values back in every string of the arguments, and leaves the rest', () => {
    const t = tokeniseValue('olivia.ito5204@example.com', 'EMAIL', emptyState());
    expect(detokenise({ email: t.token, n: 2, list: [`to ${t.token}`], other: '<EMAIL_9>' }, t.state)).toEqual({
      email: 'olivia.ito5204@example.com',
      n: 2,
      list: ['to olivia.ito5204@example.com'],
      other: '<EMAIL_9>',
    });
  });
});
