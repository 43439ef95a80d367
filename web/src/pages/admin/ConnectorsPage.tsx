import { useState } from 'react';
import { ApiError, del, post, put } from '../../api.ts';
import { useResource } from '../../hooks.ts';
import { ADMIN } from '../../endpoints.ts';
import { ConfirmButton, Field, FormError, useAction } from '../../forms.tsx';
import { Value } from '../../components/Value.tsx';
import { AdminError, Notice } from './common.tsx';
import { AdminTable, type Column } from './list.tsx';

interface Vendor {
  vendor: string;
  display_name: string;
  capabilities: unknown;
}
interface Connector {
  id: string;
  vendor: string;
  display_name: string;
  enabled: boolean;
  config: Record<string, unknown>;
  has_credentials: boolean;
  allow_clear_text: boolean;
  webhook_path: string;
  updated_at: string | null;
}
interface DeadLetter {
  id: string;
  conversation_id: string;
  external_id: string | null;
  op: string | null;
  attempts: number | null;
  error: string | null;
  failed_at: string | null;
}

/** Helpdesk connectors: settings and credentials, a connection test, and failed calls to retry. */
export function ConnectorsPage() {
  const [res, reload] = useResource<{ vendors: Vendor[]; connectors: Connector[] }>(ADMIN.connectors);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Connectors</h1>
      <p className="muted">
        Hand conversations over to your helpdesk as tickets. Credentials are stored encrypted and never shown again; leave them empty to
        keep the stored ones.
      </p>
      <AdminError res={res} what="Connector administration" />
      {res.state === 'ready' && (
        <ul className="card-list">
          {res.data.vendors.map((v) => {
            const c = res.data.connectors.find((x) => x.vendor === v.vendor);
            return (
              <li key={v.vendor} className="card">
                <div className="card-head">
                  <h2>
                    {v.display_name}{' '}
                    {c ? (
                      <span className={`badge ${c.enabled ? 'verified' : ''}`}>{c.enabled ? 'on' : 'off'}</span>
                    ) : (
                      <span className="badge">not set up</span>
                    )}
                  </h2>
                  <button type="button" aria-expanded={open === v.vendor} onClick={() => setOpen(open === v.vendor ? null : v.vendor)}>
                    {c ? 'Configure' : 'Set up'}
                    <span className="sr-only"> {v.display_name}</span>
                  </button>
                </div>
                {c && (
                  <p className="small muted">
                    Credentials {c.has_credentials ? 'stored' : 'missing'} · clear text {c.allow_clear_text ? 'allowed' : 'off'} · inbound
                    webhook <code>{c.webhook_path}</code>
                  </p>
                )}
                {open === v.vendor && <ConnectorForm vendor={v} connector={c} onSaved={reload} />}
              </li>
            );
          })}
        </ul>
      )}
      <DeadLetters />
    </section>
  );
}

