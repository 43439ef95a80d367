import { useState } from 'react';
import { del, patch, post } from '../../api.ts';
import { useResource } from '../../hooks.ts';
import { ADMIN } from '../../endpoints.ts';
import { useWorkspace } from '../../workspace.tsx';
import { AdminForm, CheckList, ConfirmButton, errorFor, Field, FormError, joinList, splitList, useAction } from '../../forms.tsx';
import type { Team } from '../../types.ts';
import { AdminError, AdminHeader, Notice } from './common.tsx';
import { AdminTable, NamedSelect, useEdits, type Column } from './list.tsx';

interface Draft {
  name: string;
  skills: string;
  sla_minutes: string;
  fallback_team_id: string;
  member_ids: string[];
}

const fromTeam = (t?: Team): Draft => ({
  name: t?.name ?? '',
  skills: joinList(t?.skills),
  sla_minutes: t?.sla_seconds ? String(Math.round((t.sla_seconds / 60) * 100) / 100) : '5',
  fallback_team_id: t?.fallback_team_id ?? '',
  member_ids: t?.member_ids ?? [],
});

/** Teams: members, skills, SLA and the team a handoff overflows to. */
export function TeamsPage() {
  const ws = useWorkspace();
  const [res, reload] = useResource<{ teams: Team[] }>(ADMIN.teams);
  const list = useAction();
  const teams = res.state === 'ready' ? res.data.teams : [];
  const { editing, setEditing, notice, done } = useEdits(() => {
    reload();
    ws.reload();
  });
  const columns: Column<Team>[] = [
    { header: 'Team', cell: (t) => t.name },
    { header: 'Skills', cell: (t) => t.skills.join(', ') || '—' },
    { header: 'Members', cell: (t) => t.member_ids.map((id) => ws.agentName(id) ?? id.slice(0, 8)).join(', ') || '—' },
    { header: 'SLA', cell: (t) => (t.sla_seconds ? `${Math.round(t.sla_seconds / 60)} min` : '—') },
    { header: 'Overflow to', cell: (t) => teams.find((x) => x.id === t.fallback_team_id)?.name ?? '—' },
  ];
  return (
    <section aria-labelledby="admin-title">
      <AdminHeader title="Teams" add={{ label: 'Add team', shown: editing !== 'new', onClick: () => setEditing('new') }}>
        A handoff routed to a team waits for one of its members with the skills it needs. When nobody accepts within the SLA, it overflows
        to the fallback team.
      </AdminHeader>
      {editing === 'new' && <TeamForm teams={teams} onDone={(ok) => (ok ? done('Team added.') : setEditing(null))} />}
      <AdminError res={res} what="Team administration" />
      <Notice text={notice} />
      <FormError action={list} />
      {res.state === 'ready' && (
        <AdminTable
          columns={columns}
          rows={teams}
          editor={(t) =>
            editing === t.id && <TeamForm team={t} teams={teams} onDone={(ok) => (ok ? done('Team saved.') : setEditing(null))} />
          }
          actions={(t) => (
            <div className="action-row">
              <button type="button" onClick={() => setEditing(t.id)}>
                Edit<span className="sr-only"> {t.name}</span>
              </button>
              <ConfirmButton
                label="Delete"
                what={t.name}
                onConfirm={() => void list.run(async () => (await del(`${ADMIN.teams}/${t.id}`), done('Team deleted.')))}
              />
            </div>
          )}
        />
      )}
    </section>
  );
}

function TeamForm({ team, teams, onDone }: { team?: Team; teams: Team[]; onDone: (saved: boolean) => void }) {
  const ws = useWorkspace();
  const [d, setD] = useState<Draft>(() => fromTeam(team));
  const act = useAction();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const e = (...n: string[]) => errorFor(act.errs, ...n);
  const submit = () =>
    void act.run(async () => {
      const minutes = Number(d.sla_minutes);
      const body = {
        name: d.name,
        skills: splitList(d.skills),
        sla_seconds: d.sla_minutes.trim() === '' || !Number.isFinite(minutes) ? Number.NaN : Math.round(minutes * 60),
        fallback_team_id: d.fallback_team_id || null,
        member_ids: d.member_ids,
      };
      // An empty or non-numeric SLA is left to the server to refuse, with its own message.
      const payload = Number.isNaN(body.sla_seconds) ? { ...body, sla_seconds: d.sla_minutes } : body;
      if (team) await patch(`${ADMIN.teams}/${team.id}`, payload);
      else await post(ADMIN.teams, payload);
      onDone(true);
    });
  return (
    <AdminForm
      label={team ? `Edit team ${team.name}` : 'New team'}
      action={act}
      shown={['name', 'skills', 'sla_seconds', 'fallback_team_id', 'member_ids']}
      submit={team ? 'Save team' : 'Create team'}
      saving
      onCancel={() => onDone(false)}
      onSubmit={submit}
    >
      <div className="form-grid">
        <Field label="Team name" error={e('name')}>
          <input value={d.name} onChange={(ev) => set('name', ev.target.value)} maxLength={100} />
        </Field>
        <Field label="Skills" hint="Comma-separated, e.g. refunds, billing" error={e('skills')}>
          <input value={d.skills} onChange={(ev) => set('skills', ev.target.value)} />
        </Field>
        <Field label="SLA (minutes)" hint="How long a handoff may wait before it overflows" error={e('sla_seconds')}>
          <input inputMode="decimal" value={d.sla_minutes} onChange={(ev) => set('sla_minutes', ev.target.value)} />
        </Field>
        <Field label="Fallback team" error={e('fallback_team_id')}>
          <NamedSelect
            none="None (stays in the queue)"
            options={teams.filter((t) => t.id !== team?.id)}
            value={d.fallback_team_id}
            onChange={(v) => set('fallback_team_id', v)}
          />
        </Field>
      </div>
      <CheckList
        legend="Members"
        options={ws.agents.map((a) => ({ value: a.id, label: `${a.name} (${a.role})` }))}
        value={d.member_ids}
        onChange={(v) => set('member_ids', v)}
        error={e('member_ids')}
      />
    </AdminForm>
  );
}
