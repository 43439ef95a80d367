// Typo tolerance: a word of the message that the knowledge never uses, one slip away from a word
// it does use, is read as that word ("pasword" -> "password", "recieve" -> "receive"). The
// intent classifier's character n-grams soften a typo, but a misspelt word still counts as an
// unknown one: the calibrator reads fewer known words and trusts the answer less, and a message
// whose every content word is misspelt looks off-topic. Only the knowledge's own vocabulary is a
// target, so a correction can only make the message say something the knowledge says.
import { mapWords, normalize, words } from './normalize.ts';
import { stem } from './stem.ts';
import { slipBetween, type Slip } from './edit-distance.ts';
import { isStopword } from './stopwords.ts';

export interface Correction {
  from: string;
  to: string;
}

/**
 * The shortest typed word each kind of slip is read in. Most four-letter strings are a real word
 * one edit from another ("shop", "ship", "stop"), so a short unknown word is more often a word the
 * knowledge lacks than a typo of one it has; the likelier the slip and the rarer real-word
 * neighbours at that length, the shorter the word may be. A change at a word's end is another
 * form of it (the stemmer's business, or a different word: "fish"/"fishy") and is never read.
 */
export const MIN_LENGTH: Record<Slip, number> = {
  apostrophe: 3,
  swap: 5,
  double: 5,
  key: 7,
  substitute: 9,
  insert: 7,
  delete: 7,
  end: Infinity,
};

const LETTERS = /^\p{L}+(?:'\p{L}+)*$/u;

export class Speller {
  /** Occurrences of each word in the knowledge. */
  private readonly counts = new Map<string, number>();
  private readonly stems = new Set<string>();
  /** Words by first letter: people rarely mistype the first letter of a word. */
  private readonly byInitial = new Map<string, string[]>();
  /** Words with an apostrophe by their form without it ("cant" -> "can't"). */
  private readonly bare = new Map<string, string>();
  private readonly memo = new Map<string, string | null>();

  constructor(texts: Iterable<string>) {
    for (const text of texts) for (const w of words(normalize(text))) this.counts.set(w, (this.counts.get(w) ?? 0) + 1);
    for (const w of this.counts.keys()) {
      this.stems.add(stem(w));
      if (!LETTERS.test(w)) continue;
      if (w.includes("'")) this.bare.set(w.replace(/'/g, ''), w);
      else (this.byInitial.get(w[0]) ?? this.byInitial.set(w[0], []).get(w[0])!).push(w);
    }
  }

  /** Whether the knowledge uses the word (or another inflection of it). */
  knows(word: string): boolean {
    return this.counts.has(word) || this.stems.has(stem(word));
  }

  /** The knowledge's word this unknown word is a typo of, or null (known, too short, or no single nearest word). */
  correct(word: string): string | null {
    let done = this.memo.get(word);
    if (done === undefined) {
      done = this.nearest(word);
      if (this.memo.size >= 10_000) this.memo.clear();
      this.memo.set(word, done);
    }
    return done;
  }

  private nearest(word: string): string | null {
    // A function word is a word, whatever the knowledge lacks ("through" is no typo of "though").
    if (!LETTERS.test(word) || this.knows(word) || isStopword(word)) return null;
    const apostrophe = this.bare.get(word);
    if (apostrophe) return apostrophe;
    let best: string | null = null;
    let bestCount = 0;
    let tied = false;
    for (const w of this.byInitial.get(word[0]) ?? []) {
      if (Math.abs(w.length - word.length) > 1) continue;
      const slip = slipBetween(word, w);
      if (!slip || word.length < MIN_LENGTH[slip]) continue;
      const count = this.counts.get(w)!;
      if (count > bestCount) [best, bestCount, tied] = [w, count, false];
      else if (count === bestCount) tied = true;
    }
    // Two equally near, equally common words: the typo says nothing about which was meant.
    return tied ? null : best;
  }

  /** The normalised text with each typo replaced by the knowledge's word, and the corrections made. */
  correctText(text: string): { text: string; corrections: Correction[] } {
    const corrections: Correction[] = [];
    const out = mapWords(normalize(text), (w) => {
      const to = this.correct(w);
      if (!to) return w;
      corrections.push({ from: w, to });
      return to;
    });
    return { text: corrections.length ? out : text, corrections };
  }
}
