import { Bm25Index, queryTerms, type Bm25Doc } from '../../engine/retrieve/bm25.ts';

/**
 * The items that best match a query, best first, by the engine's BM25 (title terms count
 * double, stop words out, stemmed). Items with no query term are left out.
 */
export function rank<T>(items: T[], doc: (item: T) => Bm25Doc, query: string, limit: number): { item: T; score: number }[] {
  if (items.length === 0) return [];
  const scores = new Bm25Index(items.map(doc)).search(queryTerms([{ text: query, weight: 1 }]));
  return items
    .map((item, i) => ({ item, score: scores[i]! }))
    .filter((hit) => hit.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
