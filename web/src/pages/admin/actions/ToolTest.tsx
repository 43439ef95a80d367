import { useState } from 'react';
import { post } from '../../../api.ts';
import { toolTestPath } from '../../../endpoints.ts';
import { errorFor, Field, FormError, useAction } from '../../../forms.tsx';
import type { ToolDefinition, ToolOutcome } from '../../../types.ts';
import { parseJson } from './JsonEditor.tsx';
import { typeOf } from './schema-words.ts';

type Schema = Record<string, unknown>;

const kindOf = (s: Schema): 'choice' | 'boolean' | 'number' | 'json' | 'text' => {
  if (Array.isArray(s.enum)) return 'choice';
  if (s.type === 'boolean') return 'boolean';
  if (s.type === 'number' || s.type === 'integer') return 'number';
  if (s.type === 'object' || s.type === 'array') return 'json';
  return 'text';
};

/** The form's text for an argument made into the value the tool is sent; undefined: left out. */
function argValue(s: Schema, text: string): unknown {
  if (text === '') return undefined;
  switch (kindOf(s)) {
    case 'boolean':
      return text === 'true';
    case 'number':
      return Number(text);
    case 'json': {
      const parsed = parseJson(text);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.value;
    }
    case 'choice':
      return (s.enum as unknown[]).find((v) => String(v) === text) ?? text;
    default:
      return text;
  }
}

const FAILURES: Record<NonNullable<ToolOutcome['error']>, string> = {
  timeout: 'The API did not answer within the tool’s timeout.',
  network: 'The API could not be reached (address, DNS or connection refused).',
  http: 'The API answered with an error status.',
  invalid: 'The call could not be made: an argument or the URL is not valid.',
  ssrf: 'The address is refused: private and loopback addresses need “Allow private and loopback addresses”.',
  refused: 'The call was refused by policy.',
};

/** One field per input property (required ones marked), the run, and what came back. */
export function ToolTest({ tool }: { tool: ToolDefinition }) {
  const props = Object.entries(tool.input.properties);
  const required = new Set(tool.input.required);
  const [values, setValues] = useState<Record<string, string>>({});
  const [allowWrite, setAllowWrite] = useState(false);
  const [outcome, setOutcome] = useState<ToolOutcome | null>(null);
  const [argError, setArgError] = useState<{ name: string; message: string } | null>(null);
  const act = useAction();
  const write = tool.kind === 'write';
  const set = (name: string, v: string) => setValues((prev) => ({ ...prev, [name]: v }));

  const run = () => {
    const args: Record<string, unknown> = {};
    for (const [name, schema] of props) {
      try {
        const v = argValue(schema, values[name] ?? '');
        if (v !== undefined) args[name] = v;
      } catch (err) {
        return setArgError({ name, message: (err as Error).message });
      }
    }
    setArgError(null);
    setOutcome(null);
    void act.run(async () =>
      setOutcome(await post<ToolOutcome>(toolTestPath(tool.name), { args, allowWrite: write ? allowWrite : false })),
    );
  };

  return (
    <form
      className="admin-form tool-test"
      aria-label={`Test ${tool.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        run();
      }}
    >
      {props.length === 0 && <p className="muted small">This tool takes no arguments.</p>}
      <div className="form-grid">
        {props.map(([name, schema]) => {
          const k = kindOf(schema);
          const label = (
            <>
              {name}
              {required.has(name) ? <span className="required"> (required)</span> : <span className="muted small"> (optional)</span>}
            </>
          );
          const hint = [typeOf(schema), typeof schema.description === 'string' ? schema.description : ''].filter(Boolean).join(' · ');
          const error = argError?.name === name ? argError.message : errorFor(act.errs, `args.${name}`);
          const value = values[name] ?? '';
          return (
            <Field key={name} label={label} hint={hint} error={error}>
              {k === 'choice' || k === 'boolean' ? (
                <select value={value} onChange={(e) => set(name, e.target.value)} required={required.has(name)}>
                  <option value="">—</option>
                  {(k === 'boolean' ? [true, false] : (schema.enum as unknown[])).map((v) => (
                    <option key={String(v)} value={String(v)}>
                      {String(v)}
                    </option>
                  ))}
                </select>
              ) : k === 'json' ? (
                <textarea className="code" rows={3} value={value} onChange={(e) => set(name, e.target.value)} placeholder="JSON" />
              ) : (
                <input
                  type={k === 'number' ? 'number' : 'text'}
                  step="any"
                  value={value}
                  onChange={(e) => set(name, e.target.value)}
                  required={required.has(name)}
                />
              )}
            </Field>
          );
        })}
      </div>
      {write && (
        <div className="write-warning" role="note">
          <p>
            <strong>{tool.name} is a write tool.</strong> Running it calls your API for real: it changes the company&apos;s data (an order,
            an account) exactly as the bot would.
          </p>
          <label className="check">
            <input type="checkbox" checked={allowWrite} onChange={(e) => setAllowWrite(e.target.checked)} /> I understand this changes real
            data
          </label>
        </div>
      )}
      <FormError action={act} />
      <div className="action-row">
        <button type="submit" className="primary" disabled={act.busy || (write && !allowWrite)}>
          {act.busy ? 'Running…' : `Run ${tool.name}`}
        </button>
      </div>
      {outcome && <Outcome outcome={outcome} />}
    </form>
  );
}

function Outcome({ outcome }: { outcome: ToolOutcome }) {
  return (
    <div className={`tool-outcome ${outcome.ok ? 'outcome-ok' : 'outcome-failed'}`} role="status" aria-label="Test result">
      <p>
        <span className={`badge ${outcome.ok ? 'verified' : 'kind-write'}`}>{outcome.ok ? 'Succeeded' : 'Failed'}</span>{' '}
        {outcome.status !== undefined && <>HTTP {outcome.status} · </>}
        {Math.round(outcome.durationMs)} ms
      </p>
      {!outcome.ok && (
        <p className="error">
          {outcome.error ? FAILURES[outcome.error] : 'The call failed.'}
          {outcome.message && <> The API said: “{outcome.message}”</>}
        </p>
      )}
      {outcome.ok && <pre className="code result">{JSON.stringify(outcome.data, null, 2) ?? '(no content)'}</pre>}
    </div>
  );
}
