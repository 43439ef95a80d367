// Knowledge ingestion: files and folders of any supported format -> Article[], with every
// problem (path, line, why). `baton ingest`, `baton chat --kb` and the Knowledge page's upload
// all go through `parseKnowledgeFiles`, so one file gives the same articles whichever way it
// comes in; whether to store anything when there are problems is the caller's policy.
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { parseJsonl } from './jsonl.ts';
import { parseHtmlPage } from './html.ts';
import { parseFrontMatter, markdownTitle } from './markdown.ts';
import { isZendeskExport, parseZendesk } from './zendesk.ts';
import { checkArticle, type KnowledgeLoadResult } from './validate.ts';

export type { KnowledgeLoadResult, LoadError } from './validate.ts';
export { chunkArticles, chunkArticle, splitSentences, type Passage } from './chunk.ts';

/** The file kinds a knowledge file may be, by extension. */
export const KNOWLEDGE_EXTENSIONS = ['.jsonl', '.ndjson', '.json', '.md', '.markdown', '.html', '.htm'] as const;

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
      return { articles: [], errors: [{ path, why: `not valid JSON (${(e as Error).message})` }] };
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
  return {
    articles: [],
    errors: [{ path, why: `unsupported file type "${ext || '(none)'}": use ${KNOWLEDGE_EXTENSIONS.join(', ')}` }],
  };
}

export async function parseKnowledgeFile(path: string): Promise<KnowledgeLoadResult> {
  try {
    return parseKnowledgeFiles([{ path, text: await readFile(path, 'utf8') }]);
  } catch (e) {
    return { articles: [], errors: [{ path, why: (e as Error).message }] };
  }
}

const SUPPORTED = new Set<string>(KNOWLEDGE_EXTENSIONS);

/** Several files' texts, in order; an id already taken by an earlier article is reported, first wins. */
export function parseKnowledgeFiles(files: { path: string; text: string }[]): KnowledgeLoadResult {
  const out: KnowledgeLoadResult = { articles: [], errors: [] };
  const seen = new Map<string, string>();
  for (const f of files) {
    const r = parseKnowledgeText(f.text, f.path);
    out.errors.push(...r.errors);
    for (const a of r.articles) {
      const first = seen.get(a.id);
      if (first !== undefined)
        out.errors.push({ path: f.path, why: `id "${a.id}" is already used${first === f.path ? '' : ` in ${first}`}` });
      else {
        seen.set(a.id, f.path);
        out.articles.push(a);
      }
    }
  }
  return out;
}

/** Every supported file under a folder (recursively), paths relative to it. */
export async function parseKnowledgeFolder(dir: string): Promise<KnowledgeLoadResult> {
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
  const texts: { path: string; text: string }[] = [];
  const unreadable: KnowledgeLoadResult['errors'] = [];
  for (const f of files) {
    try {
      texts.push({ path: relative(dir, f) || f, text: await readFile(f, 'utf8') });
    } catch (e) {
      unreadable.push({ path: relative(dir, f) || f, why: (e as Error).message });
    }
  }
  const out = parseKnowledgeFiles(texts);
  return { articles: out.articles, errors: [...unreadable, ...out.errors] };
}

/** A file or a folder. */
export async function loadKnowledge(path: string): Promise<KnowledgeLoadResult> {
  return (await stat(path)).isDirectory() ? parseKnowledgeFolder(path) : parseKnowledgeFile(path);
}
