// Abbreviations the knowledge defines itself ("Electronic Benefit Transfer (EBT)"), mined at
// build time so that a customer who types either form finds the passages that use the other.
// Only definitions whose letters are the initials of the words before the brackets count, so
// "(PDF)" after an unrelated phrase teaches nothing.
import { terms } from './bm25.ts';
import { isStopword } from '../text/stopwords.ts';

export interface Abbreviations {
  /** Abbreviation term → the long form's terms. */
  expand: Map<string, string[]>;
}

const DEFINITION = /((?:[A-Za-z][\w'’-]*[\s-]+){1,10})\(([A-Z][A-Za-z]{1,9})s?\)/g;

/** The long form ending just before the brackets whose initials spell `abbr`, or null. */
export function longFormFor(abbr: string, before: string): string[] | null {
  const letters = abbr.toLowerCase().replace(/s$/, '');
  const words = before.trim().split(/[\s-]+/);
  // Walk back over the words, matching the abbreviation's letters from its end; small words
  // ("of", "and", "the") may sit inside the long form without a letter of their own.
  let li = letters.length - 1;
  let start = words.length;
  for (let wi = words.length - 1; wi >= 0 && li >= 0; wi--) {
    const w = words[wi].toLowerCase();
    if (w[0] === letters[li]) {
      li--;
      start = wi;
    } else if (!isStopword(w) || start === words.length) return null;
  }
  if (li >= 0) return null;
  const long = terms(words.slice(start).join(' '));
  return long.length >= 2 ? long : null;
}

/**
 * Every consistent definition in the texts. Dropped: an abbreviation defined two ways, and one
 * the texts also write in lower case as a word of its own ("SAFE" beside "safe"), whose other
 * form would be added to every question using the word.
 */
export function mineAbbreviations(texts: string[]): Abbreviations {
  const found = new Map<string, string[] | null>();
  const lowerWords = new Set<string>();
  for (const text of texts) for (const w of text.match(/\b[a-z]+\b/g) ?? []) lowerWords.add(w);
  for (const text of texts) {
    for (const m of text.matchAll(DEFINITION)) {
      if (lowerWords.has(m[2].toLowerCase()) || lowerWords.has(m[2].toLowerCase().replace(/s$/, ''))) continue;
      const long = longFormFor(m[2], m[1]);
      if (!long) continue;
      const key = terms(m[2])[0];
      if (!key || long.includes(key)) continue;
      const known = found.get(key);
      if (known === undefined) found.set(key, long);
      else if (known && known.join(' ') !== long.join(' ')) found.set(key, null);
    }
  }
  const expand = new Map<string, string[]>();
  for (const [k, v] of found) if (v) expand.set(k, v);
  return { expand };
}
