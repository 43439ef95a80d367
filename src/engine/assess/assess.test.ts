import { describe, expect, it } from 'vitest';
import { fitLogistic, predictCalibrator, predictLogistic } from './logistic.ts';
import { expectedCalibrationError, thresholdForPrecision } from './calibration.ts';
import { calibrateClassifier } from './calibrate.ts';
import { trainingExamples } from '../retrieve/classifier.ts';

describe('calibration', () => {
  it('fits a monotone calibrator', () => {
    const xs = Array.from({ length: 200 }, (_, i) => [i / 200]);
    const ys = xs.map(([x]) => (x > 0.5 ? 1 : 0));
    const m = fitLogistic(xs, ys);
    expect(predictLogistic(m, [0.9])).toBeGreaterThan(0.8);
    expect(predictLogistic(m, [0.1])).toBeLessThan(0.2);
  });
  it('measures expected calibration error', () => {
    const perfect = [...Array(100)].map((_, i) => ({ confidence: 0.75, correct: i % 4 !== 0 }));
    expect(expectedCalibrationError(perfect)).toBeCloseTo(0, 5);
    expect(expectedCalibrationError([{ confidence: 0.95, correct: false }])).toBeCloseTo(0.95, 5);
  });
  it('picks the lowest threshold reaching a precision', () => {
    const rows = [0.9, 0.8, 0.7, 0.6, 0.5].map((c, i) => ({ confidence: c, correct: i !== 3 }));
    expect(thresholdForPrecision(rows, 1)).toBe(0.7);
    expect(thresholdForPrecision(rows, 0.8)).toBe(0.5);
  });
  it('calibrates a classifier on held-out examples and held-out articles', () => {
    const arts = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'].map((w) => ({
      id: w,
      title: `${w} topic`,
      body: w,
      examples: [`tell me about ${w}`, `${w} question`, `help with ${w}`, `what is ${w}`, `${w} please`, `${w} info`],
    }));
    const r = calibrateClassifier(arts, trainingExamples(arts), { epochs: 10, learningRate: 1, l2: 1e-5, seed: 3 });
    expect(r.heldOut.length).toBeGreaterThan(5);
    expect(r.heldOut.every((h) => h.confidence >= 0 && h.confidence <= 1)).toBe(true);
    expect(r.ece).toBeLessThan(0.5);
    // Two factors: in scope, and right given in scope.
    expect(r.model.parts).toHaveLength(2);
  });
  it('multiplies the factors of a calibrator', () => {
    const one = { weights: [0], bias: 0, mean: [0], std: [1] };
    expect(
      predictCalibrator(
        {
          parts: [
            { model: one, features: [0] },
            { model: one, features: [1] },
          ],
        },
        [3, 4],
      ),
    ).toBeCloseTo(0.25, 6);
  });
});
