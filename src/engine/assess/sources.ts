// Candidates pooled by source: knowledge often arrives pre-chunked (a crawled help centre, a
// RAG corpus), so one page becomes several articles with the same title and link. To the
// customer those are one source, not alternatives: their passages are corroborating evidence
// that the page answers, and a clarifying question must never offer "X or X". Sections of a
// page with titles of their own stay apart: the customer can tell them apart and choose.
import type { Article } from '../types.ts';

export interface Source<T extends { article: Article; confidence: number }> {
  /** The source's best article (the one composed and cited). */
  best: T;
  /** Chance that at least one of the source's passages answers (noisy-or over its candidates). */
  confidence: number;
  /** Every candidate of the source, best first. */
  members: T[];
}

const titleKey = (article: Article) => article.title.trim().toLowerCase().replace(/\s+/g, ' ');

/** Whether two articles read the same to a customer choosing between them. */
export const sameTitle = (a: Article, b: Article) => titleKey(a) === titleKey(b);

/** What the customer sees of an article's source: its title and its link. */
export function sourceKey(article: Article): string {
  return `${titleKey(article)}\n${article.url?.trim() ?? ''}`;
}

/**
 * A title (and link) held by more than this share of the knowledge's articles, and by at least
 * LABEL_MIN of them, names a collection, not a page: "FAQ", the product's name, a corpus whose
 * every passage was given one title. Pooled, its unrelated articles read as one page that answers
 * anything (a constant title on docs-govt's 435 passages: "Why Mars?" 0.94 from five weak
 * passages, held-out precision 0.829 → 0.732). The largest page of docs-govt holds 29 of 435
 * articles (7%); a page is a small part of a help centre.
 */
export const LABEL_SHARE = 0.25;
export const LABEL_MIN = 4;

/** The source of each article of a knowledge set: its page, or the article alone when its title is a collection's label. */
export function sourcesOf(articles: readonly Article[]): (article: Article) => string {
  const count = new Map<string, number>();
  for (const key of articles.map(sourceKey)) count.set(key, (count.get(key) ?? 0) + 1);
  const labels = new Set([...count].filter(([, n]) => n >= LABEL_MIN && n > LABEL_SHARE * articles.length).map(([k]) => k));
  if (labels.size === 0) return sourceKey;
  return (article) => {
    const key = sourceKey(article);
    return labels.has(key) ? `${key}\n#${article.id}` : key;
  };
}

/**
 * One entry per source, best first. Candidates must come best first (as the assessor sorts
 * them); a source of one candidate keeps that candidate's confidence unchanged.
 */
export function pooledBySource<T extends { article: Article; confidence: number }>(
  candidates: T[],
  sourceOf: (article: Article) => string = sourceKey,
): Source<T>[] {
  const bySource = new Map<string, Source<T>>();
  for (const c of candidates) {
    const key = sourceOf(c.article);
    const s = bySource.get(key);
    if (!s) bySource.set(key, { best: c, confidence: c.confidence, members: [c] });
    else {
      s.confidence = 1 - (1 - s.confidence) * (1 - c.confidence);
      s.members.push(c);
    }
  }
  return [...bySource.values()].sort((a, b) => b.confidence - a.confidence);
}
