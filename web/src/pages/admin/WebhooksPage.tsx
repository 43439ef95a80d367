import { useState } from 'react';
import { del, patch, post } from '../../api.ts';
import { useResource } from '../../hooks.ts';
import { ADMIN } from '../../endpoints.ts';
import { AdminForm, CheckList, ConfirmButton, errorFor, Field, FormError, useAction } from '../../forms.tsx';
import { AdminError, AdminHeader, Notice, ShownOnce } from './common.tsx';
import { AdminTable, type Column } from './list.tsx';

interface Webhook {
  id: string;
  url: string;
  description: string | null;
  event_types: string[];
  allow_private: boolean;
  enabled: boolean;
}
interface Delivery {
  id: string;
  event_id: string;
  event_type: string;
  status: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: string | null;
  delivered_at: string | null;
}

// The server lists the event types a subscription can ask for ('*': every one).
const eventOptions = (types: string[]) => types.map((t) => ({ value: t, label: t === '*' ? 'Every event' : t }));

/** Outbound webhooks: subscriptions, their signing secret (shown once) and the delivery log. */
export function WebhooksPage() {
  const [res, reload] = useResource<{ webhooks: Webhook[]; event_types: string[] }>(ADMIN.webhooks);
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null);
  const [log, setLog] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const list = useAction();
  return (
    <section aria-labelledby="admin-title">
      <AdminHeader title="Webhooks" add={{ label: 'Add webhook', shown: !adding, onClick: () => setAdding(true) }}>
        Baton POSTs signed events to your URLs and retries failed deliveries. Verify the signature with the secret shown when you create the
        subscription.
      </AdminHeader>
      {adding && res.state === 'ready' && (
        <WebhookForm
          eventTypes={res.data.event_types}
          onDone={(created) => {
            setAdding(false);
            if (created) {
              setSecret({ label: 'Signing secret for the new webhook.', value: created });
              reload();
            }
          }}
        />
      )}
      {secret && <ShownOnce label={secret.label} value={secret.value} onDismiss={() => setSecret(null)} />}
      <AdminError res={res} what="Webhook administration" />
      <Notice text={notice} />
      <FormError action={list} />
      {res.state === 'ready' && res.data.webhooks.length === 0 && <p className="muted">No webhooks.</p>}
      <ul className="card-list">
        {res.state === 'ready' &&
          res.data.webhooks.map((w) => (
            <li key={w.id} className="card">
              <div className="card-head">
                <h2 className="wrap">
                  {w.url} {!w.enabled && <span className="badge">off</span>}
                </h2>
                <div className="action-row">
                  <button type="button" aria-expanded={log === w.id} onClick={() => setLog(log === w.id ? null : w.id)}>
                    Delivery log<span className="sr-only"> for {w.url}</span>
                  </button>
                  <button
                    type="button"
                    disabled={list.busy}
                    onClick={() => void list.run(async () => (await patch(`${ADMIN.webhooks}/${w.id}`, { enabled: !w.enabled }), reload()))}
                  >
                    {w.enabled ? 'Turn off' : 'Turn on'}
                    <span className="sr-only"> {w.url}</span>
                  </button>
                  <button
                    type="button"
                    disabled={list.busy}
                    onClick={() =>
                      void list.run(async () => {
                        const r = await post<{ secret: string }>(`${ADMIN.webhooks}/${w.id}/rotate-secret`);
                        setSecret({ label: `New signing secret for ${w.url}.`, value: r.secret });
                      })
                    }
                  >
                    Rotate secret
                  </button>
                  <ConfirmButton
                    label="Delete"
                    what={w.url}
                    onConfirm={() =>
                      void list.run(async () => (await del(`${ADMIN.webhooks}/${w.id}`), setNotice('Webhook deleted.'), reload()))
                    }
                  />
                </div>
              </div>
              <p className="small muted">
                {w.description && `${w.description} · `}
                {w.event_types.join(', ')}
                {w.allow_private && ' · private addresses allowed'}
              </p>
              {log === w.id && <DeliveryLog id={w.id} />}
            </li>
          ))}
      </ul>
    </section>
  );
}

function WebhookForm({ eventTypes, onDone }: { eventTypes: string[]; onDone: (secret: string | null) => void }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>(['conversation.handoff']);
  const [allowPrivate, setAllowPrivate] = useState(false);
  const act = useAction();
  const e = (...n: string[]) => errorFor(act.errs, ...n);
  return (
    <AdminForm
      label="New webhook"
      action={act}
      shown={['url', 'description', 'event_types']}
      submit="Add webhook"
      onCancel={() => onDone(null)}
      onSubmit={() => {
        void act.run(async () => {
          const r = await post<{ secret: string }>(ADMIN.webhooks, {
            url,
            description: description || undefined,
            event_types: events,
            allow_private: allowPrivate,
          });
          onDone(r.secret);
        });
      }}
    >
      <div className="form-grid">
        <Field label="URL" error={e('url')}>
          <input type="url" value={url} onChange={(ev) => setUrl(ev.target.value)} placeholder="https://example.com/baton-events" />
        </Field>
        <Field label="Description" error={e('description')}>
          <input value={description} onChange={(ev) => setDescription(ev.target.value)} maxLength={200} />
        </Field>
      </div>
      <CheckList legend="Events" options={eventOptions(eventTypes)} value={events} onChange={setEvents} error={e('event_types')} />
      <label className="check">
        <input type="checkbox" checked={allowPrivate} onChange={(ev) => setAllowPrivate(ev.target.checked)} /> Allow private and loopback
        addresses (only for servers inside your network)
      </label>
    </AdminForm>
  );
}

const DELIVERY_COLUMNS: Column<Delivery>[] = [
  {
    header: 'Event',
    cell: (d) => (
      <>
        {d.event_type}
        <br />
        <code className="small">{d.event_id}</code>
      </>
    ),
  },
  { header: 'Status', cell: (d) => d.status },
  { header: 'Attempts', cell: (d) => d.attempts },
  { header: 'Last response', cell: (d) => d.last_status ?? d.last_error ?? '—' },
  { header: 'Created', cell: (d) => (d.created_at ? new Date(d.created_at).toLocaleString() : '—') },
];

function DeliveryLog({ id }: { id: string }) {
  const [res, reload] = useResource<{ deliveries: Delivery[] }>(`${ADMIN.webhooks}/${id}/deliveries?limit=50`);
  const act = useAction();
  return (
    <div className="delivery-log">
      <div className="card-head">
        <h3>Deliveries (newest first)</h3>
        <button type="button" className="link" onClick={reload}>
          Refresh
        </button>
      </div>
      <AdminError res={res} what="The delivery log" />
      <FormError action={act} />
      {res.state === 'ready' && (
        <AdminTable
          label="Deliveries"
          columns={DELIVERY_COLUMNS}
          rows={res.data.deliveries}
          empty={<p className="muted small">No deliveries yet.</p>}
          actions={(d) =>
            d.status !== 'delivered' && (
              <button
                type="button"
                disabled={act.busy}
                onClick={() => void act.run(async () => (await post(`${ADMIN.webhooks}/deliveries/${d.id}/retry`), reload()))}
              >
                Retry<span className="sr-only"> {d.event_type}</span>
              </button>
            )
          }
        />
      )}
    </div>
  );
}
