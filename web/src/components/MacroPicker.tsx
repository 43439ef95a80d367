import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { firstArray, useResource } from '../hooks.ts';
import { API } from '../endpoints.ts';
import { href, onLinkClick } from '../router.ts';
import { languageName, primaryLanguage } from '../languages.ts';

interface MacroItem {
  id: string;
  title: string;
  text: string;
  language: string | null;
}

function macrosOf(data: unknown): MacroItem[] {
  return firstArray(data, 'macros').flatMap((x, i): MacroItem[] => {
    if (!x || typeof x !== 'object') return [];
    const o = x as Record<string, unknown>;
    const text = typeof o.body === 'string' ? o.body : typeof o.text === 'string' ? o.text : null;
    if (!text) return [];
    const title = typeof o.title === 'string' ? o.title : typeof o.name === 'string' ? o.name : `Macro ${i + 1}`;
    const language = typeof o.language === 'string' ? o.language : null;
    return [{ id: typeof o.id === 'string' ? o.id : String(i), title, text, language }];
  });
}

/** The "m" dialog: type to filter the team's macros, arrows to move, Enter to insert into the composer. */
export function MacroPicker({
  open,
  language,
  onClose,
  onPick,
}: {
  open: boolean;
  /** The conversation's language: macros written in it come first, those in other languages last. */
  language: string | null;
  onClose: () => void;
  onPick: (text: string) => void;
}) {
  const ref = useRef<HTMLDialogElement | null>(null);
  const input = useRef<HTMLInputElement | null>(null);
  const id = useId();
  const [res] = useResource<unknown>(open ? API.macros : null);
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const all = useMemo(() => {
    const macros = res.state === 'ready' ? macrosOf(res.data) : [];
    const order = (m: MacroItem) => (m.language === null ? 1 : language && m.language === primaryLanguage(language) ? 0 : 2);
    return macros
      .map((m, i) => ({ m, i }))
      .sort((a, b) => order(a.m) - order(b.m) || a.i - b.i)
      .map(({ m }) => m);
  }, [res, language]);
  const shown = all.filter((m) => `${m.title} ${m.text}`.toLowerCase().includes(filter.trim().toLowerCase()));

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setFilter('');
      setActive(0);
      d.showModal();
      // showModal focuses the first control (Close); the agent came to type.
      input.current?.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);
  useEffect(() => setActive(0), [filter]);

  const pick = (m: MacroItem | undefined) => {
    if (!m) return;
    onPick(m.text);
    onClose();
  };
  const optionId = (i: number) => `${id}-opt-${i}`;

  return (
    <dialog ref={ref} className="dialog macro-picker" aria-labelledby={`${id}-title`} onClose={onClose}>
      <div className="dialog-head">
        <h2 id={`${id}-title`}>Insert a macro</h2>
        <button type="button" className="subtle" onClick={onClose}>
          Close
        </button>
      </div>
      <label htmlFor={`${id}-filter`} className="sr-only">
        Find a macro
      </label>
      <input
        id={`${id}-filter`}
        type="search"
        placeholder="Type to find a macro…"
        value={filter}
        ref={input}
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={shown[active] ? optionId(active) : undefined}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, Math.max(0, shown.length - 1)));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') pick(shown[active]);
          else return;
          e.preventDefault();
        }}
      />
      {res.state === 'loading' && <p className="muted small">Loading…</p>}
      {res.state === 'error' && <p className="error small">{res.message}</p>}
      {res.state === 'ready' && all.length === 0 && (
        <p className="muted small">
          No macros yet. An admin adds them under{' '}
          <a href={href('/admin/macros')} onClick={onLinkClick('/admin/macros')}>
            Admin → Macros
          </a>
          .
        </p>
      )}
      {all.length > 0 && shown.length === 0 && <p className="muted small">No macro matches “{filter}”.</p>}
      <ul id={`${id}-list`} role="listbox" aria-label="Macros" className="macro-options">
        {shown.map((m, i) => (
          <li
            key={m.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : ''}
            onMouseEnter={() => setActive(i)}
            onClick={() => pick(m)}
          >
            <strong>
              {m.title}
              {m.language && <span className="muted macro-language"> · {languageName(m.language)}</span>}
            </strong>
            <span className="muted small">{m.text}</span>
          </li>
        ))}
      </ul>
      <p className="muted small">↑ ↓ to choose, Enter to insert, Esc to close.</p>
    </dialog>
  );
}
