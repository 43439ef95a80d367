import { useEffect, useRef, useState } from 'react';
import { del, get } from '../../../api.ts';
import { ADMIN } from '../../../endpoints.ts';
import { safeHref } from '../../../format.ts';
import { ConfirmButton, FormError, useAction } from '../../../forms.tsx';
import type { ArticleDetail } from '../../../types.ts';

// One article as the bot sees it: its fields, its body, and the passages retrieval scores and
// answers cite (cut by the server's chunker, so what is shown is what is searched).

export const articlePath = (id: string) => `${ADMIN.knowledge}/${encodeURIComponent(id)}`;

export function ArticleView({ id, onClose, onDeleted }: { id: string; onClose: () => void; onDeleted: (title: string) => void }) {
  const [article, setArticle] = useState<ArticleDetail | null>(null);
  const act = useAction();
  const heading = useRef<HTMLHeadingElement | null>(null);
  useEffect(() => {
    setArticle(null);
    void act.run(async () => setArticle((await get<{ article: ArticleDetail }>(articlePath(id))).article));
  }, [id]);
  useEffect(() => heading.current?.focus(), [article?.id]);
  const link = safeHref(article?.url ?? null);
  return (
    <section className="card article-view" aria-labelledby="article-title">
      <div className="card-head">
        <h2 id="article-title" ref={heading} tabIndex={-1}>
          {article?.title ?? 'Article'}
        </h2>
        <div className="action-row">
          {article && (
            <ConfirmButton
              label="Delete"
              what={article.title}
              disabled={act.busy}
              onConfirm={() =>
                void act.run(async () => {
                  await del(articlePath(article.id));
                  onDeleted(article.title);
                })
              }
            />
          )}
          <button type="button" onClick={onClose}>
            Close<span className="sr-only"> article</span>
          </button>
        </div>
      </div>
      <FormError action={act} />
      {!article && !act.error && <p role="status">Loading…</p>}
      {article && (
        <>
          <dl className="kv">
            <div>
              <dt>Id</dt>
              <dd>
                <code>{article.id}</code>
              </dd>
            </div>
            <div>
              <dt>Link</dt>
              <dd>
                {link ? (
                  <a href={link} target="_blank" rel="noopener noreferrer">
                    {article.url}
                  </a>
                ) : (
                  '—'
                )}
              </dd>
            </div>
            <div>
              <dt>Language</dt>
              <dd>{article.locale ?? '—'}</dd>
            </div>
            <div>
              <dt>Tags</dt>
              <dd>{article.tags.join(', ') || '—'}</dd>
            </div>
            <div>
              <dt>Version</dt>
              <dd>
                {article.version}, updated {new Date(article.updated_at).toLocaleString()}
              </dd>
            </div>
          </dl>
          {article.examples.length > 0 && (
            <>
              <h3>Example questions ({article.examples.length})</h3>
              <ul className="small">
                {article.examples.map((q, i) => (
                  <li key={i}>{q}</li>
                ))}
              </ul>
            </>
          )}
          <h3>Passages ({article.passages.length})</h3>
          <p className="muted small">What the bot searches and quotes in its answers: each heading starts a new passage.</p>
          <ol className="passages">
            {article.passages.map((p) => (
              <li key={p.index}>
                {p.heading && <strong>{p.heading}</strong>}
                <p className="passage-text">{p.text}</p>
              </li>
            ))}
          </ol>
          <details>
            <summary>Body as uploaded ({article.body.length.toLocaleString()} characters)</summary>
            <pre className="pre wrap">{article.body}</pre>
          </details>
        </>
      )}
    </section>
  );
}
