// Turns text into sparse TF-IDF features: word unigrams, stems, word bigrams, skip-bigrams
// (a word and the one two places on: "cancel _ order" matches "cancel my order" and "cancel
// the order"), character 3-5-grams inside words and character 3-5-grams across a word boundary.
// Character n-grams make the model robust to typos and morphology ("refund"/"refunded"/"refnd");
// bigrams capture short phrases ("credit score"), boundary n-grams their inflected forms.
import { normalize, words } from '../text/normalize.ts';
import { stem } from '../text/stem.ts';
import { type SparseVec, fromMap } from './sparse.ts';

export interface VectorizerOptions {
  /** Drop features seen in fewer than this many training texts. */
  minDf: number;
  /** Relative weight of each feature family (each family is L2-normalised first). */
  weights: { word: number; stem: number; bigram: number; skip: number; char: number; charX: number };
  charMin: number;
  charMax: number;
}

export const DEFAULT_VECTORIZER: VectorizerOptions = {
  minDf: 1,
  weights: { word: 1, stem: 0.7, bigram: 0.8, skip: 0.5, char: 1.3, charX: 0.6 },
  charMin: 3,
  charMax: 5,
};

type Family = keyof VectorizerOptions['weights'];
const FAMILIES: Family[] = ['word', 'stem', 'bigram', 'skip', 'char', 'charX'];

/** Raw feature strings per family, with term counts. */
export function extractFeatures(text: string, opts: VectorizerOptions): Map<string, number>[] {
  const toks = words(normalize(text));
  const fams: Map<string, number>[] = FAMILIES.map(() => new Map());
  const add = (f: number, key: string) => fams[f].set(key, (fams[f].get(key) ?? 0) + 1);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    add(0, t);
    add(1, stem(t));
    add(2, i === 0 ? `^ ${t}` : `${toks[i - 1]} ${t}`);
    if (i >= 2) add(3, `${toks[i - 2]} _ ${t}`);
    const padded = ` ${t} `;
    for (let n = opts.charMin; n <= opts.charMax; n++) {
      for (let j = 0; j + n <= padded.length; j++) add(4, padded.slice(j, j + n));
    }
  }
  // Across boundaries: only the n-grams with a space strictly inside (the others are above).
  const line = ` ${toks.join(' ')} `;
  for (let n = opts.charMin; n <= opts.charMax; n++) {
    for (let j = 0; j + n <= line.length; j++) {
      const g = line.slice(j, j + n);
      if (g.indexOf(' ', 1) > 0 && g.indexOf(' ', 1) < n - 1) add(5, g);
    }
  }
  return fams;
}

export class Vectorizer {
  private readonly vocab = new Map<string, number>();
  private idf = new Float32Array(0);
  private family = new Uint8Array(0);

  constructor(private readonly opts: VectorizerOptions = DEFAULT_VECTORIZER) {}

  get size(): number {
    return this.vocab.size;
  }

  fit(texts: string[]): this {
    const df = new Map<string, number>();
    for (const text of texts) {
      extractFeatures(text, this.opts).forEach((fam, f) => {
        for (const key of fam.keys()) df.set(`${f}\u0000${key}`, (df.get(`${f}\u0000${key}`) ?? 0) + 1);
      });
    }
    const idf: number[] = [];
    const family: number[] = [];
    for (const [key, count] of df) {
      if (count < this.opts.minDf) continue;
      this.vocab.set(key, this.vocab.size);
      idf.push(Math.log((1 + texts.length) / (1 + count)) + 1);
      family.push(Number(key[0]));
    }
    this.idf = Float32Array.from(idf);
    this.family = Uint8Array.from(family);
    return this;
  }

  /** Sublinear TF-IDF, each family L2-normalised and weighted, then the whole vector normalised. */
  transform(text: string): SparseVec {
    const out = new Map<number, number>();
    extractFeatures(text, this.opts).forEach((fam, f) => {
      const w = this.opts.weights[FAMILIES[f]];
      const part: [number, number][] = [];
      let norm = 0;
      for (const [key, tf] of fam) {
        const i = this.vocab.get(`${f}\u0000${key}`);
        if (i === undefined) continue;
        const v = (1 + Math.log(tf)) * this.idf[i];
        part.push([i, v]);
        norm += v * v;
      }
      norm = Math.sqrt(norm) || 1;
      for (const [i, v] of part) out.set(i, (w * v) / norm);
    });
    return fromMap(out);
  }

  /** Share of the text's word tokens the vocabulary knows (out-of-scope questions often use new words). */
  knownWordShare(text: string): number {
    const toks = words(normalize(text));
    if (toks.length === 0) return 0;
    let known = 0;
    for (const t of toks) if (this.vocab.has(`0\u0000${t}`)) known++;
    return known / toks.length;
  }

  familyOf(i: number): number {
    return this.family[i];
  }
}
