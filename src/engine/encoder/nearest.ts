// How close a message is, in the encoder's space, to an article's example questions: the best
// cosine to one of them. The classifier's own nearest-example similarity counts shared n-grams;
// this one counts meaning, so "what's the deadline for getting my money back" is near "how long
// do I have to ask for a refund" though they share one word.
import { cosine, encoding } from './encoder.ts';

export class EncodedExamples {
  private constructor(private readonly byClass: Float32Array[][]) {}

  /** From the examples' class labels and encodings, in the same order. */
  static from(labels: readonly number[], vectors: readonly Float32Array[], classes: number): EncodedExamples {
    const byClass: Float32Array[][] = Array.from({ length: classes }, () => []);
    labels.forEach((c, i) => byClass[c].push(vectors[i]));
    return new EncodedExamples(byClass);
  }

  /** Best cosine between an encoding and one of the class's examples (0 when it has none). */
  nearest(v: Float32Array, cls: number): number {
    let best = 0;
    for (const e of this.byClass[cls] ?? []) best = Math.max(best, cosine(v, e));
    return best;
  }

  /** The same for a text encoded before the turn; undefined (and noted as missing) when it was not. */
  nearestTo(text: string, cls: number): number | undefined {
    const v = encoding(text);
    return v ? this.nearest(v, cls) : undefined;
  }
}
