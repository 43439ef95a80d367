import { describe, expect, it } from 'vitest';
import { memoized } from './memo.ts';

describe('memoized', () => {
  it('works a text out once while it is among the last ones seen, and again after it was pushed out', () => {
    const seen: string[] = [];
    const length = memoized((text: string) => {
      seen.push(text);
      return text.length;
    }, 2);
    expect([length('a'), length('bb'), length('a'), length('bb')]).toEqual([1, 2, 1, 2]);
    expect(seen).toEqual(['a', 'bb']);
    length('ccc'); // the oldest, 'a', goes
    expect(length('bb')).toBe(2);
    expect(length('a')).toBe(1);
    expect(seen).toEqual(['a', 'bb', 'ccc', 'a']);
  });

  it('remembers a falsy result too', () => {
    let calls = 0;
    const empty = memoized((text: string) => (calls++, text === ''), 4);
    expect([empty('x'), empty('x'), empty('')]).toEqual([false, false, true]);
    expect(calls).toBe(2);
  });
});
