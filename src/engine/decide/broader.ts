// A message that names several articles without saying which: "can I change my order" is worded
// entirely in the words of "Change an order's payment method", "Change the items of an order" and
// "Change the delivery address", and no one of them is sure. Asking which beats handing off a
// question the knowledge answers three ways.
import type { Article } from '../types.ts';
import { terms } from '../retrieve/bm25.ts';

const articleTerms = new WeakMap<Article, Set<string>>();

/** The article's own words: its title's and its example questions' content terms. */
function ownTerms(a: Article): Set<string> {
  let t = articleTerms.get(a);
  if (!t) articleTerms.set(a, (t = new Set([a.title, ...(a.examples ?? [])].flatMap(terms))));
  return t;
}

/**
 * Options worth asking about: candidates (best first, at most `max`) at least `share` as sure as
 * the best, every content word of the message one of their own. Two words at least: one word
 * ("order") is a topic, not a request, and is asked about as an announced need.
 */
export function broaderThan(message: string, candidates: { article: Article; confidence: number }[], max = 3, share = 0.25): Article[] {
  const words = [...new Set(terms(message))];
  const top = candidates[0]?.confidence ?? 0;
  if (words.length < 2 || top <= 0) return [];
  return candidates
    .slice(0, max)
    .filter((c) => c.confidence >= share * top && words.every((w) => ownTerms(c.article).has(w)))
    .map((c) => c.article);
}
