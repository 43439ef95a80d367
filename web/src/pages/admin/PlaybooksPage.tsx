import { useState } from 'react';
import { ConfirmButton, FormError, useAction } from '../../forms.tsx';
import type { ActionsConfig, ActionsView } from '../../types.ts';
import { AdminError, AdminHeader, Notice } from './common.tsx';
import { pretty, useActionsDoc, type ActionsDoc } from './actions/doc.ts';
import { ProblemList } from './actions/JsonEditor.tsx';
import { JsonPartForm } from './actions/JsonPartForm.tsx';
import { documentProblems } from './actions/problems.ts';
import { saidInWords, summarise } from './actions/summary.ts';

type Playbook = ActionsConfig['playbooks'][number];
type Identity = NonNullable<ActionsConfig['identity']>;

// What a new playbook starts as: every part present, so the admin edits rather than recalls the shape.
const NEW_PLAYBOOK = {
  id: 'new-playbook',
  title: 'A new playbook',
  trigger: { articles: ['article-id'] },
  identity: 'required',
  slots: [{ name: 'order_id', ask: 'Which order is it about?', recognise: [{ type: 'pattern', pattern: '#?W\\d{7}' }] }],
  steps: [
    { do: 'ask', slot: 'order_id' },
    { do: 'call', tool: 'tool_name', args: { order_id: '{order_id}' }, as: 'order' },
    { do: 'reply', text: 'Your order is {order.status}.' },
  ],
};
const NEW_IDENTITY = {
  ask: 'To look into your account, what is the e-mail address on it?',
  methods: [{ tool: 'tool_name', slots: ['email'], args: { email: '{email}' } }],
  slots: [{ name: 'email', ask: 'What is the e-mail address on your account?', recognise: [{ type: 'entity', entity: 'email' }] }],
};

/** Playbooks (what the bot does for an intent, step by step) and how a customer is verified. */
export function PlaybooksPage() {
  const doc = useActionsDoc();
  const [editing, setEditing] = useState<number | 'new' | 'identity' | null>(null);
  const [notice, setNotice] = useState('');
  const list = useAction();
  const view = doc.res.state === 'ready' ? doc.res.data : null;
  const done = (text: string | null) => {
    setEditing(null);
    if (text) setNotice(text);
  };
  const playbooks = view?.config.playbooks ?? [];
  return (
    <section aria-labelledby="admin-title">
      <AdminHeader title="Playbooks" add={{ label: 'Add playbook', shown: editing !== 'new' && !!view, onClick: () => setEditing('new') }}>
        What the bot does when a customer asks for something your tools can do: the intent that starts it, what it asks, which tools it
        calls, the checks and the confirmation before a change. Edited as JSON (see docs/actions.md); every save is checked whole.
      </AdminHeader>
      <AdminError res={doc.res} what="Playbook administration" />
      <Notice text={notice} />
      <FormError action={list} />
      <ProblemList problems={documentProblems(list.error)} label="The document would not be valid without it:" />
      {view && editing === 'new' && <PlaybookEditor view={view} doc={doc} index={playbooks.length} initial={NEW_PLAYBOOK} onDone={done} />}
      {view && playbooks.length === 0 && editing !== 'new' && (
        <p className="muted empty-state">
          No playbooks yet: the bot answers from knowledge only and calls no tools. Add one for each task customers ask for (order status,
          cancellation, address change).
        </p>
      )}
      <ul className="card-list">
        {playbooks.map((p, i) => {
          const s = summarise(p);
          return (
            <li key={`${s.id}-${i}`} className="card playbook-card">
              {editing === i && view ? (
                <PlaybookEditor view={view} doc={doc} index={i} initial={p} onDone={done} />
              ) : (
                <>
                  <div className="card-head">
                    <h2 className="wrap">
                      {s.title || s.id} <code className="small muted">{s.id}</code>
                    </h2>
                    <div className="action-row">
                      <button type="button" onClick={() => setEditing(i)}>
                        Edit<span className="sr-only"> {s.id}</span>
                      </button>
                      <ConfirmButton
                        label="Remove"
                        what={s.id}
                        disabled={list.busy}
                        onConfirm={() =>
                          void list.run(async () => {
                            await doc.save({ ...view!.config, playbooks: playbooks.filter((_, j) => j !== i) });
                            setNotice(`Playbook ${s.id} removed.`);
                          })
                        }
                      />
                    </div>
                  </div>
                  <PlaybookSummaryView playbook={p} />
                </>
              )}
            </li>
          );
        })}
      </ul>
      {view && <IdentityCard view={view} doc={doc} editing={editing === 'identity'} onEdit={() => setEditing('identity')} onDone={done} />}
    </section>
  );
}

