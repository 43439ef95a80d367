import { firstArray, useResource } from '../../hooks.ts';
import { humanize } from '../../format.ts';
import { Value } from '../../components/Value.tsx';
import { NotAvailable } from '../../components/NotAvailable.tsx';

/** A read view of a list resource: known columns first, whatever the server returns shown. */
export function ResourcePage(props: { title: string; intro: string; path: readonly string[]; prefer: string[]; columns: string[]; what: string }) {
  const [res, reload] = useResource<unknown>(props.path);
  const rows = res.state === 'ready' ? firstArray(res.data, ...props.prefer).filter((r): r is Record<string, unknown> => !!r && typeof r === 'object') : [];
  const present = new Set(rows.flatMap((r) => Object.keys(r)));
  let cols = props.columns.filter((c) => present.has(c));
  if (cols.length === 0) cols = [...present].filter((c) => c !== 'id').slice(0, 5);
  return (
    <section aria-labelledby="admin-title">
      <div className="card-head">
        <h1 id="admin-title">{props.title}</h1>
        {res.state === 'ready' && (
          <button type="button" className="link" onClick={reload}>
            Refresh
          </button>
        )}
      </div>
      <p className="muted">{props.intro}</p>
      {res.state === 'loading' && <p role="status">Loading…</p>}
      {res.state === 'missing' && <NotAvailable what={props.what} />}
      {res.state === 'error' && (
        <p className="error" role="alert">
          {res.message}
        </p>
      )}
      {res.state === 'ready' &&
        (rows.length === 0 ? (
          <p className="muted">Nothing yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  {cols.map((c) => (
                    <th key={c} scope="col">
                      {humanize(c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={typeof r.id === 'string' ? r.id : i}>
                    {cols.map((c) => (
                      <td key={c}>
                        <Value v={r[c]} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
