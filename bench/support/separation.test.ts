// The ranking figures `eval.ts curve` prints.
import { describe, expect, it } from 'vitest';
import { at, auc, type Scored } from './separation.ts';

const row = (score: number, right: boolean, answerable = right): Scored => ({ id: String(score), score, right, answerable });

describe('separation of right and wrong answers', () => {
  it('is 1 when every right answer is surer than every wrong one, 0.5 for ties, 0 reversed', () => {
    expect(auc([row(0.9, true), row(0.8, true), row(0.3, false), row(0.2, false, true)])).toBe(1);
    expect(auc([row(0.5, true), row(0.5, false)])).toBe(0.5);
    expect(auc([row(0.1, true), row(0.9, false)])).toBe(0);
  });

  it('leaves out tickets something other than the threshold hands off, but counts them as unresolved', () => {
    const rows = [row(0.9, true), row(0.6, false), row(-1, false, true), row(0.4, true)];
    expect(auc(rows)).toBe(0.5);
    expect(at(rows, 0.5)).toEqual({ resolution: 1 / 3, precision: 0.5, answered: 2 });
    expect(at(rows, 0.3).answered).toBe(3);
  });
});
