// What the admin API's knowledge upload carries, read into articles by the same parsers as
// `baton ingest`: files as they are on disk (`{files: [{name, text}]}`, what the Knowledge page
// sends), a JSONL body, or `{articles: [...]}` (read as a .json file would be).
import { parseKnowledgeFiles } from './index.ts';
import type { KnowledgeLoadResult, LoadError } from './validate.ts';

export type KnowledgeUpload = string | { articles: unknown[] } | { files: { name: string; text: string }[] };

export function readKnowledgeUpload(upload: KnowledgeUpload): KnowledgeLoadResult {
  if (typeof upload === 'string') return parseKnowledgeFiles([{ path: 'upload.jsonl', text: upload }]);
  if ('files' in upload) return parseKnowledgeFiles(upload.files.map((f) => ({ path: f.name, text: f.text })));
  return parseKnowledgeFiles([{ path: 'articles.json', text: JSON.stringify(upload.articles) }]);
}

/** One problem as the API reports it: `{file, line?, article?, message}` (article: 1-based place in a JSON list). */
export interface UploadProblem {
  file: string;
  line?: number;
  article?: number;
  message: string;
}

export function uploadProblem(e: LoadError): UploadProblem {
  const item = /^(.*)\[(\d+)\]$/.exec(e.path);
  return {
    file: item ? item[1]! : e.path,
    ...(e.line !== undefined ? { line: e.line } : {}),
    ...(item ? { article: Number(item[2]) + 1 } : {}),
    message: e.why,
  };
}
