import { useEffect, useState } from 'react';
import { del, put } from '../../api.ts';
import { ADMIN } from '../../endpoints.ts';
import { AdminForm, ConfirmButton, errorFor, Field, FormError, useAction } from '../../forms.tsx';
import type { ActionsView } from '../../types.ts';
import { AdminError, AdminHeader, Notice } from './common.tsx';
import { useActionsDoc, type ActionsDoc } from './actions/doc.ts';
import { ToolList } from './actions/ToolList.tsx';
import { ImportTools } from './actions/ImportTools.tsx';

/** Actions: where the company's API is, its secret, and the tools the bot may call (imported, edited, tried). */
export function ActionsPage() {
  const doc = useActionsDoc();
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState('');
  const view = doc.res.state === 'ready' ? doc.res.data : null;
  return (
    <section aria-labelledby="admin-title">
      <AdminHeader title="Actions" add={{ label: 'Import from OpenAPI', shown: !importing && !!view, onClick: () => setImporting(true) }}>
        The company API the bot may call: lookups (read) and changes (write), each one operation of your API. Playbooks decide when they are
        called.
      </AdminHeader>
      <AdminError res={doc.res} what="Actions administration" />
      <Notice text={notice} />
      {view && importing && (
        <ImportTools
          onDone={(text) => {
            setImporting(false);
            if (text) {
              setNotice(text);
              doc.reload();
            }
          }}
        />
      )}
      {view && <Connection view={view} doc={doc} onNotice={setNotice} />}
      {view && <ToolList view={view} doc={doc} onNotice={setNotice} onImport={() => setImporting(true)} />}
    </section>
  );
}

/** The API base, the private-network switch and the secret (set or cleared, never shown). */
function Connection({ view, doc, onNotice }: { view: ActionsView; doc: ActionsDoc; onNotice: (t: string) => void }) {
  const [apiBase, setApiBase] = useState(view.config.apiBase ?? '');
  const [priv, setPriv] = useState(view.allowPrivateNetwork);
  const [secret, setSecret] = useState('');
  const act = useAction();
  const secretAct = useAction();
  useEffect(() => {
    setApiBase(view.config.apiBase ?? '');
    setPriv(view.allowPrivateNetwork);
  }, [view]);
  return (
    <div className="card actions-connection">
      <h2>Company API</h2>
      <AdminForm
        label="Company API"
        action={act}
        shown={['apiBase']}
        submit="Save API settings"
        saving
        onSubmit={() =>
          void act.run(async () => {
            await doc.save({ ...view.config, apiBase: apiBase.trim() || undefined }, priv);
            onNotice('API settings saved.');
          })
        }
      >
        <Field
          label="API base URL"
          error={errorFor(act.errs, 'apiBase', 'config.apiBase')}
          hint="Tool paths are relative to it, e.g. https://api.example.com/v1"
        >
          <input type="url" value={apiBase} onChange={(e) => setApiBase(e.target.value)} placeholder="https://api.example.com/v1" />
        </Field>
        <label className="check">
          <input type="checkbox" checked={priv} onChange={(e) => setPriv(e.target.checked)} /> Allow private and loopback addresses (only
          for an API inside your network)
        </label>
      </AdminForm>
      <form
        className="admin-form"
        aria-label="The API secret"
        onSubmit={(e) => {
          e.preventDefault();
          void secretAct.run(async () => {
            await put(ADMIN.actionsSecret, { secret });
            setSecret('');
            onNotice('The API secret is stored.');
            doc.reload();
          });
        }}
      >
        <p className="small">
          {view.hasSecret ? (
            <>
              <span className="badge verified">A secret is set</span> It is stored sealed and never shown again; tools send it as their auth
              setting says.
            </>
          ) : (
            <>
              <span className="badge">No secret</span> Tools that need your API key cannot authenticate until one is set.
            </>
          )}
        </p>
        <div className="action-row">
          <Field label={view.hasSecret ? 'New secret' : 'API secret'} error={errorFor(secretAct.errs, 'secret')}>
            <input type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} />
          </Field>
          <button type="submit" disabled={!secret || secretAct.busy}>
            {view.hasSecret ? 'Replace secret' : 'Set secret'}
          </button>
          {view.hasSecret && (
            <ConfirmButton
              label="Clear"
              what="API secret"
              onConfirm={() =>
                void secretAct.run(async () => {
                  await del(ADMIN.actionsSecret);
                  onNotice('The API secret is cleared.');
                  doc.reload();
                })
              }
            />
          )}
        </div>
        <FormError action={secretAct} shown={['secret']} />
      </form>
    </div>
  );
}
