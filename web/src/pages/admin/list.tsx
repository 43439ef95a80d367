import { useEffect, useState, type ReactNode, type SelectHTMLAttributes } from 'react';
import { get, query } from '../../api.ts';
import { useAction, type Action } from '../../forms.tsx';

// What the admin lists share: a cursor-paged list from the API (shown page by page, or grown
// with "Load more"), and the table every list draws.

export interface PagedList<T> {
  /** Null until the first page arrives. */
  items: T[] | null;
  next: string | null;
  /** 1 for the first page (page-by-page lists). */
  page: number;
  /** Loads and deletes on the list: its busy flag and error (shown with FormError). */
  action: Action;
  /** Back to the first page, e.g. after a change. */
  reload: () => void;
  /** Appends the next page under the items shown. */
  more: () => void;
  /** Shows another page in place of this one. */
  go: (to: 'next' | 'prev') => void;
}

/** A list the API pages with `limit` and `next_cursor`, its items under `key` (e.g. "agents"). */
export function usePagedList<T>(path: string, key: string, limit = 50): PagedList<T> {
  const action = useAction();
  const [items, setItems] = useState<T[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  // The cursor of each page shown so far: the last is this page's, so "prev" can go back.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);

  const fetchPage = (cursor: string | undefined, append: boolean) =>
    void action.run(async () => {
      const res = await get<Record<string, unknown> & { next_cursor: string | null }>(`${path}${query({ limit, cursor })}`);
      const page = res[key] as T[];
      setItems((prev) => (append && prev ? [...prev, ...page] : page));
      setNext(res.next_cursor);
    });
  useEffect(() => fetchPage(undefined, false), [path]);

  return {
    items,
    next,
    page: cursors.length,
    action,
    reload: () => {
      setCursors([undefined]);
      fetchPage(undefined, false);
    },
    more: () => {
      if (next) fetchPage(next, true);
    },
    go: (to) => {
      const stack = to === 'next' ? [...cursors, next ?? undefined] : cursors.slice(0, -1);
      setCursors(stack);
      fetchPage(stack.at(-1), false);
    },
  };
}

/** Which row is being edited ('new': the add form), and what the last change did; `done` ends an edit and refreshes. */
export function useEdits(refresh: () => void) {
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const done = (text: string) => {
    setEditing(null);
    setNotice(text);
    refresh();
  };
  return { editing, setEditing, notice, done };
}

/** "Load more …" under a list, while the API has more. */
export function LoadMore({ list, label }: { list: PagedList<unknown>; label: string }) {
  if (!list.next) return null;
  return (
    <button type="button" disabled={list.action.busy} onClick={list.more}>
      {label}
    </button>
  );
}

/** Previous / page number / next, for a list shown page by page. */
export function Pager({ list, label }: { list: PagedList<unknown>; label: string }) {
  return (
    <nav className="action-row" aria-label={label}>
      <button type="button" disabled={list.page <= 1 || list.action.busy} onClick={() => list.go('prev')}>
        Previous page
      </button>
      <span className="muted small">Page {list.page}</span>
      <button type="button" disabled={!list.next || list.action.busy} onClick={() => list.go('next')}>
        Next page
      </button>
    </nav>
  );
}

/** A choice of one team or agent (by id), or none: `none` labels the empty choice. Inside a Field, which labels it. */
export function NamedSelect({
  none,
  options,
  value,
  onChange,
  ...rest
}: { none: string; options: { id: string; name: string }[]; value: string; onChange: (id: string) => void } & Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  'value' | 'onChange'
>) {
  return (
    <select {...rest} value={value} onChange={(ev) => onChange(ev.target.value)}>
      <option value="">{none}</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
}

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/**
 * An admin list as a table: a column per field, an unlabelled actions column when rows have
 * actions, and in place of a row its editor while it is being edited. `empty` is shown instead
 * of a table without rows.
 */
export function AdminTable<T extends { id: string }>(props: {
  label?: string;
  columns: Column<T>[];
  rows: T[];
  actions?: (row: T) => ReactNode;
  editor?: (row: T) => ReactNode;
  empty?: ReactNode;
}) {
  const { label, columns, rows, actions, editor, empty } = props;
  if (rows.length === 0 && empty) return <>{empty}</>;
  const span = columns.length + (actions ? 1 : 0);
  return (
    <div className="table-wrap">
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.header}>
                {c.header}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const editing = editor?.(row);
            return editing ? (
              <tr key={row.id}>
                <td colSpan={span}>{editing}</td>
              </tr>
            ) : (
              <tr key={row.id}>
                {columns.map((c) => (
                  <td key={c.header}>{c.cell(row)}</td>
                ))}
                {actions && <td>{actions(row)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
