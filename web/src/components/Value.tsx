import { humanize } from '../format.ts';
import { Redactable } from './Reveal.tsx';

/** Renders any JSON value readably: scalars as text, arrays as lists, objects as term lists. */
export function Value({ v, depth = 0 }: { v: unknown; depth?: number }) {
  if (v === null || v === undefined || v === '') return <span className="muted">—</span>;
  if (typeof v === 'boolean') return <>{v ? 'yes' : 'no'}</>;
  if (typeof v === 'number') return <>{String(v)}</>;
  if (typeof v === 'string') return <Redactable text={v} />;
  if (depth > 4) return <code>{JSON.stringify(v)}</code>;
  if (Array.isArray(v)) {
    if (v.length === 0) return <span className="muted">none</span>;
    if (v.every((x) => x === null || typeof x !== 'object')) return <>{v.map((x) => String(x)).join(', ')}</>;
    return (
      <ul className="value-list">
        {v.map((x, i) => (
          <li key={i}>
            <Value v={x} depth={depth + 1} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return <span className="muted">none</span>;
    return (
      <dl className="value-dl">
        {entries.map(([k, x]) => (
          <div key={k}>
            <dt>{humanize(k)}</dt>
            <dd>
              <Value v={x} depth={depth + 1} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <>{String(v)}</>;
}
