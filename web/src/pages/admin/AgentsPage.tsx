import { useState } from 'react';
import { del, patch, post } from '../../api.ts';
import { ADMIN } from '../../endpoints.ts';
import { useWorkspace } from '../../workspace.tsx';
import { AdminForm, CheckList, ConfirmButton, errorFor, Field, FormError, joinList, splitList, useAction } from '../../forms.tsx';
import type { Agent } from '../../types.ts';
import { AdminHeader, Notice } from './common.tsx';
import { AdminTable, LoadMore, useEdits, usePagedList, type Column } from './list.tsx';

type AdminAgent = Agent & { team_ids?: string[] };

interface Draft {
  email: string;
  name: string;
  role: Agent['role'];
  skills: string;
  languages: string;
  capacity: string;
  team_ids: string[];
  password: string;
}

const fromAgent = (a?: AdminAgent): Draft => ({
  email: a?.email ?? '',
  name: a?.name ?? '',
  role: a?.role ?? 'agent',
  skills: joinList(a?.skills),
  languages: joinList(a?.languages),
  capacity: String(a?.capacity ?? 5),
  team_ids: a?.team_ids ?? [],
  password: '',
});

/** Agents: invite with a first password, then role, skills, languages, capacity and teams. */
export function AgentsPage() {
  const ws = useWorkspace();
  const list = usePagedList<AdminAgent>(ADMIN.agents, 'agents');
  const { editing, setEditing, notice, done } = useEdits(() => {
    list.reload();
    ws.reload();
  });
  const columns: Column<AdminAgent>[] = [
    { header: 'Name', cell: (a) => a.name },
    { header: 'E-mail', cell: (a) => a.email },
    { header: 'Role', cell: (a) => a.role },
    {
      header: 'Status',
      cell: (a) => (
        <span className="status-word">
          <span className={`dot ${a.status}`} aria-hidden="true" /> {a.status}
        </span>
      ),
    },
    { header: 'Skills', cell: (a) => a.skills.join(', ') || '—' },
    { header: 'Languages', cell: (a) => a.languages.join(', ') || '—' },
    { header: 'Capacity', cell: (a) => a.capacity },
    { header: 'Teams', cell: (a) => (a.team_ids ?? []).map((id) => ws.teamName(id) ?? id.slice(0, 8)).join(', ') || '—' },
  ];

  return (
    <section aria-labelledby="admin-title">
      <AdminHeader title="Agents" add={{ label: 'Invite agent', shown: editing !== 'new', onClick: () => setEditing('new') }}>
        Admins change settings, agents take conversations, viewers only read. Capacity is how many open conversations an agent takes at
        once.
      </AdminHeader>
      {editing === 'new' && (
        <AgentForm onDone={(ok) => (ok ? done('Agent invited: give them their e-mail and first password.') : setEditing(null))} />
      )}
      <Notice text={notice} />
      <FormError action={list.action} />
      {list.items === null && !list.action.error && <p role="status">Loading…</p>}
      {list.items && (
        <AdminTable
          columns={columns}
          rows={list.items}
          editor={(a) => editing === a.id && <AgentForm agent={a} onDone={(ok) => (ok ? done('Agent saved.') : setEditing(null))} />}
          actions={(a) => (
            <div className="action-row">
              <button type="button" onClick={() => setEditing(a.id)}>
                Edit<span className="sr-only"> {a.name}</span>
              </button>
              {a.id !== ws.me.id && (
                <ConfirmButton
                  label="Remove"
                  what={a.name}
                  onConfirm={() => void list.action.run(async () => (await del(`${ADMIN.agents}/${a.id}`), done('Agent removed.')))}
                />
              )}
            </div>
          )}
        />
      )}
      <LoadMore list={list} label="Load more agents" />
    </section>
  );
}

function AgentForm({ agent, onDone }: { agent?: AdminAgent; onDone: (saved: boolean) => void }) {
  const ws = useWorkspace();
  const [d, setD] = useState<Draft>(() => fromAgent(agent));
  const act = useAction();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const e = (...n: string[]) => errorFor(act.errs, ...n);
  const submit = () =>
    void act.run(async () => {
      const capacity = d.capacity.trim() !== '' && Number.isFinite(Number(d.capacity)) ? Number(d.capacity) : d.capacity;
      const body: Record<string, unknown> = {
        name: d.name,
        role: d.role,
        skills: splitList(d.skills),
        languages: splitList(d.languages),
        capacity,
        team_ids: d.team_ids,
      };
      if (d.password || !agent) body.password = d.password;
      if (agent) await patch(`${ADMIN.agents}/${agent.id}`, body);
      else await post(ADMIN.agents, { email: d.email, ...body });
      onDone(true);
    });
  return (
    <AdminForm
      label={agent ? `Edit agent ${agent.name}` : 'Invite an agent'}
      action={act}
      shown={['email', 'name', 'role', 'skills', 'languages', 'capacity', 'password', 'team_ids']}
      submit={agent ? 'Save agent' : 'Invite'}
      saving
      onCancel={() => onDone(false)}
      onSubmit={submit}
    >
      <div className="form-grid">
        {!agent && (
          <Field label="E-mail" error={e('email')}>
            <input type="email" autoComplete="off" value={d.email} onChange={(ev) => set('email', ev.target.value)} />
          </Field>
        )}
        <Field label="Name" error={e('name')}>
          <input value={d.name} onChange={(ev) => set('name', ev.target.value)} />
        </Field>
        <Field label="Role" error={e('role')}>
          <select value={d.role} onChange={(ev) => set('role', ev.target.value as Agent['role'])}>
            <option value="agent">Agent</option>
            <option value="admin">Admin</option>
            <option value="viewer">Viewer (read only)</option>
          </select>
        </Field>
        <Field label="Skills" hint="Comma-separated" error={e('skills')}>
          <input value={d.skills} onChange={(ev) => set('skills', ev.target.value)} />
        </Field>
        <Field label="Languages" hint="e.g. en, es" error={e('languages')}>
          <input value={d.languages} onChange={(ev) => set('languages', ev.target.value)} />
        </Field>
        <Field label="Capacity" hint="Open conversations at once, 0–100" error={e('capacity')}>
          <input inputMode="numeric" value={d.capacity} onChange={(ev) => set('capacity', ev.target.value)} />
        </Field>
        <Field
          label={agent ? 'New password (optional)' : 'First password'}
          hint="At least 10 characters; a new password signs the agent out"
          error={e('password')}
        >
          <input type="password" autoComplete="new-password" value={d.password} onChange={(ev) => set('password', ev.target.value)} />
        </Field>
      </div>
      <CheckList
        legend="Teams"
        options={ws.teams.map((t) => ({ value: t.id, label: t.name }))}
        value={d.team_ids}
        onChange={(v) => set('team_ids', v)}
        error={e('team_ids')}
      />
    </AdminForm>
  );
}
