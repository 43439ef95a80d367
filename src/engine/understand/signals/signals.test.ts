import { describe, expect, it } from 'vitest';
import { findSignal } from './index.ts';

// The learned detector reads the message and each sentence; what carries no intent (a PII
// token, a bare introduction) must not decide on its own.
describe('findSignal', () => {
  it('does not read an introduction with a redacted name as a request for a person', () => {
    expect(findSignal('Hi, I am <PERSON_1>. My card <CARD_1> was charged twice, how long do refunds take?')).toBeNull();
  });

  it('still finds a request for a person in one sentence among others', () => {
    expect(findSignal('Hi, I am <PERSON_1>. can I talk to someone')?.kind).toBe('human');
    expect(findSignal('is there a human I can chat with? my card still hasnt arrived')?.kind).toBe('human');
  });
});

describe('findSignal, urgent first', () => {
  it('a self-harm sentence wins over a surer reading of anger in another sentence', () => {
    const hit = findSignal("this is the worst service ever, you people are useless! i won't be alive next month anyway");
    expect(hit?.kind).toBe('self_harm');
    expect(hit?.text).toBe("i won't be alive next month anyway");
  });
});
