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

/** The features of one word on its own (its family's index and string): the word, its stem, its character n-grams. */
function wordFeatures(t: string, opts: VectorizerOptions, visit: (family: number, key: string) => void): void {
  visit(0, t);
  visit(1, stem(t));
  const padded = ` ${t} `;
  for (let n = opts.charMin; n <= opts.charMax; n++) {
    for (let j = 0; j + n <= padded.length; j++) visit(4, padded.slice(j, j + n));
  }
}

/** The features that span words: bigrams, skip-bigrams, character n-grams across a boundary. */
function spanFeatures(toks: string[], opts: VectorizerOptions, visit: (family: number, key: string) => void): void {
  for (let i = 0; i < toks.length; i++) {
    visit(2, i === 0 ? `^ ${toks[i]}` : `${toks[i - 1]} ${toks[i]}`);
    if (i >= 2) visit(3, `${toks[i - 2]} _ ${toks[i]}`);
  }
  // Across boundaries: only the n-grams with a space strictly inside (the others are words' own).
  const line = ` ${toks.join(' ')} `;
  for (let n = opts.charMin; n <= opts.charMax; n++) {
    for (let j = 0; j + n <= line.length; j++) {
      // A space after the n-gram's first character and before its last (sliced only then).
      const space = line.indexOf(' ', j + 1);
      if (space !== -1 && space < j + n - 1) visit(5, line.slice(j, j + n));
    }
  }
}

/** Raw feature strings per family, with term counts. */
export function extractFeatures(text: string, opts: VectorizerOptions): Map<string, number>[] {
  const fams: Map<string, number>[] = FAMILIES.map(() => new Map());
  const add = (f: number, key: string) => fams[f].set(key, (fams[f].get(key) ?? 0) + 1);
  const toks = words(normalize(text));
  for (const t of toks) wordFeatures(t, opts, add);
  spanFeatures(toks, opts, add);
  return fams;
}

/** Words whose known features a vectorizer keeps (a few hundred kB at most); past that it starts again. */
const WORD_CACHE_SIZE = 20_000;

export class Vectorizer {
  /** Feature index by string, one map per family: a message's features are looked up without building keys. */
  private readonly vocab: Map<string, number>[] = FAMILIES.map(() => new Map());
  private count = 0;
  private idf = new Float32Array(0);
  private family = new Uint8Array(0);
  private readonly wordCache = new Map<string, Int32Array>();

  constructor(private readonly opts: VectorizerOptions = DEFAULT_VECTORIZER) {}

  get size(): number {
    return this.count;
  }

  fit(texts: string[]): this {
    this.wordCache.clear();
    const df: Map<string, number>[] = FAMILIES.map(() => new Map());
    // Indices in order of first appearance (text by text, family by family), so a build is reproducible.
    const order: [number, string][] = [];
    for (const text of texts) {
      extractFeatures(text, this.opts).forEach((fam, f) => {
        for (const key of fam.keys()) {
          const seen = df[f].get(key);
          if (seen === undefined) order.push([f, key]);
          df[f].set(key, (seen ?? 0) + 1);
        }
      });
    }
    const idf: number[] = [];
    const family: number[] = [];
    for (const [f, key] of order) {
      const count = df[f].get(key)!;
      if (count < this.opts.minDf) continue;
      this.vocab[f].set(key, this.count++);
      idf.push(Math.log((1 + texts.length) / (1 + count)) + 1);
      family.push(f);
    }
    this.idf = Float32Array.from(idf);
    this.family = Uint8Array.from(family);
    return this;
  }

  /**
   * Sublinear TF-IDF, each family L2-normalised and weighted, then the whole vector normalised.
   * `extra`: words read beside the text's own at a weight below 1 (a synonym of a word the
   * knowledge does not use); only their own features count (no bigrams), and a feature weighs
   * its weight times its IDF, under the 1 × IDF of a feature the text holds once.
   */
  transform(text: string, extra?: ReadonlyMap<string, number>): SparseVec {
    // Term counts of the known features only, by index, per family in order of first appearance.
    const tfs: Map<number, number>[] = FAMILIES.map(() => new Map());
    const count = (f: number, i: number, n = 1) => tfs[f].set(i, (tfs[f].get(i) ?? 0) + n);
    const toks = words(normalize(text));
    for (const t of toks) for (const i of this.knownWordFeatures(t)) count(this.family[i], i);
    if (extra)
      for (const [t, w] of extra) for (const i of this.knownWordFeatures(t)) if (!tfs[this.family[i]].has(i)) count(this.family[i], i, w);
    spanFeatures(toks, this.opts, (f, key) => {
      const i = this.vocab[f].get(key);
      if (i !== undefined) count(f, i);
    });
    const out = new Map<number, number>();
    tfs.forEach((fam, f) => {
      const w = this.opts.weights[FAMILIES[f]];
      let norm = 0;
      for (const [i, tf] of fam) {
        const v = (tf < 1 ? tf : 1 + Math.log(tf)) * this.idf[i];
        fam.set(i, v);
        norm += v * v;
      }
      norm = Math.sqrt(norm) || 1;
      for (const [i, v] of fam) out.set(i, (w * v) / norm);
    });
    return fromMap(out);
  }

  /**
   * The known features of a word on its own, kept per word: customers reuse few words, and a
   * word's character n-grams are most of a message's lookups.
   */
  private knownWordFeatures(t: string): Int32Array {
    let known = this.wordCache.get(t);
    if (known) return known;
    const found: number[] = [];
    wordFeatures(t, this.opts, (f, key) => {
      const i = this.vocab[f].get(key);
      if (i !== undefined) found.push(i);
    });
    known = Int32Array.from(found);
    if (this.wordCache.size >= WORD_CACHE_SIZE) this.wordCache.clear();
    this.wordCache.set(t, known);
    return known;
  }

  /** Share of the text's word tokens the vocabulary knows (out-of-scope questions often use new words). */
  knownWordShare(text: string): number {
    const toks = words(normalize(text));
    if (toks.length === 0) return 0;
    let known = 0;
    for (const t of toks) if (this.vocab[0].has(t)) known++;
    return known / toks.length;
  }

  familyOf(i: number): number {
    return this.family[i];
  }
}
