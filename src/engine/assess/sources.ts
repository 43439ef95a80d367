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

/** What the customer sees of an article's source: its title and its link. */
export function sourceKey(article: Article): string {
  return `${article.title.trim().toLowerCase().replace(/\s+/g, ' ')}\n${article.url?.trim() ?? ''}`;
}

/**
 * One entry per source, best first. Candidates must come best first (as the assessor sorts
 * them); a source of one candidate keeps that candidate's confidence unchanged.
 */
export function pooledBySource<T extends { article: Article; confidence: number }>(candidates: T[]): Source<T>[] {
  const bySource = new Map<string, Source<T>>();
  for (const c of candidates) {
    const key = sourceKey(c.article);
    const s = bySource.get(key);
    if (!s) bySource.set(key, { best: c, confidence: c.confidence, members: [c] });
    else {
      s.confidence = 1 - (1 - s.confidence) * (1 - c.confidence);
      s.members.push(c);
    }
  }
  return [...bySource.values()].sort((a, b) => b.confidence - a.confidence);
}
