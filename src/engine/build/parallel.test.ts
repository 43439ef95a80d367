import { describe, expect, it } from 'vitest';
import { runInWorker } from './parallel.ts';
import { runJob } from './jobs.ts';
import { trainingExamples } from '../retrieve/classifier.ts';

describe('build jobs in a worker thread', () => {
  it('calibrates in a worker with the same result as in this thread', async () => {
    const articles = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'].map((w) => ({
      id: w,
      title: `${w} topic`,
      body: w,
      examples: [`tell me about ${w}`, `${w} question`, `help with ${w}`, `what is ${w}`, `${w} please`, `${w} info`],
    }));
    const payload = { articles, examples: trainingExamples(articles), softmax: { epochs: 4, learningRate: 1, l2: 1e-5, seed: 3 } };
    const { result, inWorker } = await runInWorker('calibrateClassifier', payload);
    expect(inWorker).toBe(true);
    expect(result).toEqual(runJob('calibrateClassifier', payload));
  }, 30_000);
});
