import { useState } from 'react';
import { del, patch, post, put } from '../../api.ts';
import { useResource } from '../../hooks.ts';
import { ADMIN } from '../../endpoints.ts';
import { REASON_LABEL } from '../../format.ts';
import { useWorkspace } from '../../workspace.tsx';
import type { AdminArticle } from '../../types.ts';
import {
  type Action,
  AdminForm,
  CheckList,
  ConfirmButton,
  errorFor,
  Field,
  FormError,
  joinList,
  splitList,
  useAction,
} from '../../forms.tsx';
import { AdminError, AdminHeader, Notice } from './common.tsx';
import { NamedSelect } from './list.tsx';
import { RoutingExplainer } from './RoutingExplainer.tsx';

type Target = { type: 'team'; team_id: string } | { type: 'agent'; agent_id: string; fallback_team_id?: string | null } | { type: 'queue' };
interface Conditions {
  intents?: string[];
  languages?: string[];
  reasons?: string[];
  channels?: string[];
  customer?: { tier?: string[]; plan?: string[]; vip?: boolean };
  business_hours?: 'open' | 'closed';
}
export interface Rule {
  id: string;
  position: number;
  name: string;
  enabled: boolean;
  conditions: Conditions;
  target: Target;
  skills: string[];
  priority: string | null;
}

const REASONS = Object.keys(REASON_LABEL).map((r) => ({ value: r, label: REASON_LABEL[r]! }));

interface Draft {
  name: string;
  enabled: boolean;
  targetType: Target['type'];
  team_id: string;
  agent_id: string;
  fallback_team_id: string;
  priority: string;
  skills: string;
  intents: string;
  languages: string;
  channels: string;
  reasons: string[];
  tier: string;
  plan: string;
  vip: '' | 'true' | 'false';
  business_hours: '' | 'open' | 'closed';
}

const EMPTY: Draft = {
  name: '',
  enabled: true,
  targetType: 'team',
  team_id: '',
  agent_id: '',
  fallback_team_id: '',
  priority: '',
  skills: '',
  intents: '',
  languages: '',
  channels: '',
  reasons: [],
  tier: '',
  plan: '',
  vip: '',
  business_hours: '',
};

function fromRule(r: Rule): Draft {
  const c = r.conditions ?? {};
  const t = r.target;
  return {
    name: r.name,
    enabled: r.enabled,
    targetType: t.type,
    team_id: t.type === 'team' ? t.team_id : '',
    agent_id: t.type === 'agent' ? t.agent_id : '',
    fallback_team_id: t.type === 'agent' ? (t.fallback_team_id ?? '') : '',
    priority: r.priority ?? '',
    skills: joinList(r.skills),
    intents: joinList(c.intents),
    languages: joinList(c.languages),
    channels: joinList(c.channels),
    reasons: c.reasons ?? [],
    tier: joinList(c.customer?.tier),
    plan: joinList(c.customer?.plan),
    vip: c.customer?.vip === undefined ? '' : c.customer.vip ? 'true' : 'false',
    business_hours: c.business_hours ?? '',
  };
}

function toBody(d: Draft) {
  const conditions: Conditions = {};
  const list = (s: string) => (splitList(s).length ? splitList(s) : undefined);
  if (list(d.intents)) conditions.intents = list(d.intents);
  if (list(d.languages)) conditions.languages = list(d.languages);
  if (list(d.channels)) conditions.channels = list(d.channels);
  if (d.reasons.length) conditions.reasons = d.reasons;
  const customer: NonNullable<Conditions['customer']> = {};
  if (list(d.tier)) customer.tier = list(d.tier);
  if (list(d.plan)) customer.plan = list(d.plan);
  if (d.vip) customer.vip = d.vip === 'true';
  if (Object.keys(customer).length) conditions.customer = customer;
  if (d.business_hours) conditions.business_hours = d.business_hours;
  const target: Target =
    d.targetType === 'team'
      ? { type: 'team', team_id: d.team_id }
      : d.targetType === 'agent'
        ? { type: 'agent', agent_id: d.agent_id, fallback_team_id: d.fallback_team_id || null }
        : { type: 'queue' };
  return { name: d.name, enabled: d.enabled, conditions, target, priority: d.priority || null, skills: splitList(d.skills) };
}

