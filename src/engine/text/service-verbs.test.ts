import { describe, expect, it } from 'vitest';
import { cancelWording } from './service-verbs.ts';

describe('cancelWording', () => {
  it.each([
    ['i want to end my plan', 'i want to cancel my plan'],
    ["i'd like to end my plan at the end of this billing cycle", "i'd like to cancel my plan at the end of this billing cycle"],
    ['kill my account', 'cancel my account'],
    ['pls just kill order 90214 before it ships', 'pls just cancel order 90214 before it ships'],
    ['terminate the contract', 'cancel the contract'],
    ['ending my free trial now', 'cancel my free trial now'],
  ])('%s → %s', (text, plain) => expect(cancelWording(text)).toBe(plain));

  it('leaves ending that is not said of a service as it is', () => {
    for (const text of ['i want to end my life', 'end it all', 'these boots are killing my feet', 'at the end of my plan'])
      expect(cancelWording(text)).toBe(text);
  });
});
