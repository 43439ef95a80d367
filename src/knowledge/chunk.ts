// Splits articles into passages: the unit retrieval scores and the composer quotes.
// Passages follow paragraph boundaries and stay under a word budget, so a citation points at
// a readable piece of text and a long page does not drown its best paragraph.
import type { Article } from '../engine/types.ts';

export interface Passage {
  /** `${articleId}#${index}` */
  id: string;
  articleId: string;
  index: number;
  title: string;
  text: string;
  sentences: string[];
}

export interface ChunkOptions {
  maxWords: number;
}

export const DEFAULT_CHUNK: ChunkOptions = { maxWords: 120 };

const SENTENCE_END = /(?<=[.!?;:])\s+(?=["“(\[]?[A-Z0-9])/;

/** Sentences of a block of text; list items and short lines stay whole. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.split(SENTENCE_END))
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

export function chunkArticle(article: Article, opts: ChunkOptions = DEFAULT_CHUNK): Passage[] {
  const sentences = splitSentences(article.body);
  const groups: string[][] = [];
  let current: string[] = [];
  let words = 0;
  for (const s of sentences) {
    const n = wordCount(s);
    if (current.length > 0 && words + n > opts.maxWords) {
      groups.push(current);
      current = [];
      words = 0;
    }
    current.push(s);
    words += n;
  }
  if (current.length > 0) groups.push(current);
  if (groups.length === 0) groups.push([article.title]);
  return groups.map((g, index) => ({
    id: `${article.id}#${index}`,
    articleId: article.id,
    index,
    title: article.title,
    text: g.join(' '),
    sentences: g,
  }));
}

export function chunkArticles(articles: Article[], opts: ChunkOptions = DEFAULT_CHUNK): Passage[] {
  return articles.flatMap((a) => chunkArticle(a, opts));
}
