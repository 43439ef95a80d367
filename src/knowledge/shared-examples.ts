// Example questions that belong to more than one article. The bot learns which article a
// question is about from these examples; a question listed under two articles ("where is my
// order" under both "Where is my order?" and "Track your order") teaches it that the question
// is about both, so it splits such questions between them and hands off questions it would
// answer from either (the demo did, docs/engine.md "The demo as served"). Nothing is wrong with
// the file, so this is a warning for whoever keeps the knowledge, not a refusal.
import type { Article } from '../engine/types.ts';

export interface SharedExample {
  /** The question as the first article (by id) writes it. */
  question: string;
  /** The articles listing it, by id. */
  articles: string[];
}

/** An example question as compared: case, punctuation and spacing aside ("Where is my order?" = "where is my order"). */
export const exampleKey = (q: string): string =>
  q
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Every example question listed by two articles or more, in the order first met (articles by id). */
export function sharedExamples(articles: readonly Article[]): SharedExample[] {
  const byKey = new Map<string, SharedExample>();
  for (const a of [...articles].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)))
    for (const q of a.examples ?? []) {
      const key = exampleKey(q);
      if (!key) continue;
      const seen = byKey.get(key) ?? byKey.set(key, { question: q, articles: [] }).get(key)!;
      if (!seen.articles.includes(a.id)) seen.articles.push(a.id);
    }
  return [...byKey.values()].filter((s) => s.articles.length > 1);
}

/** The warning a person reads for one shared question. */
export function sharedExampleMessage(s: SharedExample): string {
  return `“${s.question}” is an example question of ${s.articles.length} articles (${s.articles.join(', ')}): the bot splits such questions between them and may hand them off; keep it on one article.`;
}