/** Ordered routing rules: create, edit, reorder, switch on and off, delete. */
export function RulesPage() {
  const ws = useWorkspace();
  const [res, reload] = useResource<{ rules: Rule[] }>(ADMIN.rules);
  // The first 200 articles' titles, for the summaries; an intent beyond them shows its id.
  const [kb] = useResource<{ articles: AdminArticle[] }>(`${ADMIN.knowledge}?limit=200`);
  const titles = new Map(kb.state === 'ready' ? kb.data.articles.map((a) => [a.id, a.title]) : []);
  const [editing, setEditing] = useState<string | null>(null); // rule id, 'new' or null
  const [notice, setNotice] = useState('');
  const list = useAction();
  const rules = res.state === 'ready' ? [...res.data.rules].sort((a, b) => a.position - b.position) : [];

  const move = (i: number, by: number) =>
    void list.run(async () => {
      const ids = rules.map((r) => r.id);
      const [id] = ids.splice(i, 1);
      ids.splice(i + by, 0, id!);
      await put(`${ADMIN.rules}/order`, { ids });
      setNotice(`Moved “${rules[i]!.name}” to position ${i + by + 1}.`);
      reload();
    });

  const targetText = (t: Target) =>
    t.type === 'team'
      ? `Team ${ws.teamName(t.team_id) ?? t.team_id.slice(0, 8)}`
      : t.type === 'agent'
        ? `Agent ${ws.agentName(t.agent_id) ?? t.agent_id.slice(0, 8)}${t.fallback_team_id ? `, else ${ws.teamName(t.fallback_team_id) ?? 'team'}` : ''}`
        : 'Workspace queue';

  return (
    <section aria-labelledby="admin-title">
      <AdminHeader title="Routing rules" add={{ label: 'Add rule', shown: editing !== 'new', onClick: () => setEditing('new') }}>
        The first enabled rule that matches a handoff decides its team or agent. Conditions are combined with AND; values inside one
        condition are alternatives. A rule without conditions matches everything (useful last).
      </AdminHeader>
      {res.state === 'ready' && <RoutingExplainer />}
      {editing === 'new' && (
        <RuleForm initial={EMPTY} onDone={(saved) => (setEditing(null), saved && (setNotice('Rule added.'), reload()))} />
      )}
      <AdminError res={res} what="Routing rules administration" />
      <Notice text={notice} />
      <FormError action={list} />
      {res.state === 'ready' &&
        (rules.length === 0 ? (
          <p className="muted">No rules yet: each handoff goes to a team as described above (intent skills, default team, first team).</p>
        ) : (
          <ol className="rule-list">
            {rules.map((r, i) => (
              <li key={r.id} className={`card ${r.enabled ? '' : 'disabled'}`}>
                {editing === r.id ? (
                  <RuleForm
                    initial={fromRule(r)}
                    id={r.id}
                    onDone={(saved) => (setEditing(null), saved && (setNotice('Rule saved.'), reload()))}
                  />
                ) : (
                  <>
                    <div className="card-head">
                      <h2>
                        <span className="muted">{i + 1}.</span> {r.name} {!r.enabled && <span className="badge">off</span>}
                      </h2>
                      <div className="action-row">
                        <button type="button" aria-label={`Move ${r.name} up`} disabled={i === 0 || list.busy} onClick={() => move(i, -1)}>
                          ↑
                        </button>
                        <button
                          type="button"
                          aria-label={`Move ${r.name} down`}
                          disabled={i === rules.length - 1 || list.busy}
                          onClick={() => move(i, 1)}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          disabled={list.busy}
                          onClick={() =>
                            void list.run(async () => (await patch(`${ADMIN.rules}/${r.id}`, { enabled: !r.enabled }), reload()))
                          }
                        >
                          {r.enabled ? 'Turn off' : 'Turn on'}
                          <span className="sr-only"> {r.name}</span>
                        </button>
                        <button type="button" onClick={() => setEditing(r.id)}>
                          Edit<span className="sr-only"> {r.name}</span>
                        </button>
                        <ConfirmButton
                          label="Delete"
                          what={r.name}
                          onConfirm={() =>
                            void list.run(async () => (await del(`${ADMIN.rules}/${r.id}`), setNotice('Rule deleted.'), reload()))
                          }
                        />
                      </div>
                    </div>
                    <p className="small">
                      <strong>When</strong> {conditionText(r.conditions, titles)} <strong>→</strong> {targetText(r.target)}
                      {r.priority && `, priority ${r.priority}`}
                      {r.skills.length > 0 && `, needs skills ${r.skills.join(', ')}`}
                    </p>
                  </>
                )}
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}

/** Intents are article ids; the summary names them by their titles where the knowledge has them. */
function conditionText(c: Conditions, titles: Map<string, string>): string {
  const parts: string[] = [];
  if (c.intents?.length) parts.push(`intent is ${c.intents.map((i) => (titles.has(i) ? `“${titles.get(i)}”` : i)).join(' or ')}`);
  if (c.languages?.length) parts.push(`language is ${c.languages.join(' or ')}`);
  if (c.reasons?.length) parts.push(`reason is ${c.reasons.map((r) => REASON_LABEL[r] ?? r).join(' or ')}`);
  if (c.channels?.length) parts.push(`channel is ${c.channels.join(' or ')}`);
  if (c.customer?.tier?.length) parts.push(`tier is ${c.customer.tier.join(' or ')}`);
  if (c.customer?.plan?.length) parts.push(`plan is ${c.customer.plan.join(' or ')}`);
  if (c.customer?.vip !== undefined) parts.push(c.customer.vip ? 'customer is VIP' : 'customer is not VIP');
  if (c.business_hours) parts.push(c.business_hours === 'open' ? 'inside business hours' : 'outside business hours');
  return parts.length ? parts.join(' and ') : 'any handoff';
}

function RuleForm({ initial, id, onDone }: { initial: Draft; id?: string; onDone: (saved: boolean) => void }) {
  const ws = useWorkspace();
  const [d, setD] = useState<Draft>(initial);
  const act: Action = useAction();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const e = (...names: string[]) => errorFor(act.errs, ...names);
  const submit = () =>
    void act.run(async () => {
      const body = toBody(d);
      if (id) await patch(`${ADMIN.rules}/${id}`, body);
      else await post(ADMIN.rules, body);
      onDone(true);
    });
  const shown = ['name', 'target', 'priority', 'skills', 'conditions', 'enabled'];
  return (
    <AdminForm
      label={id ? `Edit rule ${initial.name}` : 'New routing rule'}
      action={act}
      shown={shown}
      submit={id ? 'Save rule' : 'Add rule'}
      saving
      onCancel={() => onDone(false)}
      onSubmit={submit}
    >
      <div className="form-grid">
        <Field label="Rule name" error={e('name')}>
          <input value={d.name} onChange={(ev) => set('name', ev.target.value)} maxLength={200} />
        </Field>
        <Field label="Send to" error={e('target.type')}>
          <select value={d.targetType} onChange={(ev) => set('targetType', ev.target.value as Draft['targetType'])}>
            <option value="team">A team</option>
            <option value="agent">An agent</option>
            <option value="queue">The workspace queue</option>
          </select>
        </Field>
        {d.targetType === 'team' && (
          <Field label="Team" error={e('target.team_id', 'target')}>
            <NamedSelect none="Choose a team" options={ws.teams} value={d.team_id} onChange={(v) => set('team_id', v)} />
          </Field>
        )}
        {d.targetType === 'agent' && (
          <>
            <Field label="Agent" error={e('target.agent_id', 'target')}>
              <NamedSelect
                none="Choose an agent"
                options={ws.agents.filter((a) => a.role !== 'viewer')}
                value={d.agent_id}
                onChange={(v) => set('agent_id', v)}
              />
            </Field>
            <Field label="When the agent cannot take it" error={e('target.fallback_team_id')}>
              <NamedSelect
                none="Workspace queue"
                options={ws.teams}
                value={d.fallback_team_id}
                onChange={(v) => set('fallback_team_id', v)}
              />
            </Field>
          </>
        )}
        <Field label="Priority" error={e('priority')}>
          <select value={d.priority} onChange={(ev) => set('priority', ev.target.value)}>
            <option value="">Keep the computed priority</option>
            {['urgent', 'high', 'normal', 'low'].map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Skills needed" hint="Comma-separated, on top of the team's own" error={e('skills')}>
          <input value={d.skills} onChange={(ev) => set('skills', ev.target.value)} />
        </Field>
      </div>
      <fieldset className="conditions">
        <legend>Conditions (leave empty to match any)</legend>
        <div className="form-grid">
          <Field label="Intents" hint="Comma-separated intent or article ids" error={e('conditions.intents')}>
            <input value={d.intents} onChange={(ev) => set('intents', ev.target.value)} />
          </Field>
          <Field label="Languages" hint="e.g. en, de" error={e('conditions.languages')}>
            <input value={d.languages} onChange={(ev) => set('languages', ev.target.value)} />
          </Field>
          <Field label="Channels" hint="e.g. widget, email" error={e('conditions.channels')}>
            <input value={d.channels} onChange={(ev) => set('channels', ev.target.value)} />
          </Field>
          <Field label="Customer tier" error={e('conditions.customer.tier')}>
            <input value={d.tier} onChange={(ev) => set('tier', ev.target.value)} />
          </Field>
          <Field label="Customer plan" error={e('conditions.customer.plan')}>
            <input value={d.plan} onChange={(ev) => set('plan', ev.target.value)} />
          </Field>
          <Field label="VIP customer" error={e('conditions.customer.vip', 'conditions.customer')}>
            <select value={d.vip} onChange={(ev) => set('vip', ev.target.value as Draft['vip'])}>
              <option value="">Either</option>
              <option value="true">VIP only</option>
              <option value="false">Not VIP</option>
            </select>
          </Field>
          <Field label="Business hours" error={e('conditions.business_hours')}>
            <select value={d.business_hours} onChange={(ev) => set('business_hours', ev.target.value as Draft['business_hours'])}>
              <option value="">Any time</option>
              <option value="open">Inside business hours</option>
              <option value="closed">Outside business hours</option>
            </select>
          </Field>
        </div>
        <CheckList
          legend="Handoff reasons"
          options={REASONS}
          value={d.reasons}
          onChange={(v) => set('reasons', v)}
          error={e('conditions.reasons')}
        />
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={d.enabled} onChange={(ev) => set('enabled', ev.target.checked)} /> Enabled
      </label>
    </AdminForm>
  );
}
