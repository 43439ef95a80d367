// Okapi BM25 over passages with a title field (BM25F-style: title terms count extra).
// Used for knowledge without example questions, and as a second opinion otherwise.
import { tokenize } from '../text/normalize.ts';
import { isStopword } from '../text/stopwords.ts';
import { stem } from '../text/stem.ts';

export interface Bm25Doc {
  title: string;
  text: string;
}

export interface Bm25Options {
  k1: number;
  b: number;
  titleWeight: number;
}

export const DEFAULT_BM25: Bm25Options = { k1: 1.2, b: 0.75, titleWeight: 2 };

/** BM25's IDF of a term held by `df` of `n` documents (never negative). */
export function idfOf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Content terms: normalised, stop words removed, stemmed. */
export function terms(text: string): string[] {
  return tokenize(withIdentifierWords(text))
    .filter((t) => !isStopword(t))
    .map(stem);
}

/** "bodyLimit" also as "body Limit": people type the words of an identifier apart. */
function withIdentifierWords(text: string): string {
  return text.replace(/\b[a-z]+(?:[A-Z][a-z0-9]+)+\b/g, (id) => `${id} ${id.replace(/([a-z0-9])([A-Z])/g, '$1 $2')}`);
}

export interface Bm25Hit {
  doc: number;
  score: number;
}

export class Bm25Index {
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  /** Document frequency of each term among the statistics-only texts. */
  private readonly extraDf = new Map<string, number>();
  private readonly lengths: Float32Array;
  private readonly avgLength: number;
  readonly docTerms: Set<string>[];
  readonly size: number;
  /** Documents the IDF counts: the searchable ones and the statistics-only texts. */
  private readonly counted: number;

  /** `statsOnly`: texts that count in document frequencies but are never searched or scored. */
  constructor(
    docs: Bm25Doc[],
    private readonly opts: Bm25Options = DEFAULT_BM25,
    statsOnly: string[] = [],
  ) {
    this.size = docs.length;
    this.counted = docs.length + statsOnly.length;
    for (const text of statsOnly) for (const t of new Set(terms(text))) this.extraDf.set(t, (this.extraDf.get(t) ?? 0) + 1);
    this.lengths = new Float32Array(docs.length);
    this.docTerms = [];
    docs.forEach((d, i) => {
      const tf = new Map<string, number>();
      for (const t of terms(d.title)) tf.set(t, (tf.get(t) ?? 0) + opts.titleWeight);
      const body = terms(d.text);
      for (const t of body) tf.set(t, (tf.get(t) ?? 0) + 1);
      this.lengths[i] = body.length + opts.titleWeight * terms(d.title).length;
      this.docTerms.push(new Set(tf.keys()));
      for (const [t, n] of tf) {
        let list = this.postings.get(t);
        if (!list) this.postings.set(t, (list = []));
        list.push({ doc: i, tf: n });
      }
    });
    let total = 0;
    for (const l of this.lengths) total += l;
    this.avgLength = total / Math.max(1, docs.length);
  }

  /** Whether any text of the knowledge (searchable or statistics-only) uses the term. */
  knows(term: string): boolean {
    return this.postings.has(term) || this.extraDf.has(term);
  }

  idf(term: string): number {
    return idfOf((this.postings.get(term)?.length ?? 0) + (this.extraDf.get(term) ?? 0), this.counted);
  }

  /**
   * A word rare enough to name a topic: known, with at least half the IDF of a word never seen
   * (document frequency up to about √N). "redirect" or "docker" in a web framework's docs are;
   * "process", "apply" or "route" are everywhere and name nothing on their own.
   */
  topical(term: string): boolean {
    return this.knows(term) && this.idf(term) >= this.idf('\u0000') / 2;
  }

  /** Scores for a weighted bag of query terms; returns every doc with a positive score. */
  search(query: Map<string, number>): Float32Array {
    const scores = new Float32Array(this.size);
    const { k1, b } = this.opts;
    for (const [term, qw] of query) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const { doc, tf } of list) {
        const norm = tf + k1 * (1 - b + (b * this.lengths[doc]) / this.avgLength);
        scores[doc] += qw * idf * ((tf * (k1 + 1)) / norm);
      }
    }
    return scores;
  }

  /** The score a document holding every query term once would get: scales scores to ~[0, 1]. */
  maxScore(query: Map<string, number>): number {
    let s = 0;
    for (const [term, qw] of query)
      if (this.postings.has(term) || this.extraDf.has(term))
        s += (qw * this.idf(term) * (this.opts.k1 + 1)) / (1 + this.opts.k1 * (1 - this.opts.b + this.opts.b));
    return s;
  }
}

/** Weighted query terms from the message and its context (older turns count less). */
export function queryTerms(parts: { text: string; weight: number }[]): Map<string, number> {
  const q = new Map<string, number>();
  for (const { text, weight } of parts) {
    const seen = new Set<string>();
    for (const t of terms(text)) {
      if (seen.has(t)) continue;
      seen.add(t);
      q.set(t, Math.max(q.get(t) ?? 0, weight));
    }
  }
  return q;
}
