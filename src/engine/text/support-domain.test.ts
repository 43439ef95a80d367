import { describe, expect, it } from 'vitest';
import { namesSupportMatter, supportWords } from './support-domain.ts';
import { normalize } from './normalize.ts';

describe('support matters', () => {
  it.each(['I did not authorize this charge', 'do you sell shoes', 'my phone battery is dead', 'the parcel never arrived'])(
    '"%s" names one',
    (text) => expect(namesSupportMatter(normalize(text))).toBe(true),
  );
  it.each(['who won the world cup in 2018?', 'what is the capital of France', 'tell me a joke', "what's the weather on Mars?"])(
    '"%s" does not',
    (text) => expect(supportWords(normalize(text))).toEqual([]),
  );
  it('counts the content words of the synonym phrases, not their small words ("in pieces", "log on")', () => {
    expect(supportWords(normalize('the vase is in pieces'))).toEqual(['pieces']);
    expect(namesSupportMatter(normalize('what is on in the cinema'))).toBe(false);
  });
});
