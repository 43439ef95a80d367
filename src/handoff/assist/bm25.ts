// A small BM25 index for agent assist (articles, past replies, macros). Self-contained on
// purpose: the engine's retriever may change; assist only needs a reasonable ranking.

const STOP = new Set(
  'a an and are as at be but by can could did do does for from had has have how i if in into is it its me my no not of on or our please so that the their them then there these they this to us was we were what when where which who why will with would you your hi hello thanks thank'.split(' '),
);

export function tokenize(text: string): string[] {
  return (text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

export class Bm25<T> {
  private readonly docs: { item: T; tf: Map<string, number>; len: number }[] = [];
  private readonly df = new Map<string, number>();
  private avgLen = 0;

  constructor(
    items: T[],
    text: (item: T) => string,
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    for (const item of items) {
      const toks = tokenize(text(item));
      const tf = new Map<string, number>();
      for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      this.docs.push({ item, tf, len: toks.length });
    }
    this.avgLen = this.docs.reduce((s, d) => s + d.len, 0) / Math.max(1, this.docs.length);
  }

  search(query: string, limit = 5): { item: T; score: number }[] {
    const q = [...new Set(tokenize(query))];
    const n = this.docs.length;
    const out: { item: T; score: number }[] = [];
    for (const d of this.docs) {
      let score = 0;
      for (const t of q) {
        const f = d.tf.get(t);
        if (!f) continue;
        const df = this.df.get(t) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += (idf * f * (this.k1 + 1)) / (f + this.k1 * (1 - this.b + (this.b * d.len) / Math.max(1, this.avgLen)));
      }
      if (score > 0) out.push({ item: d.item, score });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}
