// The classifier's probabilities tilted toward the articles whose own text holds the message's
// words (issue 15, items 5 and 8; docs/engine.md, "Tilting the classifier by the article's words").
// The linear model spreads what it learnt over n-grams and may rank an article whose examples
// hold every word of the message below one that shares only its phrasing; exact words are
// evidence of their own, read once, before the calibrator and the threshold.
import { idfOf, terms } from './bm25.ts';

/** How far an article holding all of the message's words may lift its class: by e^TILT_ALPHA. */
export const TILT_ALPHA = 2;

/**
 * Texts of an article (title, body, each example) that must hold a word for it to count fully;
 * held by fewer, it counts in proportion. A word an article uses once is often incidental to it
 * ("is there an express option": the payment page's "American Express" and "payment options"
 * outweighed the shipping page's "express" when every word counted fully).
 */
export const FIRM_TEXTS = 2;

/** The words each class's article holds, with their IDF over the classes. */
export class ClassTerms {
  /** Classes holding each term, with how firmly (texts holding it over FIRM_TEXTS, at most 1). */
  private readonly holders = new Map<string, { c: number; w: number }[]>();
  private readonly classes: number;

  /** `texts`: each class's texts (title, body, the examples trained on), by class index. */
  constructor(texts: string[][]) {
    this.classes = texts.length;
    texts.forEach((own, c) => {
      const count = new Map<string, number>();
      for (const text of own) for (const t of new Set(terms(text))) count.set(t, (count.get(t) ?? 0) + 1);
      for (const [t, n] of count) (this.holders.get(t) ?? this.holders.set(t, []).get(t)!).push({ c, w: Math.min(1, n / FIRM_TEXTS) });
    });
  }

  /** Per class, the IDF-weighted share of the message's terms its article holds. */
  shares(message: string): Float64Array {
    const out = new Float64Array(this.classes);
    let total = 0;
    for (const t of new Set(terms(message))) {
      const held = this.holders.get(t) ?? [];
      const idf = idfOf(held.length, this.classes);
      total += idf;
      for (const { c, w } of held) out[c] += w * idf;
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
