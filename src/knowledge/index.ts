// Knowledge ingestion: files and folders of any supported format -> Article[], with per-file
// errors (path + why) while everything else still loads.
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { parseJsonl } from './jsonl.ts';
import { parseHtmlPage } from './html.ts';
import { parseFrontMatter, markdownTitle } from './markdown.ts';
import { isZendeskExport, parseZendesk } from './zendesk.ts';
import { checkArticle, type KnowledgeLoadResult } from './validate.ts';

export type { KnowledgeLoadResult, LoadError } from './validate.ts';
export { chunkArticles, chunkArticle, splitSentences, type Passage } from './chunk.ts';

const slug = (path: string) =>
  basename(path, extname(path))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function asList(v: string | string[] | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v : [v];
}

/** Parses one file's text by its extension. */
export function parseKnowledgeText(text: string, path: string): KnowledgeLoadResult {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return parseJsonl(text, path);
  if (ext === '.json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { articles: [], errors: [{ path, why: `invalid JSON: ${(e as Error).message}` }] };
    }
    if (isZendeskExport(value)) return parseZendesk(value, path);
    const list = Array.isArray(value) ? value : [value];
    const out: KnowledgeLoadResult = { articles: [], errors: [] };
    list.forEach((v, i) => {
      const { article, why } = checkArticle(v);
      if (article) out.articles.push(article);
      else out.errors.push({ path: `${path}[${i}]`, why: why! });
    });
    return out;
  }
  if (ext === '.md' || ext === '.markdown') {
    const fm = parseFrontMatter(text);
    const d = fm.data;
    const { article, why } = checkArticle({
      id: typeof d.id === 'string' ? d.id : slug(path),
      title: markdownTitle(fm) ?? undefined,
      body: fm.body.trim() || undefined,
      url: typeof d.url === 'string' ? d.url : undefined,
      locale: typeof d.locale === 'string' ? d.locale : undefined,
      tags: asList(d.tags),
      examples: asList(d.examples),
    });
    return article ? { articles: [article], errors: [] } : { articles: [], errors: [{ path, why: why! }] };
  }
  if (ext === '.html' || ext === '.htm') {
    const page = parseHtmlPage(text);
    const { article, why } = checkArticle({
      id: slug(path),
      title: page.title ?? undefined,
      body: page.body || undefined,
      locale: page.locale,
    });
    return article ? { articles: [article], errors: [] } : { articles: [], errors: [{ path, why: why! }] };
  }
  return { articles: [], errors: [{ path, why: `unsupported file type "${ext || '(none)'}"` }] };
}

export async function parseKnowledgeFile(path: string): Promise<KnowledgeLoadResult> {
  try {
    return parseKnowledgeText(await readFile(path, 'utf8'), path);
  } catch (e) {
    return { articles: [], errors: [{ path, why: (e as Error).message }] };
  }
}

const SUPPORTED = new Set(['.jsonl', '.ndjson', '.json', '.md', '.markdown', '.html', '.htm']);

/** Every supported file under a folder (recursively); duplicate ids are reported, first wins. */
export async function parseKnowledgeFolder(dir: string): Promise<KnowledgeLoadResult> {
  const out: KnowledgeLoadResult = { articles: [], errors: [] };
  const files: string[] = [];
  const walk = async (d: string) => {
    for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (SUPPORTED.has(extname(e.name).toLowerCase())) files.push(p);
    }
  };
  await walk(dir);
  const seen = new Set<string>();
  for (const f of files) {
    const r = await parseKnowledgeFile(f);
    out.errors.push(...r.errors.map((e) => ({ ...e, path: relative(dir, e.path) || e.path })));
    for (const a of r.articles) {
      if (seen.has(a.id)) out.errors.push({ path: relative(dir, f), why: `duplicate article id "${a.id}"` });
      else {
        seen.add(a.id);
        out.articles.push(a);
      }
    }
  }
  return out;
}

/** A file or a folder. */
export async function loadKnowledge(path: string): Promise<KnowledgeLoadResult> {
  return (await stat(path)).isDirectory() ? parseKnowledgeFolder(path) : parseKnowledgeFile(path);
}
