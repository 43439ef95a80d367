import { useEffect } from 'react';
import { ADMIN } from '../../../endpoints.ts';
import { useResource } from '../../../hooks.ts';
import type { KnowledgeWarning } from '../../../types.ts';

// What in the workspace's knowledge works against the bot though every file was valid: example
// questions listed by more than one article. Shown on the Knowledge page whenever there are any,
// read again after every upload and delete (`version`).

/** Rows a long list shows before "…and N more". */
export const SHOWN = 200;

export function KnowledgeWarnings({ version }: { version: number }) {
  const [res, reload] = useResource<{ warnings: KnowledgeWarning[] }>(ADMIN.knowledgeWarnings);
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  if (res.state !== 'ready' || res.data.warnings.length === 0) return null;
  const { warnings } = res.data;
  return (
    <div className="upload-warnings" role="region" aria-label="Knowledge warnings">
      <p>
        <strong>
          {warnings.length === 1 ? '1 example question is' : `${warnings.length} example questions are`} listed by more than one article.
        </strong>{' '}
        The bot learns which article a question is about from its examples, so it splits these questions between the articles and may hand
        them off. Keep each on the one article that answers it.
      </p>
      <div className="table-wrap">
        <table aria-label="Example questions of more than one article">
          <thead>
            <tr>
              <th scope="col">Example question</th>
              <th scope="col">Articles</th>
            </tr>
          </thead>
          <tbody>
            {warnings.slice(0, SHOWN).map((w, i) => (
              <tr key={i}>
                <td>{w.question}</td>
                <td>{w.articles.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <MoreThanShown count={warnings.length} />
    </div>
  );
}

/** A long list is cut at SHOWN rows: how many more there are. */
export function MoreThanShown({ count }: { count: number }) {
  if (count <= SHOWN) return null;
  return (
    <p className="small">
      …and {count - SHOWN} more (the first {SHOWN} are shown).
    </p>
  );
}
