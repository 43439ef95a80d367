// Build jobs that may run in a worker thread: plain data in, plain data out.
import type { Article } from '../types.ts';
import type { TrainingExample } from '../retrieve/classifier.ts';
import type { SoftmaxOptions } from '../retrieve/softmax.ts';
import { calibrateClassifier } from '../assess/calibrate.ts';

export interface Jobs {
  calibrateClassifier: {
    payload: { articles: Article[]; examples: TrainingExample[]; softmax: SoftmaxOptions };
    result: ReturnType<typeof calibrateClassifier>;
  };
}

export function runJob<K extends keyof Jobs>(job: K, payload: Jobs[K]['payload']): Jobs[K]['result'] {
  switch (job) {
    case 'calibrateClassifier':
      return calibrateClassifier(payload.articles, payload.examples, payload.softmax);
    default:
      throw new Error(`unknown build job ${String(job)}`);
  }
}