function ConnectorForm({ vendor, connector, onSaved }: { vendor: Vendor; connector?: Connector; onSaved: () => void }) {
  const [enabled, setEnabled] = useState(connector?.enabled ?? true);
  const [clear, setClear] = useState(connector?.allow_clear_text ?? false);
  const [config, setConfig] = useState(JSON.stringify(connector?.config ?? {}, null, 2));
  const [creds, setCreds] = useState('');
  const [test, setTest] = useState<{ ok?: boolean; detail?: string } | null>(null);
  const [notice, setNotice] = useState('');
  const act = useAction();
  const path = `${ADMIN.connectors}/${vendor.vendor}`;
  const parse = (label: string, text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      throw new ApiError(0, 'invalid_request', `${label}: not valid JSON`, [{ path: label, message: 'not valid JSON' }]);
    }
  };
  const details =
    act.error instanceof ApiError && Array.isArray(act.error.details) ? (act.error.details as { path?: string; message?: string }[]) : [];
  return (
    <form
      className="admin-form"
      aria-label={`${vendor.display_name} settings`}
      onSubmit={(ev) => {
        ev.preventDefault();
        void act.run(async () => {
          const body: Record<string, unknown> = { enabled, allow_clear_text: clear, config: parse('config', config || '{}') };
          if (creds.trim()) body.credentials = parse('credentials', creds);
          await put(path, body);
          setCreds('');
          setNotice('Saved.');
          onSaved();
        });
      }}
    >
      <p className="small muted">
        Capabilities: <Value v={vendor.capabilities} />
      </p>
      <Field label="Settings (JSON)" hint="e.g. the helpdesk's address or subdomain" error={act.errs.config}>
        <textarea className="code" rows={5} value={config} onChange={(e) => setConfig(e.target.value)} />
      </Field>
      <Field
        label="Credentials (JSON)"
        hint={connector?.has_credentials ? 'Stored. Leave empty to keep them.' : 'e.g. {"api_token": "…"}'}
        error={act.errs.credentials}
      >
        <textarea
          className="code"
          rows={3}
          value={creds}
          onChange={(e) => setCreds(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </Field>
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Enabled
      </label>
      <label className="check">
        <input type="checkbox" checked={clear} onChange={(e) => setClear(e.target.checked)} /> Send clear (unredacted) text to this helpdesk
        (each time is recorded)
      </label>
      {act.error != null && (
        <div role="alert" className="error">
          <p>{act.error instanceof Error ? act.error.message : String(act.error)}</p>
          {details.length > 0 && (
            <ul className="small">
              {details.slice(0, 10).map((d, i) => (
                <li key={i}>
                  {d.path ? <code>{d.path}</code> : null} {d.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <Notice text={notice} />
      <div className="action-row">
        <button type="submit" className="primary" disabled={act.busy}>
          Save
        </button>
        {connector && (
          <>
            <button
              type="button"
              disabled={act.busy}
              onClick={() =>
                void act.run(async () => {
                  setTest(null);
                  setTest(await post<{ ok?: boolean; detail?: string }>(`${path}/test`));
                })
              }
            >
              Test connection
            </button>
            <ConfirmButton
              label="Remove"
              what={vendor.display_name}
              onConfirm={() => void act.run(async () => (await del(path), onSaved()))}
            />
          </>
        )}
      </div>
      {test && (
        <p role="status" className={test.ok ? 'ok' : 'error'}>
          {test.ok ? 'Connection works.' : 'Connection failed.'} {test.detail}
        </p>
      )}
    </form>
  );
}

const DEAD_LETTER_COLUMNS: Column<DeadLetter>[] = [
  { header: 'Ticket', cell: (d) => d.external_id ?? d.conversation_id.slice(0, 8) },
  { header: 'Call', cell: (d) => d.op ?? '—' },
  { header: 'Attempts', cell: (d) => d.attempts ?? '—' },
  { header: 'Error', cell: (d) => d.error ?? '—' },
  { header: 'Failed', cell: (d) => (d.failed_at ? new Date(d.failed_at).toLocaleString() : '—') },
];

function DeadLetters() {
  const [res, reload] = useResource<{ dead_letters: DeadLetter[] }>(ADMIN.connectorDeadLetters);
  const act = useAction();
  const [notice, setNotice] = useState('');
  return (
    <>
      <h2>Failed helpdesk calls</h2>
      <p className="muted small">Calls that used up their retries. Retry one once the helpdesk is reachable again.</p>
      <AdminError res={res} what="Connector dead letters" />
      <FormError action={act} />
      <Notice text={notice} />
      {res.state === 'ready' && (
        <AdminTable
          label="Failed helpdesk calls"
          columns={DEAD_LETTER_COLUMNS}
          rows={res.data.dead_letters}
          empty={<p className="muted">None.</p>}
          actions={(d) => (
            <button
              type="button"
              disabled={act.busy}
              onClick={() =>
                void act.run(async () => (await post(`${ADMIN.connectorDeadLetters}/${d.id}/retry`), setNotice('Retry queued.'), reload()))
              }
            >
              Retry
              <span className="sr-only">
                {' '}
                call {d.op} for {d.external_id ?? d.conversation_id}
              </span>
            </button>
          )}
        />
      )}
    </>
  );
}
