import { cloneElement, useCallback, useEffect, useId, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { ApiError, errorText } from './api.ts';
import { humanMessage } from './messages.ts';

// Form helpers for the admin screens. The server validates every change; its errors
// ({error: {code, message, details}}) are shown next to the field they name, or above the
// form's buttons when they name none.

/** Field path -> message, from the details (`[{path, message}]`) or the "field: message" text. */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  const details = err.details;
  if (Array.isArray(details)) {
    for (const d of details) {
      if (!d || typeof d !== 'object') continue;
      const { path, message } = d as { path?: unknown; message?: unknown };
      if (typeof path !== 'string' || typeof message !== 'string') continue;
      const key = path
        .replace(/^(body|querystring|params)/, '')
        .split(/[/.]/)
        .filter(Boolean)
        .join('.');
      if (key && !(key in out)) out[key] = humanMessage(message);
    }
  }
  const m = /^([a-z_][a-z0-9_.]*)\s*:\s*(.+)$/i.exec(err.message);
  if (m && !m[1]!.startsWith('line') && !(m[1]! in out)) out[m[1]!] = humanMessage(m[2]!);
  return out;
}

/** The message for a field: its own, or one about something inside it (skills.2 -> skills). */
export function errorFor(errs: Record<string, string>, ...names: string[]): string | undefined {
  for (const n of names) {
    if (errs[n]) return errs[n];
    const inner = Object.keys(errs).find((k) => k.startsWith(`${n}.`));
    if (inner) {
      const rest = inner.slice(n.length + 1);
      const where = /^\d+$/.test(rest)
        ? `entry ${Number(rest) + 1}`
        : rest.replace(/^(\d+)\./, (_m, i: string) => `entry ${Number(i) + 1}, `);
      return `${where}: ${errs[inner]}`;
    }
  }
  return undefined;
}

export interface Action {
  busy: boolean;
  error: unknown;
  errs: Record<string, string>;
  run<T>(fn: () => Promise<T>): Promise<T | undefined>;
  clear(): void;
}

/** One server call at a time, with its error kept for the form to show. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  const run = useCallback(async <T,>(fn: () => Promise<T>) => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      if (live.current) setError(err);
      return undefined;
    } finally {
      if (live.current) setBusy(false);
    }
  }, []);
  return { busy, error, errs: fieldErrors(error), run, clear: useCallback(() => setError(null), []) };
}

type Control = ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;

/** A labelled control with its hint and the server's message about it. */
export function Field(props: { label: ReactNode; error?: string; hint?: ReactNode; children: Control; className?: string }) {
  const id = useId();
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {cloneElement(props.children, { id, 'aria-invalid': props.error ? true : undefined, 'aria-describedby': described })}
      {props.hint && (
        <span id={`${id}-hint`} className="hint">
          {props.hint}
        </span>
      )}
      {props.error && (
        <span id={`${id}-err`} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}

/** The form-level error: the server's message, and which field it names when that is not on screen. */
export function FormError({ action, shown = [] }: { action: Action; shown?: string[] }) {
  const ref = useRef<HTMLParagraphElement | null>(null);
  // After a refused submit, the keyboard lands on the first field the server named.
  useEffect(() => {
    if (action.error) ref.current?.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [action.error]);
  if (!action.error) return null;
  const fieldOnly =
    Object.keys(action.errs).length > 0 && Object.keys(action.errs).every((k) => shown.some((s) => k === s || k.startsWith(`${s}.`)));
  return (
    <p className="error" role="alert" ref={ref}>
      {fieldOnly ? 'Please correct the highlighted field.' : errorText(action.error)}
      {action.error instanceof ApiError && Array.isArray(action.error.details) && !fieldOnly && action.error.details.length > 1 && (
        <span className="small"> ({action.error.details.length} problems)</span>
      )}
    </p>
  );
}

/**
 * An admin form: its fields, then the form-level error and the buttons. `saving` shows
 * "Saving…" on the submit button while the action runs.
 */
export function AdminForm(props: {
  label: string;
  action: Action;
  /** The fields on screen, so an error naming only them is shown next to them (FormError). */
  shown: string[];
  submit: string;
  saving?: boolean;
  onSubmit: () => void;
  onCancel?: () => void;
  children: ReactNode;
}) {
  const { action } = props;
  return (
    <form
      className="admin-form"
      aria-label={props.label}
      onSubmit={(ev) => {
        ev.preventDefault();
        props.onSubmit();
      }}
    >
      {props.children}
      <FormError action={action} shown={props.shown} />
      <div className="action-row">
        <button type="submit" className="primary" disabled={action.busy}>
          {props.saving && action.busy ? 'Saving…' : props.submit}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** "a, b ,c" -> ["a", "b", "c"] */
export const splitList = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
export const joinList = (xs: readonly string[] | null | undefined): string => (xs ?? []).join(', ');

/** A delete (or revoke) that asks once more, inline, instead of a browser dialog. */
export function ConfirmButton(props: { label: string; confirm?: string; onConfirm: () => void; disabled?: boolean; what: string }) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button
        type="button"
        className="danger-outline"
        disabled={props.disabled}
        aria-label={`${props.label} ${props.what}`}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    );
  return (
    <span className="confirm" role="group" aria-label={`Confirm: ${props.label} ${props.what}`}>
      <button
        type="button"
        className="danger"
        autoFocus
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        {props.confirm ?? `Yes, ${props.label.toLowerCase()}`}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

/** Checkboxes for picking several values out of a list. */
export function CheckList<T extends string>(props: {
  legend: string;
  options: readonly { value: T; label: string }[];
  value: readonly T[];
  onChange: (v: T[]) => void;
  error?: string;
}) {
  const id = useId();
  return (
    <fieldset className="checklist" aria-describedby={props.error ? `${id}-err` : undefined}>
      <legend>{props.legend}</legend>
      {props.options.length === 0 && <span className="muted small">none to pick from</span>}
      {props.options.map((o) => (
        <label key={o.value} className="check">
          <input
            type="checkbox"
            checked={props.value.includes(o.value)}
            onChange={(e) => props.onChange(e.target.checked ? [...props.value, o.value] : props.value.filter((v) => v !== o.value))}
          />
          {o.label}
        </label>
      ))}
      {props.error && (
        <span id={`${id}-err`} className="field-error">
          {props.error}
        </span>
      )}
    </fieldset>
  );
}

/** The refusal of a form whose file input is empty, shown on the field named `file`. */
export const missingFile = (what: string): ApiError =>
  new ApiError(0, 'invalid_request', `file: choose ${what} first`, [{ path: 'file', message: `choose ${what} first` }]);
