import { describe, expect, it } from 'vitest';
import { extractFields } from './extract.ts';

const fields = (text: string) => extractFields([{ text, message_id: 'm1', seq: 1 }]).map((f) => [f.kind, f.value]);

describe('details the customer gave', () => {
  it('reads an order number said in words or with #, and not its digits as a phone', () => {
    expect(fields('order number is W2378156, i cant log in either')).toEqual([['order_number', 'W2378156']]);
    expect(fields('where is #W5442520?')).toEqual([['order_number', 'W5442520']]);
    expect(fields('my order was late')).toEqual([]);
  });
  it('still reads a phone number', () => {
    expect(fields('call me on +44 7700 900123 please')).toEqual([['phone', '+44 7700 900123']]);
    expect(fields('my number: 0612345678')).toEqual([['phone', '0612345678']]);
  });
});
