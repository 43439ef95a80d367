// Zendesk Help Center export: `{ "articles": [...] }` as the Help Center API returns it
// (GET /api/v2/help_center/articles.json), or a bare array of such articles.
import { htmlToText } from './html.ts';
import { checkArticle, type KnowledgeLoadResult } from './validate.ts';

interface ZendeskArticle {
  id?: number | string;
  title?: string;
  body?: string;
  html_url?: string;
  locale?: string;
  label_names?: string[];
  draft?: boolean;
}

export function isZendeskExport(value: unknown): boolean {
  const list = Array.isArray(value) ? value : (value as { articles?: unknown })?.articles;
  return Array.isArray(list) && list.length > 0 && typeof list[0] === 'object' && list[0] !== null && 'html_url' in list[0];
}

export function parseZendesk(value: unknown, path: string): KnowledgeLoadResult {
  const out: KnowledgeLoadResult = { articles: [], errors: [] };
  const list = (Array.isArray(value) ? value : (value as { articles?: unknown[] }).articles) as ZendeskArticle[];
  list.forEach((z, i) => {
    if (z.draft) return;
    const { article, why } = checkArticle({
      id: z.id !== undefined ? String(z.id) : undefined,
      title: z.title,
      body: z.body ? htmlToText(z.body) : undefined,
      url: z.html_url,
      locale: z.locale,
      tags: z.label_names,
    });
    if (article) out.articles.push(article);
    else out.errors.push({ path: `${path}[${i}]`, why: why! });
  });
  return out;
}
