// Multinomial logistic regression over sparse features, trained by SGD with a decaying step.
// Weights are laid out feature-major (W[f * C + c]) so that scoring a sparse input walks
// contiguous memory: cost is nnz(x) * C, a few microseconds for support-sized messages.
import type { SparseVec } from './sparse.ts';
import { rng, shuffle } from './random.ts';

export interface SoftmaxOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_SOFTMAX: SoftmaxOptions = { epochs: 12, learningRate: 0.5, l2: 1e-6, seed: 7 };

/** Gradient entries below this are skipped in the update (they would not change the model). */
const ACTIVE = 1e-4;

export class SoftmaxModel {
  readonly weights: Float32Array;
  readonly bias: Float32Array;

  constructor(
    readonly features: number,
    readonly classes: number,
  ) {
    this.weights = new Float32Array(features * classes);
    this.bias = new Float32Array(classes);
  }

  /** Raw scores (logits) into `out`. */
  logits(x: SparseVec, out: Float32Array = new Float32Array(this.classes)): Float32Array {
    const C = this.classes;
    out.set(this.bias);
    const W = this.weights;
    for (let k = 0; k < x.idx.length; k++) {
      const base = x.idx[k] * C;
      const v = x.val[k];
      for (let c = 0; c < C; c++) out[c] += v * W[base + c];
    }
    return out;
  }

  probabilities(x: SparseVec): Float32Array {
    return softmaxInPlace(this.logits(x));
  }

  static train(xs: SparseVec[], ys: number[], features: number, classes: number, opts: SoftmaxOptions = DEFAULT_SOFTMAX): SoftmaxModel {
    const model = new SoftmaxModel(features, classes);
    const random = rng(opts.seed);
    const order = xs.map((_, i) => i);
    const p = new Float64Array(classes);
    const active = new Int32Array(classes);
    const W = model.weights;
    const C = classes;
    // L2 is applied as a global scale factor (the usual trick for sparse SGD): W_true = scale * W.
    let scale = 1;
    const avgW = new Float64Array(W.length);
    const avgB = new Float64Array(C);
    let snapshots = 0;
    let step = 0;
    const total = opts.epochs * xs.length;
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      for (const i of shuffle(order, random)) {
        const lr = opts.learningRate * (1 - step / total) + 1e-3;
        step++;
        const x = xs[i];
        // Scores with the current scale.
        p.set(model.bias);
        for (let k = 0; k < x.idx.length; k++) {
          const base = x.idx[k] * C;
          const v = x.val[k] * scale;
          for (let c = 0; c < C; c++) p[c] += v * W[base + c];
        }
        softmaxInPlace(p);
        p[ys[i]] -= 1; // gradient of cross-entropy w.r.t. logits
        scale *= 1 - lr * opts.l2;
        const g = lr / scale;
        // Most classes get a negligible gradient once the model has learnt a little: skip them.
        let n = 0;
        for (let c = 0; c < C; c++) if (p[c] > ACTIVE || p[c] < -ACTIVE) active[n++] = c;
        for (let k = 0; k < x.idx.length; k++) {
          const base = x.idx[k] * C;
          const v = x.val[k] * g;
          for (let a = 0; a < n; a++) {
            const c = active[a];
            W[base + c] -= v * p[c];
          }
        }
        for (let c = 0; c < C; c++) model.bias[c] -= lr * p[c] * 0.1;
      }
      // Average the end-of-epoch snapshots of the second half of training (Polyak averaging):
      // a cheap way to get the stability of a smaller step without more epochs.
      if (epoch >= Math.floor(opts.epochs / 2)) {
        for (let j = 0; j < W.length; j++) avgW[j] += W[j] * scale;
        for (let c = 0; c < C; c++) avgB[c] += model.bias[c];
        snapshots++;
      }
    }
    for (let j = 0; j < W.length; j++) W[j] = avgW[j] / snapshots;
    for (let c = 0; c < C; c++) model.bias[c] = avgB[c] / snapshots;
    return model;
  }

  /**
   * One model whose logits are the mean of the given models' logits (same features, same
   * classes): weights and biases averaged. Models trained by SGD at different seeds differ by
   * the order they saw the examples in; their mean keeps what they agree on.
   */
  static average(models: SoftmaxModel[]): SoftmaxModel {
    const [first] = models;
    const out = new SoftmaxModel(first.features, first.classes);
    for (const m of models) {
      if (m.features !== first.features || m.classes !== first.classes) throw new Error('SoftmaxModel.average: models of different shapes');
      for (let j = 0; j < out.weights.length; j++) out.weights[j] += m.weights[j] / models.length;
      for (let c = 0; c < out.bias.length; c++) out.bias[c] += m.bias[c] / models.length;
    }
    return out;
  }
}

export function softmaxInPlace<T extends Float32Array | Float64Array>(z: T): T {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (z[c] > max) max = z[c];
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c] - max);
    sum += z[c];
  }
  for (let c = 0; c < z.length; c++) z[c] /= sum;
  return z;
}
