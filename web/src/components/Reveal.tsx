import { createContext, useContext, useState, type ReactNode } from 'react';
import { ApiError, errorText, post } from '../api.ts';
import { useWorkspace } from '../workspace.tsx';

// Staff see conversations redacted: personal data as typed tokens (<EMAIL_1>). An admin or
// agent may reveal the clear values (POST /conversations/:id/reveal); each reveal is written to
// the audit trail. The values live in this component's state only and go when the view closes.

export const TOKEN = /<([A-Z][A-Z0-9_]*_\d+)>/g;
export const hasTokens = (text: string | null | undefined): boolean => !!text && new RegExp(TOKEN.source).test(text);

const RevealContext = createContext<Record<string, string> | null>(null);
export const RevealProvider = RevealContext.Provider;

/** Text with its tokens marked, and replaced by their values once revealed. */
export function Redactable({ text }: { text: string }) {
  const values = useContext(RevealContext);
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    const token = m[0];
    const value = values?.[token] ?? values?.[m[1]!];
    parts.push(
      value !== undefined ? (
        <mark key={at} className="revealed" title={`Revealed ${m[1]}`}>
          {value}
        </mark>
      ) : (
        <span key={at} className="token" title="Personal data, redacted">
          {token}
        </span>
      ),
    );
    last = at + token.length;
  }
  if (parts.length === 0) return <>{text}</>;
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}

/** The reveal control: shown to roles that may reveal, with the reveal on record. */
export function RevealBar(props: {
  conversationId: string;
  present: boolean;
  values: Record<string, string> | null;
  onValues: (v: Record<string, string> | null) => void;
}) {
  const { me } = useWorkspace();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  if (!props.present || me.role === 'viewer') return null;

  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await post<{ values: Record<string, string> }>(
        `/conversations/${encodeURIComponent(props.conversationId)}/reveal`,
        reason.trim() ? { reason: reason.trim() } : {},
      );
      props.onValues(res.values ?? {});
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 403
          ? `You may not reveal personal data here: ${err.message} Ask an admin if you need it.`
          : `Could not reveal: ${errorText(err)}`,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="reveal-bar">
      {props.values ? (
        <>
          <p className="small" role="status">
            <strong>Personal data revealed</strong> ({Object.keys(props.values).length}). This reveal is recorded in the audit trail with
            your name.
          </p>
          <button type="button" onClick={() => props.onValues(null)}>
            Hide personal data
          </button>
        </>
      ) : (
        <>
          <p className="small muted" id="reveal-hint">
            Personal data is hidden as tokens like &lt;EMAIL_1&gt;. Revealing it is recorded in the audit trail.
          </p>
          <label className="small">
            Reason (kept in the audit log)
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              placeholder="e.g. customer asked to update their card"
            />
          </label>
          <button
            type="button"
            aria-describedby="reveal-hint"
            disabled={busy || (reason.trim().length > 0 && reason.trim().length < 3)}
            onClick={() => void reveal()}
          >
            {busy ? 'Revealing…' : 'Reveal personal data'}
          </button>
        </>
      )}
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
