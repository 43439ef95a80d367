// Binary logistic regression on a handful of dense features: the calibrator. Trained with
// full-batch gradient descent (a few thousand rows, a dozen features: milliseconds).

export interface LogisticModel {
  weights: number[];
  bias: number;
  mean: number[];
  std: number[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * `signs`: per feature, +1 (the weight may not be negative), -1 (may not be positive) or 0
 * (free). Evidence whose direction is known in advance (more of the question matched can only
 * make an answer likelier) is held to it by projected gradient descent.
 */
export function fitLogistic(
  xs: number[][],
  ys: number[],
  sampleWeights?: number[],
  iterations = 600,
  l2 = 1e-3,
  signs?: number[],
): LogisticModel {
  const d = xs[0]?.length ?? 0;
  const n = xs.length;
  const w8 = sampleWeights ?? xs.map(() => 1);
  const mean = Array.from({ length: d }, (_, j) => xs.reduce((s, x) => s + x[j], 0) / Math.max(1, n));
  const std = Array.from({ length: d }, (_, j) => Math.sqrt(xs.reduce((s, x) => s + (x[j] - mean[j]) ** 2, 0) / Math.max(1, n)) || 1);
  const z = xs.map((x) => x.map((v, j) => (v - mean[j]) / std[j]));
  const weights = new Array<number>(d).fill(0);
  let bias = 0;
  const totalW = w8.reduce((a, b) => a + b, 0) || 1;
  const lr = 0.5;
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      let s = bias;
      for (let j = 0; j < d; j++) s += weights[j] * z[i][j];
      const err = (sigmoid(s) - ys[i]) * w8[i];
      for (let j = 0; j < d; j++) g[j] += err * z[i][j];
      gb += err;
    }
    for (let j = 0; j < d; j++) {
      weights[j] -= lr * (g[j] / totalW + l2 * weights[j]);
      const sign = signs?.[j] ?? 0;
      if (sign * weights[j] < 0) weights[j] = 0;
    }
    bias -= lr * (gb / totalW);
  }
  return { weights, bias, mean, std };
}

export function predictLogistic(m: LogisticModel, x: number[]): number {
  let s = m.bias;
  for (let j = 0; j < m.weights.length; j++) s += m.weights[j] * ((x[j] - m.mean[j]) / m.std[j]);
  return sigmoid(s);
}

/**
 * A calibrator: the product of logistic models, each reading some of the features (by index).
 * One part is plain Platt-style calibration; two parts factor the confidence as
 * P(the question is in scope) x P(the top article is right | in scope).
 */
export interface Calibrator {
  parts: { model: LogisticModel; features: number[] }[];
}

export function predictCalibrator(c: Calibrator, x: number[]): number {
  let p = 1;
  for (const part of c.parts)
    p *= predictLogistic(
      part.model,
      part.features.map((i) => x[i]),
    );
  return p;
}
