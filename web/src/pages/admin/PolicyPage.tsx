import { useEffect, useState } from 'react';
import { errorText, put } from '../../api.ts';
import { useResource } from '../../hooks.ts';
import { API } from '../../endpoints.ts';
import { useWorkspace } from '../../workspace.tsx';
import { Value } from '../../components/Value.tsx';
import { NotAvailable } from '../../components/NotAvailable.tsx';
import type { PolicyResponse } from '../../types.ts';
import { SafetyReplies } from './SafetyReplies.tsx';
import { ThresholdCheck } from './ThresholdCheck.tsx';
import { OutcomeLine, SaveCancel, type Outcome } from './common.tsx';

/** The workspace policy: the safety replies, then every setting (threshold, always-human topics, hours, languages) as JSON. */
export function PolicyPage() {
  const { me } = useWorkspace();
  const [res, reload] = useResource<PolicyResponse>(API.policy);
  const policy = res.state === 'ready' ? res.data.policy : null;
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<Outcome | null>(null);

  useEffect(() => {
    if (policy && !editing) setDraft(JSON.stringify(policy, null, 2));
  }, [policy, editing]);

  const save = async () => {
    let body: unknown;
    try {
      body = JSON.parse(draft);
    } catch {
      return setMessage({ ok: false, text: 'That is not valid JSON.' });
    }
    try {
      await put(API.policy, body);
      setMessage({ ok: true, text: 'Policy saved.' });
      setEditing(false);
      reload();
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    }
  };

  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Policy</h1>
      <p className="muted">
        When the bot may answer, and when it must hand off: confidence threshold, always-human intents and topics, limits, business hours,
        languages, PII rules.
      </p>
      {res.state === 'loading' && <p role="status">Loading…</p>}
      {res.state === 'missing' && <NotAvailable what="Policy administration" />}
      {res.state === 'error' && (
        <p className="error" role="alert">
          {res.message}
        </p>
      )}
      {res.state === 'ready' && <SafetyReplies data={res.data} canEdit={me.role === 'admin' && !editing} onSaved={reload} />}
      {res.state === 'ready' && <ThresholdCheck canApply={me.role === 'admin' && !editing} onApplied={reload} />}
      {policy && <h2>All settings</h2>}
      {policy && !editing && (
        <>
          <Value v={policy} />
          {me.role === 'admin' && (
            <button type="button" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
        </>
      )}
      {policy && editing && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label htmlFor="policy-json">Policy (JSON)</label>
          <textarea id="policy-json" className="code" rows={16} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <SaveCancel onCancel={() => setEditing(false)} />
        </form>
      )}
      <OutcomeLine outcome={message} />
    </section>
  );
}