function PlaybookSummaryView({ playbook }: { playbook: Playbook }) {
  const s = summarise(playbook);
  return (
    <dl className="kv playbook-summary">
      <div>
        <dt>Starts on</dt>
        <dd>
          {s.triggers.length
            ? s.triggers.map((t) => (
                <code key={t} className="chip">
                  {t}
                </code>
              ))
            : '—'}
        </dd>
      </div>
      <div>
        <dt>Customer</dt>
        <dd>{s.identity}</dd>
      </div>
      <div>
        <dt>Asks for</dt>
        <dd>{s.slots.length ? s.slots.join(', ') : 'nothing'}</dd>
      </div>
      <div>
        <dt>Steps</dt>
        <dd>
          <ol className="steps">
            {s.steps.map((st, i) => (
              <li key={i}>{st}</li>
            ))}
          </ol>
        </dd>
      </div>
    </dl>
  );
}

/** One playbook as JSON, saved into the document; the API's problems placed on their lines. */
function PlaybookEditor(props: {
  view: ActionsView;
  doc: ActionsDoc;
  index: number;
  initial: unknown;
  onDone: (t: string | null) => void;
}) {
  const { view, index } = props;
  const [text, setText] = useState(pretty(props.initial));
  const act = useAction();
  const isNew = index >= view.config.playbooks.length;
  return (
    <JsonPartForm
      label={isNew ? 'New playbook' : `Edit playbook ${summarise(props.initial).id}`}
      editorLabel={isNew ? 'New playbook (JSON)' : 'Playbook (JSON)'}
      value={text}
      onChange={setText}
      at={['playbooks', String(index)]}
      action={act}
      submit="Save playbook"
      rows={44}
      onSave={(value) => {
        const playbooks = [...view.config.playbooks];
        playbooks[index] = value as Playbook;
        void act.run(async () => {
          await props.doc.save({ ...view.config, playbooks });
          props.onDone(`Playbook ${summarise(value).id} saved.`);
        });
      }}
      onCancel={() => props.onDone(null)}
    />
  );
}

/** How a customer is verified in the conversation: summary, JSON editor, removal. */
function IdentityCard(props: {
  view: ActionsView;
  doc: ActionsDoc;
  editing: boolean;
  onEdit: () => void;
  onDone: (t: string | null) => void;
}) {
  const { view } = props;
  const identity = view.config.identity;
  const [text, setText] = useState('');
  const act = useAction();
  const all = documentProblems(act.error);
  return (
    <div className="card identity-card">
      <div className="card-head">
        <h2>Identity</h2>
        {!props.editing && (
          <div className="action-row">
            <button
              type="button"
              onClick={() => {
                setText(pretty(identity ?? NEW_IDENTITY));
                act.clear();
                props.onEdit();
              }}
            >
              {identity ? 'Edit identity' : 'Set up identity'}
            </button>
            {identity && (
              <ConfirmButton
                label="Remove"
                what="identity"
                onConfirm={() =>
                  void act.run(async () => {
                    await props.doc.save({ ...view.config, identity: undefined });
                    props.onDone('Identity removed.');
                  })
                }
              />
            )}
          </div>
        )}
      </div>
      <p className="muted small">
        How the bot verifies a customer the host page did not: what it asks, and the tool that checks the answer. Playbooks marked “verified
        customer” use it.
      </p>
      {!props.editing && !identity && <p className="muted">Not set up: playbooks that need a verified customer hand off instead.</p>}
      {!props.editing && identity && <IdentitySummary identity={identity} />}
      {!props.editing && <ProblemList problems={all} label="The document would not be valid without it:" />}
      {props.editing && (
        <JsonPartForm
          label="Edit identity"
          editorLabel="Identity (JSON)"
          value={text}
          onChange={setText}
          at={['identity']}
          action={act}
          submit="Save identity"
          onSave={(value) =>
            void act.run(async () => {
              await props.doc.save({ ...view.config, identity: value as Identity });
              props.onDone('Identity saved.');
            })
          }
          onCancel={() => props.onDone(null)}
        />
      )}
    </div>
  );
}

function IdentitySummary({ identity }: { identity: Identity }) {
  return (
    <dl className="kv playbook-summary">
      <div>
        <dt>Asks</dt>
        <dd>{saidInWords(identity.ask)}</dd>
      </div>
      <div>
        <dt>Verified by</dt>
        <dd>
          <ol className="steps">
            {identity.methods.map((m, i) => (
              <li key={i}>
                <code>{m.tool}</code> with {m.slots.join(' + ')}
              </li>
            ))}
          </ol>
        </dd>
      </div>
      <div>
        <dt>Details</dt>
        <dd>{identity.slots.map((s) => s.name).join(', ')}</dd>
      </div>
    </dl>
  );
}
