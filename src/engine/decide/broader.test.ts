import { describe, expect, it } from 'vitest';
import { broaderThan } from './broader.ts';
import type { Article } from '../types.ts';

const article = (id: string, title: string, examples: string[] = []): Article => ({ id, title, body: '', examples });
const payment = article('payment', "Change an order's payment method", ['can i pay for my order with another card']);
const items = article('items', 'Change the items of an order', ['swap the size in my order']);
const address = article('address', 'Change the delivery address', ['my order should go to my new flat']);
const hours = article('hours', 'Opening hours', ['when are you open']);

describe('broaderThan', () => {
  it('names the candidates whose own words hold every word of the message', () => {
    const c = [payment, items, address, hours].map((a, i) => ({ article: a, confidence: [0.2, 0.15, 0.08, 0.05][i] }));
    expect(broaderThan('can I change my order?', c).map((a) => a.id)).toEqual(['payment', 'items', 'address']);
  });

  it('leaves out a candidate missing a word, one far less sure than the best, and one past the third', () => {
    const c = [payment, hours, items, address].map((a, i) => ({ article: a, confidence: [0.2, 0.15, 0.04, 0.03][i] }));
    expect(broaderThan('change my order', c).map((a) => a.id)).toEqual(['payment']);
  });

  it('asks nothing of a one-word topic or a message with words of its own', () => {
    const c = [payment, items].map((a) => ({ article: a, confidence: 0.2 }));
    expect(broaderThan('order', c)).toEqual([]);
    expect(broaderThan('can I change my order to gift wrap', c)).toEqual([]);
  });
});
