// The classifier's probabilities tilted toward the articles whose own text holds the message's
// words (issue 15, items 5 and 8; docs/engine.md, "Tilting the classifier by the article's text").
// The classifier learns only the words of an article's examples and title; its body says more.
import { Bm25Index, terms } from './bm25.ts';

/** How far an article holding all of the message's words may lift its class: by e^TILT_ALPHA. */
export const TILT_ALPHA = 2;

/** The words each class's article holds (title, body, the examples trained on), with their IDF over the classes. */
export class ClassTerms {
  private readonly index: Bm25Index;

  /** `texts`: one text per class, by class index. */
  constructor(texts: string[]) {
    this.index = new Bm25Index(texts.map((text) => ({ title: '', text })));
  }

  /** Per class, the IDF-weighted share of the message's terms its article holds. */
  shares(message: string): Float64Array {
    const out = new Float64Array(this.index.size);
    let total = 0;
    for (const t of new Set(terms(message))) {
      const idf = this.index.idf(t);
      total += idf;
      for (const c of this.index.holders(t)) out[c] += idf;
    }
    if (total > 0) for (let c = 0; c < out.length; c++) out[c] /= total;
    return out;
  }
}

/** p_c ∝ p_c · exp(α · share_c), renormalised (in place). */
export function tilt(probs: Float32Array, shares: Float64Array, alpha = TILT_ALPHA): Float32Array {
  if (alpha === 0) return probs;
  let sum = 0;
  for (let c = 0; c < probs.length; c++) sum += probs[c] *= Math.exp(alpha * shares[c]);
  if (sum > 0) for (let c = 0; c < probs.length; c++) probs[c] /= sum;
  return probs;
}
