import { useRef, useState } from 'react';
import { ApiError, post, postText, query } from '../../api.ts';
import { ADMIN } from '../../endpoints.ts';
import { safeHref } from '../../format.ts';
import { Field, FormError, useAction } from '../../forms.tsx';
import { Value } from '../../components/Value.tsx';
import { AdminTable, Pager, usePagedList, type Column } from './list.tsx';

interface ArticleInfo {
  id: string;
  title: string;
  url: string | null;
  locale: string | null;
  tags: string[];
  examples: number;
  body_chars: number;
  version: number;
  updated_at: string;
}

const PAGE = 20;

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .slice(0, 80) || 'article';

/**
 * A Markdown file as articles: each top-level "# Heading" starts one (the file is one article
 * when it has none). Ids come from the file name and the heading, so uploading the file again
 * updates the same articles.
 */
export function markdownArticles(fileName: string, text: string): { id: string; title: string; body: string }[] {
  const base = slug(fileName.replace(/\.(md|markdown|txt)$/i, ''));
  const sections: { title: string; lines: string[] }[] = [];
  let current: { title: string; lines: string[] } | null = null;
  for (const line of text.replace(/^---\n[\s\S]*?\n---\n/, '').split(/\r?\n/)) {
    const h = /^#\s+(.+?)\s*#*\s*$/.exec(line);
    if (h) {
      current = { title: h[1]!, lines: [] };
      sections.push(current);
    } else if (current) current.lines.push(line);
    else if (line.trim()) {
      current = { title: fileName.replace(/\.[^.]+$/, ''), lines: [line] };
      sections.push(current);
    }
  }
  const many = sections.length > 1;
  return sections
    .map((s) => ({ id: many ? `${base}-${slug(s.title)}` : base, title: s.title, body: s.lines.join('\n').trim() || s.title }))
    .filter((a) => a.title.trim());
}

/** Knowledge: the article list (paged), uploads of JSONL, JSON or Markdown, and re-indexing. */
export function KnowledgePage() {
  const list = usePagedList<ArticleInfo>(ADMIN.knowledge, 'articles', PAGE);
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Knowledge</h1>
      <p className="muted">
        Articles the bot answers from and cites. Upload a file to add or update articles (matched by id); the bot rebuilds its index from
        the new knowledge.
      </p>
      <Upload onUploaded={list.reload} />
      <h2>Articles</h2>
      <FormError action={list.action} />
      {list.items === null && !list.action.error && <p role="status">Loading…</p>}
      {list.items && (
        <AdminTable
          label="Knowledge articles"
          columns={ARTICLE_COLUMNS}
          rows={list.items}
          empty={<p className="muted">No articles yet.</p>}
        />
      )}
      <Pager list={list} label="Article pages" />
    </section>
  );
}

const ARTICLE_COLUMNS: Column<ArticleInfo>[] = [
  {
    header: 'Title',
    cell: (a) => {
      const link = safeHref(a.url);
      return link ? (
        <a href={link} target="_blank" rel="noopener noreferrer">
          {a.title}
        </a>
      ) : (
        a.title
      );
    },
  },
  { header: 'Id', cell: (a) => <code>{a.id}</code> },
  { header: 'Locale', cell: (a) => a.locale ?? '—' },
  { header: 'Tags', cell: (a) => a.tags.join(', ') || '—' },
  { header: 'Size', cell: (a) => `${a.body_chars.toLocaleString()} chars` },
  { header: 'Version', cell: (a) => a.version },
  { header: 'Updated', cell: (a) => new Date(a.updated_at).toLocaleString() },
];

function Upload({ onUploaded }: { onUploaded: () => void }) {
  const fileRef = useRef<HTMLInputElement | null>(null);
  const [prune, setPrune] = useState(false);
  const [summary, setSummary] = useState<unknown>(null);
  const act = useAction();
  const submit = () =>
    void act.run(async () => {
      setSummary(null);
      const file = fileRef.current?.files?.[0];
      if (!file)
        throw new ApiError(0, 'invalid_request', 'file: choose a JSONL, JSON or Markdown file first', [
          { path: 'file', message: 'choose a JSONL, JSON or Markdown file first' },
        ]);
      const text = await file.text();
      const path = `${ADMIN.knowledge}${query({ prune: prune ? 'true' : undefined })}`;
      let res: { summary: unknown };
      if (/\.(md|markdown|txt)$/i.test(file.name)) {
        const articles = markdownArticles(file.name, text);
        res = await post(path, { articles });
      } else if (/\.json$/i.test(file.name)) {
        let data: unknown;
        try {
          data = JSON.parse(text);
        } catch {
          throw new ApiError(0, 'invalid_request', 'file: this .json file is not valid JSON', [
            { path: 'file', message: 'not valid JSON' },
          ]);
        }
        res = await post(path, Array.isArray(data) ? { articles: data } : data);
      } else {
        res = await postText(path, 'application/x-ndjson', text);
      }
      setSummary(res.summary);
      if (fileRef.current) fileRef.current.value = '';
      onUploaded();
    });
  const problems =
    act.error instanceof ApiError && Array.isArray(act.error.details)
      ? (act.error.details as { line?: number; path?: string; message?: string }[]).filter((p) => p && p.line)
      : [];
  return (
    <form
      className="admin-form"
      aria-label="Upload knowledge"
      onSubmit={(ev) => {
        ev.preventDefault();
        submit();
      }}
    >
      <h2>Upload</h2>
      <Field
        label="Knowledge file"
        hint={
          <>
            JSONL (one article per line: <code>{'{"id", "title", "body", "url"?, "locale"?, "tags"?}'}</code>), JSON{' '}
            <code>{'{"articles": [...]}'}</code>, or Markdown (each <code># Heading</code> becomes an article).
          </>
        }
        error={act.errs.file}
      >
        <input ref={fileRef} type="file" accept=".jsonl,.ndjson,.json,.md,.markdown,.txt" />
      </Field>
      <label className="check">
        <input type="checkbox" checked={prune} onChange={(e) => setPrune(e.target.checked)} /> Delete articles that are not in this file
      </label>
      {act.error != null && !act.errs.file && (
        <div role="alert" className="error">
          <p>{act.error instanceof Error ? act.error.message : String(act.error)}</p>
          {problems.length > 1 && (
            <ul className="small">
              {problems.slice(0, 10).map((p, i) => (
                <li key={i}>
                  Line {p.line}
                  {p.path ? ` (${p.path})` : ''}: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="action-row">
        <button type="submit" className="primary" disabled={act.busy}>
          {act.busy ? 'Uploading…' : 'Upload'}
        </button>
      </div>
      {summary != null && (
        <div role="status" className="ok">
          <p>Upload done.</p>
          <Value v={summary} />
        </div>
      )}
    </form>
  );
}
