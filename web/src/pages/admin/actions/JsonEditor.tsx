import { useId, useRef } from 'react';
import { lineOf, pathInWords, type Problem } from './problems.ts';

/** Parses the editor's text: the value, or why it is not JSON (in words, with the line when the browser says where). */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const where = m ? ` (line ${text.slice(0, Number(m[1])).split('\n').length})` : '';
    return { ok: false, message: `This is not valid JSON${where}: check for a missing comma, quote or bracket.` };
  }
}

/**
 * A JSON text field for one part of the actions document, with the API's problems listed under
 * it, each with the line it is about, so any shape the schema holds can be edited.
 */
export function JsonEditor(props: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  problems: Problem[];
  /** Not JSON at all (from parseJson), shown instead of the API's problems. */
  syntax?: string | null;
  rows?: number;
}) {
  const id = useId();
  const area = useRef<HTMLTextAreaElement | null>(null);
  const { problems, syntax } = props;
  // Selects a line and scrolls it into the middle of the field.
  const goTo = (line: number) => {
    const el = area.current;
    if (!el) return;
    const lines = props.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    const height = parseFloat(getComputedStyle(el).lineHeight) || 18;
    el.scrollTop = Math.max(0, (line - 1) * height - el.clientHeight / 2);
  };
  const invalid = !!syntax || problems.length > 0;
  const lines = props.value.split('\n').length;
  return (
    <div className="field json-editor">
      <label htmlFor={id}>{props.label}</label>
      <textarea
        id={id}
        ref={area}
        className="code"
        spellCheck={false}
        rows={Math.min(props.rows ?? 32, Math.max(6, lines + 1))}
        value={props.value}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-problems` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {invalid && (
        <ul id={`${id}-problems`} className="problems" aria-label="Problems">
          {syntax ? (
            <li className="field-error">{syntax}</li>
          ) : (
            problems.map((p, i) => {
              const line = lineOf(props.value, p.path);
              return (
                <li key={i} className="field-error">
                  {line !== null && (
                    <button type="button" className="link line" onClick={() => goTo(line)}>
                      Line {line}
                    </button>
                  )}{' '}
                  <code>{pathInWords(p.path)}</code>: {p.message}
                </li>
              );
            })
          )}
        </ul>
      )}
    </div>
  );
}

/** Problems the API listed that are not in the part being edited (a playbook naming a removed tool, say). */
export function ProblemList({ problems, label }: { problems: Problem[]; label: string }) {
  if (problems.length === 0) return null;
  return (
    <div role="alert">
      <p className="error small">{label}</p>
      <ul className="problems">
        {problems.map((p, i) => (
          <li key={i} className="field-error">
            <code>{pathInWords(p.path)}</code>: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
