import { useState } from 'react';
import { href, navigate, onLinkClick, usePath } from '../../router.ts';
import { del } from '../../api.ts';
import { ADMIN } from '../../endpoints.ts';
import { ConfirmButton, FormError } from '../../forms.tsx';
import { Notice } from './common.tsx';
import { ArticleView, articlePath } from './knowledge/ArticleView.tsx';
import { UploadForm } from './knowledge/UploadForm.tsx';
import { KnowledgeWarnings } from './knowledge/Warnings.tsx';
import type { AdminArticle } from '../../types.ts';
import { AdminTable, Pager, usePagedList, type Column } from './list.tsx';

type ArticleInfo = AdminArticle;

const PAGE = 20;
const KNOWLEDGE = '/admin/knowledge';

/** The article id in /admin/knowledge/<id>, if any. */
function openArticle(path: string): string | null {
  const rest = path.startsWith(`${KNOWLEDGE}/`) ? path.slice(KNOWLEDGE.length + 1) : '';
  try {
    return rest ? decodeURIComponent(rest) : null;
  } catch {
    return null;
  }
}

/** Knowledge: uploads (all or nothing, every problem listed), the article list (paged), one article's view, deletes. */
export function KnowledgePage() {
  const list = usePagedList<ArticleInfo>(ADMIN.knowledge, 'articles', PAGE);
  // The open article is in the URL (/admin/knowledge/<id>), so a link to it can be shared.
  const open = openArticle(usePath());
  const [notice, setNotice] = useState('');
  // Bumped after every change, so the warnings are read again.
  const [version, setVersion] = useState(0);
  const deleted = (title: string) => {
    if (open) navigate(KNOWLEDGE, true);
    setNotice(`Deleted “${title}”. The bot no longer answers from it.`);
    setVersion((v) => v + 1);
    list.reload();
  };
  const columns: Column<ArticleInfo>[] = [
    {
      header: 'Title',
      cell: (a) => {
        const to = `${KNOWLEDGE}/${encodeURIComponent(a.id)}`;
        return (
          <a href={href(to)} onClick={onLinkClick(to)} aria-current={open === a.id ? 'page' : undefined}>
            {a.title}
          </a>
        );
      },
    },
    { header: 'Id', cell: (a) => <code>{a.id}</code> },
    { header: 'Language', cell: (a) => a.locale ?? '—' },
    { header: 'Tags', cell: (a) => a.tags.join(', ') || '—' },
    { header: 'Size', cell: (a) => `${a.body_chars.toLocaleString()} chars` },
    { header: 'Version', cell: (a) => a.version },
    { header: 'Updated', cell: (a) => new Date(a.updated_at).toLocaleDateString() },
  ];
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Knowledge</h1>
      <p className="muted">
        Articles the bot answers from and cites. Upload files to add or update articles (matched by id); every upload and every delete
        rebuilds the bot&apos;s index, on every server.
      </p>
      <UploadForm
        onUploaded={() => {
          setNotice('');
          setVersion((v) => v + 1);
          list.reload();
        }}
      />
      <KnowledgeWarnings version={version} />
      <h2>Articles</h2>
      {notice && <Notice text={notice} />}
      {open && <ArticleView key={open} id={open} onClose={() => navigate(KNOWLEDGE)} onDeleted={deleted} />}
      <FormError action={list.action} />
      {list.items === null && !list.action.error && <p role="status">Loading…</p>}
      {list.items && (
        <AdminTable
          label="Knowledge articles"
          columns={columns}
          rows={list.items}
          empty={<p className="muted">No articles yet: upload a file above.</p>}
          actions={(a) => (
            <ConfirmButton
              label="Delete"
              what={a.title}
              onConfirm={() =>
                void list.action.run(async () => {
                  await del(articlePath(a.id));
                  deleted(a.title);
                })
              }
            />
          )}
        />
      )}
      <Pager list={list} label="Article pages" />
    </section>
  );
}
