import { useState } from 'react';
import { del, patch, post } from '../../api.ts';
import { ADMIN } from '../../endpoints.ts';
import { useWorkspace } from '../../workspace.tsx';
import { AdminForm, ConfirmButton, errorFor, Field, FormError, joinList, splitList, useAction } from '../../forms.tsx';
import { AdminHeader, Notice } from './common.tsx';
import { LoadMore, NamedSelect, useEdits, usePagedList } from './list.tsx';
import { LANGUAGES, languageName } from '../../languages.ts';
import type { Macro } from '../../types.ts';

/** Macros: saved replies agents insert from the assist panel. */
export function MacrosPage() {
  const ws = useWorkspace();
  const list = usePagedList<Macro>(ADMIN.macros, 'macros');
  const macros = list.items;
  const { editing, setEditing, notice, done } = useEdits(list.reload);
  const canEdit = ws.me.role !== 'viewer';
  return (
    <section aria-labelledby="admin-title">
      <AdminHeader title="Macros" add={{ label: 'Add macro', shown: canEdit && editing !== 'new', onClick: () => setEditing('new') }}>
        Saved replies. They may use <code>{'{{customer.name}}'}</code> and <code>{'{{agent.name}}'}</code>; a macro for a team is offered
        only on that team's conversations. A macro in one language is offered to customers writing in it; customers in a language you have
        no macros for are offered all of them.
      </AdminHeader>
      {editing === 'new' && <MacroForm onDone={(ok) => (ok ? done('Macro added.') : setEditing(null))} />}
      <Notice text={notice} />
      <FormError action={list.action} />
      {macros === null && !list.action.error && <p role="status">Loading…</p>}
      {macros?.length === 0 && <p className="muted">No macros yet.</p>}
      <ul className="card-list">
        {macros?.map((m) => (
          <li key={m.id} className="card">
            {editing === m.id ? (
              <MacroForm macro={m} onDone={(ok) => (ok ? done('Macro saved.') : setEditing(null))} />
            ) : (
              <>
                <div className="card-head">
                  <h2>{m.title}</h2>
                  {canEdit && (
                    <div className="action-row">
                      <button type="button" onClick={() => setEditing(m.id)}>
                        Edit<span className="sr-only"> {m.title}</span>
                      </button>
                      <ConfirmButton
                        label="Delete"
                        what={m.title}
                        onConfirm={() => void list.action.run(async () => (await del(`${ADMIN.macros}/${m.id}`), done('Macro deleted.')))}
                      />
                    </div>
                  )}
                </div>
                <p className="pre">{m.body}</p>
                <p className="muted small">
                  {m.team_id ? `Team ${ws.teamName(m.team_id) ?? ''}` : 'All teams'}
                  {` · ${m.language ? languageName(m.language) : 'Any language'}`}
                  {m.tags.length > 0 && ` · ${m.tags.join(', ')}`}
                </p>
              </>
            )}
          </li>
        ))}
      </ul>
      <LoadMore list={list} label="Load more macros" />
    </section>
  );
}

function MacroForm({ macro, onDone }: { macro?: Macro; onDone: (saved: boolean) => void }) {
  const ws = useWorkspace();
  const [title, setTitle] = useState(macro?.title ?? '');
  const [body, setBody] = useState(macro?.body ?? '');
  const [tags, setTags] = useState(joinList(macro?.tags));
  const [team, setTeam] = useState(macro?.team_id ?? '');
  const [language, setLanguage] = useState(macro?.language ?? '');
  const act = useAction();
  const e = (...n: string[]) => errorFor(act.errs, ...n);
  return (
    <AdminForm
      label={macro ? `Edit macro ${macro.title}` : 'New macro'}
      action={act}
      shown={['title', 'body', 'tags', 'language', 'team_id']}
      submit={macro ? 'Save macro' : 'Add macro'}
      saving
      onCancel={() => onDone(false)}
      onSubmit={() => {
        void act.run(async () => {
          const b = { title, body, tags: splitList(tags), language: language || null, team_id: team || null };
          if (macro) await patch(`${ADMIN.macros}/${macro.id}`, b);
          else await post(ADMIN.macros, b);
          onDone(true);
        });
      }}
    >
      <div className="form-grid">
        <Field label="Title" error={e('title')}>
          <input value={title} onChange={(ev) => setTitle(ev.target.value)} />
        </Field>
        <Field label="Team" error={e('team_id')}>
          <NamedSelect none="All teams" options={ws.teams} value={team} onChange={setTeam} />
        </Field>
        <Field label="Language" error={e('language')}>
          <NamedSelect
            none="Any language"
            options={[...new Set([...LANGUAGES, ...(macro?.language ? [macro.language] : [])])].map((code) => ({
              id: code,
              name: languageName(code),
            }))}
            value={language}
            onChange={setLanguage}
          />
        </Field>
        <Field label="Tags" hint="Comma-separated" error={e('tags')}>
          <input value={tags} onChange={(ev) => setTags(ev.target.value)} />
        </Field>
      </div>
      <Field label="Reply text" error={e('body')}>
        <textarea rows={4} value={body} onChange={(ev) => setBody(ev.target.value)} />
      </Field>
    </AdminForm>
  );
}
