import { describe, expect, it } from 'vitest';
import { SoftmaxModel } from './softmax.ts';
import type { SparseVec } from './sparse.ts';

// Three classes over four features; each class has its own feature, feature 3 is shared noise.
const vec = (idx: number[]): SparseVec => ({ idx: Int32Array.from(idx), val: Float32Array.from(idx.map(() => 1)) });
const xs = [vec([0, 3]), vec([1]), vec([2, 3]), vec([0]), vec([1, 3]), vec([2])];
const ys = [0, 1, 2, 0, 1, 2];
const fit = (seed: number) => SoftmaxModel.train(xs, ys, 4, 3, { epochs: 8, learningRate: 1, l2: 1e-5, seed });

describe('SoftmaxModel.average', () => {
  it('of one model is that model, bit for bit', () => {
    const m = fit(11);
    const avg = SoftmaxModel.average([m]);
    expect(Array.from(avg.weights)).toEqual(Array.from(m.weights));
    expect(Array.from(avg.bias)).toEqual(Array.from(m.bias));
  });

  it('of models at different seeds has the mean of their logits', () => {
    const models = [fit(1), fit(2), fit(3)];
    expect(models[0].weights).not.toEqual(models[1].weights);
    const avg = SoftmaxModel.average(models);
    const x = vec([0, 3]);
    const mean = [0, 1, 2].map((c) => models.reduce((s, m) => s + m.logits(x)[c], 0) / models.length);
    Array.from(avg.logits(x)).forEach((z, c) => expect(z).toBeCloseTo(mean[c], 4));
  });

  it('refuses models of different shapes', () => {
    expect(() => SoftmaxModel.average([fit(1), new SoftmaxModel(5, 3)])).toThrow(/different shapes/);
  });
});
