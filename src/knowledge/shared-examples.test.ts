import { describe, expect, it } from 'vitest';
import { sharedExampleMessage, sharedExamples } from './shared-examples.ts';

const article = (id: string, examples?: string[]) => ({ id, title: id, body: 'b', ...(examples ? { examples } : {}) });

describe('example questions listed by more than one article', () => {
  it('finds them whatever their case, punctuation and spacing, once each, with the articles by id', () => {
    const shared = sharedExamples([
      article('track-order', ['where is my order', 'track my parcel']),
      article('order-status', ['Where is my order?', 'has it shipped']),
      article('shipping', ['has it  shipped', 'how long does shipping take']),
      article('refunds', ['how long does a refund take']),
      article('contact'),
    ]);
    expect(shared).toEqual([
      { question: 'Where is my order?', articles: ['order-status', 'track-order'] },
      { question: 'has it shipped', articles: ['order-status', 'shipping'] },
    ]);
    expect(sharedExampleMessage(shared[0])).toBe(
      '“Where is my order?” is an example question of 2 articles (order-status, track-order): the bot splits such questions between them and may hand them off; keep it on one article.',
    );
  });

  it('does not count a question an article repeats, nor questions that differ in words', () => {
    expect(sharedExamples([article('a', ['reset my password', 'Reset my password!']), article('b', ['reset my passcode'])])).toEqual([]);
  });
});
