// JSON Lines knowledge: one article a line. A bad line is reported and skipped.
import { checkArticle, type KnowledgeLoadResult } from './validate.ts';

export function parseJsonl(text: string, path: string): KnowledgeLoadResult {
  const out: KnowledgeLoadResult = { articles: [], errors: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      out.errors.push({ path, line: i + 1, why: `invalid JSON: ${(e as Error).message}` });
      return;
    }
    const { article, why } = checkArticle(value);
    if (article) out.articles.push(article);
    else out.errors.push({ path, line: i + 1, why: why! });
  });
  return out;
}
