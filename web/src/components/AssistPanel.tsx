import { firstArray, useResource } from '../hooks.ts';
import { API, suggestionsPath } from '../endpoints.ts';
import { NotAvailable } from './NotAvailable.tsx';
import type { Suggestions } from '../types.ts';

interface Item {
  key: string;
  label: string | null;
  text: string;
  /** Why it is suggested ("the bot cited this article; it is in English, the customer writes German"). */
  why?: string;
}

const textOf = (o: Record<string, unknown>): string | null => {
  for (const k of ['text', 'body', 'reply', 'content', 'draft']) if (typeof o[k] === 'string' && o[k]) return o[k] as string;
  return null;
};

/** A suggestion's kind in words, where it names no article. */
const KINDS: Record<string, string> = { knowledge: 'From the knowledge', past_reply: 'A past reply' };

function normalise(data: unknown, prefer: string[]): Item[] {
  return firstArray(data, ...prefer).flatMap((x, i): Item[] => {
    if (typeof x === 'string') return [{ key: String(i), label: null, text: x }];
    if (!x || typeof x !== 'object') return [];
    const o = x as Record<string, unknown>;
    const text = textOf(o);
    if (!text) return [];
    const source = o.source && typeof o.source === 'object' ? (o.source as Record<string, unknown>) : null;
    const article = o.article && typeof o.article === 'object' ? (o.article as Record<string, unknown>) : null;
    const kind = typeof o.kind === 'string' ? (KINDS[o.kind] ?? o.kind) : null;
    const label = [o.title, o.name, source?.title, article?.title, kind].find((v): v is string => typeof v === 'string' && !!v) ?? null;
    const why = typeof o.why === 'string' && o.why ? o.why : undefined;
    return [{ key: typeof o.id === 'string' ? o.id : String(i), label, text, why }];
  });
}

function Items({ items, onInsert, kind }: { items: Item[]; onInsert: (t: string) => void; kind: string }) {
  if (items.length === 0) return <p className="muted small">No {kind} for this conversation.</p>;
  return (
    <ul className="assist-items">
      {items.map((s) => (
        <li key={s.key}>
          {s.label && <span className="assist-label">{s.label}</span>}
          {s.why && <span className="assist-why muted small">{s.why[0]!.toUpperCase() + s.why.slice(1)}.</span>}
          <p>{s.text}</p>
          <button
            type="button"
            onClick={() => onInsert(s.text)}
            aria-label={`Insert ${kind === 'macros' ? 'macro' : 'suggestion'}${s.label ? ` "${s.label}"` : ''} into the reply`}
          >
            Insert
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * The team's macros with those that fit this conversation first, in the order the server ranked
 * them and filled in for this customer (a safety macro first for a customer at risk); the others
 * filled in as inserting them would (`fill`), so the list shows what the customer will read.
 */
function fittingFirst(all: Item[], suggestions: Partial<Suggestions> | null, fill: (text: string) => string): Item[] {
  const fitting = suggestions?.macros ?? [];
  const first: Item[] = fitting.map((m) => ({ key: m.id, label: m.title, text: m.rendered }));
  const shown = new Set(first.map((m) => m.key));
  return [...first, ...all.filter((m) => !shown.has(m.key)).map((m) => ({ ...m, text: fill(m.text) }))];
}

/** Agent assist: suggested replies for this conversation and the team's macros, one click to insert. */
export function AssistPanel({
  conversationId,
  onInsert,
  fill,
}: {
  conversationId: string;
  onInsert: (text: string) => void;
  /** A macro's fields filled for this conversation, as inserting it fills them. */
  fill: (text: string) => string;
}) {
  const [suggestions, reload] = useResource<unknown>(suggestionsPath(conversationId));
  const [macros] = useResource<unknown>(API.macros);
  /** The suggestions as the contract names them (read loosely above: a server may not have every field). */
  const drafted = suggestions.state === 'ready' ? (suggestions.data as Partial<Suggestions>) : null;
  return (
    <section className="card assist" aria-labelledby="assist-title">
      <div className="card-head">
        <h2 id="assist-title">Agent assist</h2>
        {suggestions.state !== 'missing' && (
          <button type="button" className="link" onClick={reload}>
            Refresh
          </button>
        )}
      </div>
      <h3>Suggested replies</h3>
      {suggestions.state === 'loading' && <p className="muted small">Loading…</p>}
      {suggestions.state === 'missing' && <NotAvailable what="Suggested replies" />}
      {suggestions.state === 'error' && <p className="error small">{suggestions.message}</p>}
      {drafted?.drafts_withheld === 'at_risk' && (
        <p className="assist-note" role="note">
          <strong>No drafts from the knowledge:</strong> the customer wrote of self-harm or danger. Reply in your own words: ask whether
          they are safe right now, and if they are not, point them to emergency help.
        </p>
      )}
      {suggestions.state === 'ready' && (
        <Items items={normalise(suggestions.data, ['suggestions', 'replies', 'drafts'])} onInsert={onInsert} kind="suggestions" />
      )}
      <h3>Macros</h3>
      <p className="muted small">
        Press <kbd>M</kbd> to find one by name.
      </p>
      {macros.state === 'loading' && <p className="muted small">Loading…</p>}
      {macros.state === 'missing' && <NotAvailable what="Macros" />}
      {macros.state === 'error' && <p className="error small">{macros.message}</p>}
      {macros.state === 'ready' && (
        <Items items={fittingFirst(normalise(macros.data, ['macros']), drafted, fill)} onInsert={onInsert} kind="macros" />
      )}
    </section>
  );
}
