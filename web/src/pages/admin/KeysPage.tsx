import { useState } from 'react';
import { del, post } from '../../api.ts';
import { useResource } from '../../hooks.ts';
import { ADMIN } from '../../endpoints.ts';
import { AdminForm, CheckList, ConfirmButton, errorFor, Field, FormError, useAction } from '../../forms.tsx';
import { AdminError, Notice, ShownOnce } from './common.tsx';
import { AdminTable, type Column } from './list.tsx';

interface ApiKey {
  id: string;
  name: string;
  scopes: string[];
  created_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

const SCOPES = [
  { value: 'read', label: 'read (like a viewer)' },
  { value: 'write', label: 'write (like an agent)' },
  { value: 'admin', label: 'admin' },
] as const;
type Scope = (typeof SCOPES)[number]['value'];

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

const COLUMNS: Column<ApiKey>[] = [
  { header: 'Name', cell: (k) => k.name },
  { header: 'Scopes', cell: (k) => k.scopes.join(', ') },
  { header: 'Created', cell: (k) => when(k.created_at) },
  { header: 'Last used', cell: (k) => when(k.last_used_at) },
  {
    header: 'State',
    cell: (k) =>
      k.revoked_at ? <span className="badge">revoked {when(k.revoked_at)}</span> : <span className="badge verified">active</span>,
  },
];

/** API keys for servers and scripts: created with the secret shown once, revoked at once. */
export function KeysPage() {
  const [res, reload] = useResource<{ api_keys: ApiKey[] }>(ADMIN.keys);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['read']);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [notice, setNotice] = useState('');
  const act = useAction();
  const list = useAction();
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">API keys</h1>
      <p className="muted">
        Keys let your servers call the Baton API (<code>Authorization: Bearer bk_…</code>). Only a hash is stored: the key itself is shown
        once, when you create it.
      </p>
      <AdminForm
        label="New API key"
        action={act}
        shown={['name', 'scopes']}
        submit="Create key"
        onSubmit={() => {
          void act.run(async () => {
            const r = await post<{ api_key: { name: string; key: string } }>(ADMIN.keys, { name, scopes });
            setCreated({ name: r.api_key.name, key: r.api_key.key });
            setName('');
            reload();
          });
        }}
      >
        <div className="form-grid">
          <Field label="Key name" hint="Where it is used, e.g. “CRM sync”" error={errorFor(act.errs, 'name')}>
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
        </div>
        <CheckList legend="Scopes" options={SCOPES} value={scopes} onChange={setScopes} error={errorFor(act.errs, 'scopes')} />
      </AdminForm>
      {created && <ShownOnce label={`New key “${created.name}”.`} value={created.key} onDismiss={() => setCreated(null)} />}
      <AdminError res={res} what="API key administration" />
      <Notice text={notice} />
      <FormError action={list} />
      {res.state === 'ready' && (
        <AdminTable
          label="API keys"
          columns={COLUMNS}
          rows={res.data.api_keys}
          actions={(k) =>
            !k.revoked_at && (
              <ConfirmButton
                label="Revoke"
                what={k.name}
                onConfirm={() =>
                  void list.run(async () => (await del(`${ADMIN.keys}/${k.id}`), setNotice(`Key “${k.name}” revoked.`), reload()))
                }
              />
            )
          }
        />
      )}
    </section>
  );
}
