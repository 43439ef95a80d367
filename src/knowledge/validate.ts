// The article contract (docs/formats.md#knowledge), checked with zod at the ingestion boundary.
// One schema for every way in (`baton ingest`, the Knowledge page, the admin API), so a file
// is accepted or refused the same way whichever door it comes through.
import { z } from 'zod';
import type { Article } from '../engine/types.ts';

// Messages a support lead can act on ("title is missing"), not zod's defaults.
const text = (max: number) =>
  z
    .string({ error: (i) => (i.input === undefined ? 'is missing' : 'must be text') })
    .trim()
    .min(1, 'is empty')
    .max(max, `is longer than ${max.toLocaleString('en')} characters`);
const texts = (max: number, most: number) =>
  z.array(text(max), { error: 'must be a list of texts' }).max(most, `has more than ${most} entries`);

// A help centre's own paths ("docs/widget.md", "/help/refunds") are fine; a scheme must be
// http(s). Whitespace and control characters are refused because browsers drop them when
// reading a scheme ("java\tscript:").
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
function isSafeLink(value: string): boolean {
  if (value === '' || /[\s\u0000-\u001f\u007f]/.test(value)) return false;
  const scheme = SCHEME.exec(value)?.[1];
  if (scheme === undefined) return true;
  if (!/^https?$/i.test(scheme)) return false;
  return URL.canParse(value);
}

export const ArticleSchema = z.object(
  {
    id: text(200),
    title: text(500),
    body: text(100_000),
    /** Shown to customers in citations: http(s) links or relative paths, never another scheme (javascript:, data:, ...). */
    url: z
      .string({ error: 'must be text' })
      .trim()
      .max(2000, 'is longer than 2,000 characters')
      .refine(isSafeLink, 'must be an http(s) link or a relative path')
      .optional(),
    locale: z
      .string({ error: 'must be text' })
      .min(2, 'must be a language code such as en or pt-BR')
      .max(10, 'must be a language code such as en or pt-BR')
      .optional(),
    tags: texts(100, 100).optional(),
    examples: texts(1000, 200).optional(),
  },
  { error: 'must be an object with id, title and body' },
);

export interface LoadError {
  /** The file (or `file[index]` for an article of a JSON array). */
  path: string;
  /** 1-based line, for JSONL files. */
  line?: number;
  why: string;
}

export interface KnowledgeLoadResult {
  articles: Article[];
  errors: LoadError[];
}

/** The article, or every problem with it in one sentence (one error per bad article). */
export function checkArticle(value: unknown): { article?: Article; why?: string } {
  const r = ArticleSchema.safeParse(value);
  if (r.success) return { article: r.data };
  return { why: r.error.issues.map((i) => `${i.path.join('.') || 'article'}: ${i.message}`).join('; ') };
}
