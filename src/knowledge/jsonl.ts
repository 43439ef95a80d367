// JSON Lines knowledge: one article a line. Every bad line is reported once, with its number
// and why (a repeated id counts as bad: the first line with it wins).
import { checkArticle, type KnowledgeLoadResult } from './validate.ts';

export function parseJsonl(text: string, path: string): KnowledgeLoadResult {
  const out: KnowledgeLoadResult = { articles: [], errors: [] };
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      out.errors.push({ path, line: i + 1, why: `not valid JSON (${(e as Error).message})` });
      return;
    }
    const { article, why } = checkArticle(value);
    if (!article) out.errors.push({ path, line: i + 1, why: why! });
    else if (seen.has(article.id))
      out.errors.push({ path, line: i + 1, why: `id "${article.id}" is already used on line ${seen.get(article.id)}` });
    else {
      seen.set(article.id, i + 1);
      out.articles.push(article);
    }
  });
  return out;
}
