// Calibration quality and threshold choice from held-out (confidence, correct) pairs.

export interface Scored {
  confidence: number;
  correct: boolean;
  weight?: number;
}

/** Expected calibration error over equal-width bins. */
export function expectedCalibrationError(rows: Scored[], bins = 10): number {
  const sum = new Array<number>(bins).fill(0);
  const hit = new Array<number>(bins).fill(0);
  const cnt = new Array<number>(bins).fill(0);
  let total = 0;
  for (const r of rows) {
    const w = r.weight ?? 1;
    const b = Math.min(bins - 1, Math.floor(r.confidence * bins));
    sum[b] += w * r.confidence;
    hit[b] += w * (r.correct ? 1 : 0);
    cnt[b] += w;
    total += w;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (cnt[b] > 0) ece += (cnt[b] / total) * Math.abs(sum[b] / cnt[b] - hit[b] / cnt[b]);
  return ece;
}

/** Lowest threshold at which the answers given (confidence >= t) reach the target precision. */
export function thresholdForPrecision(rows: Scored[], target: number, fallback = 0.5): number {
  const sorted = rows.slice().sort((a, b) => b.confidence - a.confidence);
  let good = 0;
  let all = 0;
  let best = fallback;
  let found = false;
  for (let i = 0; i < sorted.length; i++) {
    const w = sorted[i].weight ?? 1;
    all += w;
    if (sorted[i].correct) good += w;
    const next = sorted[i + 1]?.confidence;
    if (next !== undefined && next === sorted[i].confidence) continue;
    if (good / all >= target) {
      best = sorted[i].confidence;
      found = true;
    }
  }
  return found ? best : fallback;
}
