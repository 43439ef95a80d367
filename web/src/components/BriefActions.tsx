import { useState } from 'react';
import { errorText, post } from '../api.ts';
import { humanize } from '../format.ts';
import { Redactable } from './Reveal.tsx';
import { useWorkspace } from '../workspace.tsx';
import type { Brief as BriefJson, ToolCall as Outcome } from '../types.ts';

// The brief's "What the bot looked up and did" (docs/brief.md): each call of the company's API
// in words with its status, what changed, what failed, how the customer was verified. An agent
// may re-run a read (POST /conversations/{id}/tool-calls/rerun): the call is recorded like the
// bot's, and its outcome shows under the line.

type Section = NonNullable<BriefJson['actions']>;
type Call = Section['calls'][number];

const status = (c: { ok: boolean; status: number | null; error: string | null }) =>
  c.ok ? `OK${c.status ? ` ${c.status}` : ''}` : `${humanize(c.error?.split(':')[0] ?? 'failed')}${c.status ? ` ${c.status}` : ''}`;

/** The same lookup made again on later turns (the bot re-reads as it goes) is one line with a count. */
function grouped(calls: Call[]): { call: Call; times: number }[] {
  const seen = new Map<string, { call: Call; times: number }>();
  for (const c of calls) {
    const key = JSON.stringify([c.name, c.kind, c.args, c.ok, c.summary, c.by]);
    const g = seen.get(key);
    if (g) g.times++;
    else seen.set(key, { call: c, times: 1 });
  }
  return [...seen.values()];
}

function Rerun({ conversationId, call }: { conversationId: string; call: Call }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await post<{ call: Outcome }>(`/conversations/${encodeURIComponent(conversationId)}/tool-calls/rerun`, {
        name: call.name,
        args: call.args,
      });
      setOutcome(res.call);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="link small" onClick={run} disabled={busy} aria-label={`Re-run ${call.name}`}>
        {busy ? 'Running…' : 'Re-run'}
      </button>
      {outcome && (
        <div className="tool-rerun" role="status">
          <span className={`badge ${outcome.ok ? 'verified' : 'failed'}`}>{status(outcome)}</span> {outcome.duration_ms} ms
          {outcome.ok ? (
            <pre className="tool-result">
              <Redactable text={JSON.stringify(outcome.result, null, 2)} />
            </pre>
          ) : (
            <span className="muted">
              {' '}
              <Redactable text={outcome.error ?? ''} />
            </span>
          )}
        </div>
      )}
      {error && <span className="error small"> {error}</span>}
    </>
  );
}

export function BriefActions({ conversationId, actions }: { conversationId: string; actions: Section }) {
  const { me } = useWorkspace();
  const canRun = me.role !== 'viewer';
  return (
    <div className="brief-block brief-actions">
      <h3>What the bot looked up and did</h3>
      <p className="small">
        <strong>Identity:</strong>{' '}
        {actions.identity ? (
          <>
            <span className="badge verified">{actions.identity.via === 'host_page' ? 'host page' : (actions.identity.tool ?? 'tool')}</span>{' '}
            {actions.identity.text}
          </>
        ) : (
          <span className="badge unverified">not verified</span>
        )}
      </p>
      {actions.calls.length > 0 && (
        <ol className="tool-calls">
          {grouped(actions.calls).map(({ call: c, times }) => (
            <li key={c.event_id} className={c.ok ? 'tool-ok' : 'tool-failed'}>
              <span className={`badge ${c.ok ? 'verified' : 'failed'}`}>{status(c)}</span>{' '}
              <span className={`badge kind-${c.kind}`}>{c.kind}</span> <Redactable text={c.summary} />
              {times > 1 && <span className="muted small"> ×{times}</span>}{' '}
              <span className="muted small">
                ({c.name}
                {c.by === 'agent' ? ', by an agent' : ''}, {c.duration_ms} ms)
              </span>{' '}
              {canRun && c.kind === 'read' && <Rerun conversationId={conversationId} call={c} />}
            </li>
          ))}
        </ol>
      )}
      {actions.changed.length > 0 && (
        <p className="small">
          <strong>Changed:</strong> <Redactable text={actions.changed.join('; ')} />
        </p>
      )}
      {actions.failed.length > 0 && (
        <p className="small error">
          <strong>Failed:</strong> <Redactable text={actions.failed.join('; ')} />
        </p>
      )}
    </div>
  );
}
