import { useState } from 'react';
import { ApiError, errorText, post } from '../../../api.ts';
import { ADMIN } from '../../../endpoints.ts';
import { Field, useAction } from '../../../forms.tsx';
import type { ToolImport } from '../../../types.ts';
import { KindBadge } from './ToolList.tsx';

/** The import API's reasons for refusing a document ({problems: [...]}), one per line. */
function reasons(err: unknown): string[] {
  if (!(err instanceof ApiError)) return [];
  const d = err.details as { problems?: unknown } | unknown[] | undefined;
  const list = Array.isArray(d) ? d : Array.isArray((d as { problems?: unknown })?.problems) ? (d as { problems: unknown[] }).problems : [];
  return list.map((p) =>
    typeof p === 'string'
      ? p
      : typeof (p as { message?: unknown })?.message === 'string'
        ? String((p as { message: string }).message)
        : JSON.stringify(p),
  );
}

/** Paste (or upload) an OpenAPI document, see the tools it gives, pick some and merge them into the document. */
export function ImportTools({ onDone }: { onDone: (notice: string | null) => void }) {
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<ToolImport | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const act = useAction();
  const why = reasons(act.error);

  const load = (document: string) => {
    setPreview(null);
    void act.run(async () => {
      const r = await post<ToolImport>(ADMIN.actionsImport, { document });
      setPreview(r);
      setPicked(r.operationIds);
    });
  };

  return (
    <div className="card import-tools">
      <div className="card-head">
        <h2>Import from an OpenAPI document</h2>
        <button type="button" onClick={() => onDone(null)}>
          Close
        </button>
      </div>
      <form
        className="admin-form"
        aria-label="OpenAPI document"
        onSubmit={(e) => {
          e.preventDefault();
          load(text);
        }}
      >
        <Field
          label="OpenAPI document (JSON or YAML)"
          hint="OpenAPI 3.0 or 3.1. Baton reads only what you paste or upload; it fetches nothing."
        >
          <textarea
            className="code"
            rows={8}
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={'{"openapi": "3.1.0", "paths": { … }}'}
          />
        </Field>
        <div className="action-row">
          <label className="file-pick">
            <span>Or upload a file</span>{' '}
            <input
              type="file"
              accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
              aria-label="OpenAPI file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file)
                  void file.text().then((t) => {
                    setText(t);
                    load(t);
                  });
              }}
            />
          </label>
          <button type="submit" className="primary" disabled={!text.trim() || act.busy}>
            {act.busy && !preview ? 'Reading…' : 'Show operations'}
          </button>
        </div>
        {act.error != null && (
          <div role="alert" className="import-error">
            <p className="error">{errorText(act.error)}</p>
            {why.length > 0 && (
              <ul className="problems">
                {why.map((w, i) => (
                  <li key={i} className="field-error">
                    {w}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </form>
      {preview && (
        <form
          className="admin-form"
          aria-label="Operations to import"
          onSubmit={(e) => {
            e.preventDefault();
            void act.run(async () => {
              const r = await post<ToolImport>(ADMIN.actionsImport, { document: text, operationIds: picked, apply: true });
              const parts = [r.added.length && `${r.added.length} added`, r.replaced.length && `${r.replaced.length} replaced`].filter(
                Boolean,
              );
              onDone(`Tools imported: ${parts.join(', ')}.`);
            });
          }}
        >
          <Preview preview={preview} picked={picked} onPick={setPicked} />
          <div className="action-row">
            <button type="submit" className="primary" disabled={picked.length === 0 || act.busy}>
              Import {picked.length} tool{picked.length === 1 ? '' : 's'}
            </button>
            <button type="button" onClick={() => setPicked(picked.length ? [] : preview.operationIds)}>
              {picked.length ? 'Pick none' : 'Pick all'}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

function Preview({ preview, picked, onPick }: { preview: ToolImport; picked: string[]; onPick: (ids: string[]) => void }) {
  const replaced = new Set(preview.replaced);
  return (
    <>
      {preview.warnings.map((w) => (
        <p key={w} className="warning small">
          {w}
        </p>
      ))}
      {preview.tools.length === 0 ? (
        <p className="muted">The document has no operation Baton can call.</p>
      ) : (
        <fieldset className="operations">
          <legend>Operations ({preview.tools.length})</legend>
          <ul>
            {preview.tools.map((t, i) => {
              const id = preview.operationIds[i] ?? t.name;
              return (
                <li key={id}>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={picked.includes(id)}
                      onChange={(e) => onPick(e.target.checked ? [...picked, id] : picked.filter((p) => p !== id))}
                    />
                    <span className="op-name">{t.name}</span>
                  </label>{' '}
                  <KindBadge kind={t.kind} />{' '}
                  <code className="small">
                    {t.method} {t.path}
                  </code>
                  {replaced.has(t.name) && <span className="badge unverified">replaces the tool of this name</span>}
                  {t.description && <span className="muted small op-desc">{t.description}</span>}
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}
      {preview.skipped.length > 0 && (
        <details className="skipped">
          <summary>
            {preview.skipped.length} operation{preview.skipped.length === 1 ? '' : 's'} cannot become tools
          </summary>
          <ul>
            {preview.skipped.map((s) => (
              <li key={s.operation} className="small">
                <code>{s.operation}</code>: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
