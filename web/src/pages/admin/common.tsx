import type { ReactNode } from 'react';
import type { Resource } from '../../hooks.ts';
import { NotAvailable } from '../../components/NotAvailable.tsx';

/** Loading, "not on this server yet" and errors (a non-admin gets the API's "forbidden"). */
export function AdminError({ res, what }: { res: Resource<unknown>; what: string }) {
  if (res.state === 'loading') return <p role="status">Loading…</p>;
  if (res.state === 'missing') return <NotAvailable what={what} />;
  if (res.state === 'error')
    return (
      <p className="error" role="alert">
        {res.message}
      </p>
    );
  return null;
}

/** A secret the server returns once (API key, webhook signing secret), with a copy button. */
export function ShownOnce({ label, value, onDismiss }: { label: string; value: string; onDismiss: () => void }) {
  return (
    <div className="secret-once" role="status">
      <p>
        <strong>{label}</strong> It is shown only this once: copy it now and keep it somewhere safe.
      </p>
      <div className="action-row">
        <input readOnly aria-label={label} value={value} className="code" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={() => void navigator.clipboard?.writeText(value).catch(() => {})}>
          Copy
        </button>
        <button type="button" onClick={onDismiss}>
          Done
        </button>
      </div>
    </div>
  );
}

/** An admin page's title, its "add" button (while not adding) and what the page is for. */
export function AdminHeader({
  title,
  add,
  children,
}: {
  title: string;
  add?: { label: string; shown: boolean; onClick: () => void };
  children: ReactNode;
}) {
  return (
    <>
      <div className="card-head">
        <h1 id="admin-title">{title}</h1>
        {add?.shown && (
          <button type="button" className="primary" onClick={add.onClick}>
            {add.label}
          </button>
        )}
      </div>
      <p className="muted">{children}</p>
    </>
  );
}

/** What the last action did, announced to screen readers. */
export function Notice({ text }: { text: string }) {
  return (
    <p role="status" className="ok small">
      {text}
    </p>
  );
}

/** A form's Save (its submit) and Cancel buttons. */
export function SaveCancel({ onCancel }: { onCancel: () => void }) {
  return (
    <div className="action-row">
      <button type="submit" className="primary">
        Save
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** What an action came to: done (a status) or refused (an alert, with the reason). */
export type Outcome = { ok: boolean; text: string };
export function OutcomeLine({ outcome, small = false }: { outcome: Outcome | null; small?: boolean }) {
  if (!outcome) return null;
  return (
    <p className={`${outcome.ok ? 'ok' : 'error'}${small ? ' small' : ''}`} role={outcome.ok ? 'status' : 'alert'}>
      {outcome.text}
    </p>
  );
}
