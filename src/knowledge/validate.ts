// The article contract (shared/contracts/eval.md), checked with zod at the ingestion boundary.
import { z } from 'zod';
import type { Article } from '../engine/types.ts';

export const ArticleSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  body: z.string().min(1),
  url: z.string().optional(),
  locale: z.string().optional(),
  tags: z.array(z.string()).optional(),
  examples: z.array(z.string()).optional(),
});

export interface LoadError {
  path: string;
  /** 1-based line for JSONL files. */
  line?: number;
  why: string;
}

export interface KnowledgeLoadResult {
  articles: Article[];
  errors: LoadError[];
}

export function checkArticle(value: unknown): { article?: Article; why?: string } {
  const r = ArticleSchema.safeParse(value);
  if (r.success) return { article: r.data };
  return { why: r.error.issues.map((i) => `${i.path.join('.') || 'article'}: ${i.message}`).join('; ') };
}
