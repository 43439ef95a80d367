import { useEffect, useState } from 'react';
import { ApiError, get, query } from '../api.ts';
import { REASON_LABEL, humanize } from '../format.ts';
import { errorFor, Field, FormError, useAction } from '../forms.tsx';
import { useWorkspace } from '../workspace.tsx';
import { NotAvailable } from '../components/NotAvailable.tsx';
import { href, onLinkClick } from '../router.ts';
import { Quality } from './Quality.tsx';

// Analytics (GET /api/v1/analytics/overview, /knowledge-gaps, /export.csv): numbers, a few
// inline SVG charts (no chart library), filters, and the CSV export of the same query.

interface Stat {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}
interface Mean {
  count: number;
  mean: number | null;
}
interface Metrics {
  conversations: number;
  automated_resolutions: number;
  automated_resolution_rate: number;
  handed_off: number;
  handoff_rate: number;
  handoffs: number;
  /** Each handoff once, under its main reason: adds up to `handoffs`. */
  handoff_reasons: Record<string, number>;
  first_response_seconds?: Stat;
  time_to_human_seconds?: Stat;
  bot_handle_seconds?: Stat;
  human_handle_seconds?: Stat;
  csat?: {
    bot_only?: Mean;
    handed_off?: Mean;
    by_path?: { bot: Mean; human: Mean; handed_off: Mean };
  };
  reexplain?: { audited: number; reexplained: number; rate: number };
  brief_feedback?: { rated: number; useful: number; useful_rate: number };
}
interface Overview {
  from: string;
  to: string;
  bucket: 'day' | 'week';
  totals: Metrics;
  series: { period: string; metrics: Metrics }[];
}
interface Gap {
  topic: string;
  intent_id: string | null;
  handoffs: number;
  mean_confidence: number | null;
  examples: string[];
}

interface Filters {
  from: string;
  to: string;
  bucket: 'day' | 'week';
  team_id: string;
  intent: string;
  language: string;
  include_imported: boolean;
}

const pct = (x: number | null | undefined) => (typeof x === 'number' ? `${Math.round(x * 1000) / 10}%` : '—');
function dur(s: number | null | undefined): string {
  if (typeof s !== 'number') return '—';
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${Math.round((s / 3600) * 10) / 10} h`;
}
const day = (d: Date) => d.toISOString().slice(0, 10);

export function Analytics({ path }: { path: string }) {
  const qa = path.startsWith('/analytics/qa');
  return (
    <div className="analytics admin-page">
      <h1 id="analytics-title">Analytics</h1>
      <nav aria-label="Analytics views">
        <ul className="subtabs">
          <li>
            <a href={href('/analytics')} onClick={onLinkClick('/analytics')} aria-current={!qa ? 'page' : undefined}>
              Overview
            </a>
          </li>
          <li>
            <a href={href('/analytics/qa')} onClick={onLinkClick('/analytics/qa')} aria-current={qa ? 'page' : undefined}>
              QA review
            </a>
          </li>
        </ul>
      </nav>
      {qa ? <Quality /> : <Overview />}
    </div>
  );
}

function Overview() {
  const ws = useWorkspace();
  const today = new Date();
  const [f, setF] = useState<Filters>({
    from: day(new Date(today.getTime() - 29 * 86_400_000)),
    to: day(today),
    bucket: 'day',
    team_id: '',
    intent: '',
    language: '',
    include_imported: false,
  });
  const [applied, setApplied] = useState(f);
  const [data, setData] = useState<{ overview: Overview; gaps: Gap[] | null } | null>(null);
  const [missing, setMissing] = useState(false);
  const act = useAction();
  const qs = query({
    from: applied.from,
    to: applied.to,
    bucket: applied.bucket,
    team_id: applied.team_id,
    intent: applied.intent.trim(),
    language: applied.language.trim(),
    include_imported: applied.include_imported ? 'true' : undefined,
  });

  useEffect(() => {
    void act.run(async () => {
      try {
        const [overview, gaps] = await Promise.all([
          get<Overview>(`/analytics/overview${qs}`),
          get<{ knowledge_gaps: Gap[] }>(`/analytics/knowledge-gaps${qs}`).then(
            (r) => r.knowledge_gaps,
            () => null,
          ),
        ]);
        setData({ overview, gaps });
        setMissing(false);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404 && err.message === 'No such route.') setMissing(true);
        else throw err;
      }
    });
  }, [qs]); // eslint-disable-line react-hooks/exhaustive-deps

  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setF((x) => ({ ...x, [k]: v }));
  const e = (n: string) => errorFor(act.errs, n);
  const t = data?.overview.totals;
  const series = data?.overview.series ?? [];

  return (
    <>
      {missing ? (
        <NotAvailable what="Analytics" />
      ) : (
        <>
          <form
            className="admin-form filters-row"
            aria-label="Analytics filters"
            onSubmit={(ev) => {
              ev.preventDefault();
              setApplied(f);
            }}
          >
            <Field label="From" error={e('from')}>
              <input type="date" value={f.from} onChange={(ev) => set('from', ev.target.value)} />
            </Field>
            <Field label="To" error={e('to')}>
              <input type="date" value={f.to} onChange={(ev) => set('to', ev.target.value)} />
            </Field>
            <Field label="Per" error={e('bucket')}>
              <select value={f.bucket} onChange={(ev) => set('bucket', ev.target.value as Filters['bucket'])}>
                <option value="day">Day</option>
                <option value="week">Week</option>
              </select>
            </Field>
            <Field label="Team" error={e('team_id')}>
              <select value={f.team_id} onChange={(ev) => set('team_id', ev.target.value)}>
                <option value="">All teams</option>
                {ws.teams.map((tm) => (
                  <option key={tm.id} value={tm.id}>
                    {tm.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Intent" error={e('intent')}>
              <input value={f.intent} onChange={(ev) => set('intent', ev.target.value)} />
            </Field>
            <Field label="Language" error={e('language')}>
              <input value={f.language} onChange={(ev) => set('language', ev.target.value)} size={5} />
            </Field>
            <label className="check">
              <input type="checkbox" checked={f.include_imported} onChange={(ev) => set('include_imported', ev.target.checked)} /> Include
              imported history
            </label>
            <button type="submit" className="primary" disabled={act.busy}>
              Apply
            </button>
            <a className="button-link" href={`/api/v1/analytics/export.csv${qs}`} download>
              Export CSV
            </a>
          </form>
          <FormError action={act} shown={['from', 'to', 'bucket', 'team_id', 'intent', 'language']} />
          {act.busy && !data && <p role="status">Loading…</p>}
          {t && (
            <>
              <p className="muted small" role="status">
                {new Date(data!.overview.from).toLocaleDateString()} –{' '}
                {new Date(new Date(data!.overview.to).getTime() - 1).toLocaleDateString()}
                {act.busy ? ' · updating…' : ''}
              </p>
              <div className="kpis">
                <Kpi n={t.conversations.toLocaleString()} l="Conversations" />
                <Kpi n={pct(t.automated_resolution_rate)} l={`Resolved by the bot (${t.automated_resolutions})`} />
                <Kpi n={pct(t.handoff_rate)} l={`Handed off (${t.handed_off})`} />
                <Kpi n={dur(t.first_response_seconds?.median)} l="First response, median" />
                <Kpi n={dur(t.time_to_human_seconds?.median)} l={`Time to a human, median (p90 ${dur(t.time_to_human_seconds?.p90)})`} />
                <Kpi n={dur(t.human_handle_seconds?.median)} l="Human handle time, median" />
                <CsatKpi label="CSAT, bot only" m={t.csat?.by_path?.bot ?? t.csat?.bot_only} />
                <CsatKpi label="CSAT, handed off" m={t.csat?.by_path?.handed_off ?? t.csat?.handed_off} />
                <Kpi n={pct(t.reexplain?.rate)} l={`Customer re-explained after handoff (${t.reexplain?.audited ?? 0} audited)`} />
                <Kpi n={pct(t.brief_feedback?.useful_rate)} l={`Briefs rated useful (${t.brief_feedback?.rated ?? 0} rated)`} />
              </div>
              <div className="chart-grid">
                <ChartCard
                  title="Conversations and handoffs"
                  rows={series.map((s) => ({ label: s.period, values: [s.metrics.conversations, s.metrics.handed_off] }))}
                  names={['Conversations', 'Handed off']}
                  kind="bars"
                />
                <ChartCard
                  title="Resolved by the bot vs handed off"
                  rows={series.map((s) => ({ label: s.period, values: [s.metrics.automated_resolution_rate, s.metrics.handoff_rate] }))}
                  names={['Resolved by the bot', 'Handed off']}
                  kind="lines"
                  format={pct}
                  max={1}
                />
                <ChartCard
                  title="Time to a human"
                  rows={series.map((s) => ({
                    label: s.period,
                    values: [s.metrics.time_to_human_seconds?.median ?? null, s.metrics.time_to_human_seconds?.p90 ?? null],
                  }))}
                  names={['Median', '90th percentile']}
                  kind="lines"
                  format={dur}
                />
                <ReasonBars reasons={t.handoff_reasons} handoffs={t.handoffs} conversations={t.handed_off} />
                <CsatByPath csat={t.csat?.by_path} />
                <ChartCard
                  title="CSAT trend (1–5)"
                  rows={series.map((s) => ({
                    label: s.period,
                    values: [s.metrics.csat?.by_path?.bot.mean ?? null, s.metrics.csat?.by_path?.handed_off.mean ?? null],
                  }))}
                  names={['Bot only', 'Handed off']}
                  kind="lines"
                  format={(n) => n.toFixed(1)}
                  max={5}
                />
              </div>
              <h2>Knowledge gaps</h2>
              {data?.gaps === null && <NotAvailable what="Knowledge gaps" />}
              {data?.gaps?.length === 0 && <p className="muted">No topic keeps escalating for low confidence in this period.</p>}
              {data?.gaps && data.gaps.length > 0 && (
                <div className="table-wrap">
                  <table aria-label="Knowledge gaps">
                    <thead>
                      <tr>
                        <th scope="col">Topic</th>
                        <th scope="col">Handoffs</th>
                        <th scope="col">Mean confidence</th>
                        <th scope="col">Example questions</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.gaps.map((g, i) => (
                        <tr key={i}>
                          <td>{g.topic}</td>
                          <td>{g.handoffs}</td>
                          <td>{pct(g.mean_confidence)}</td>
                          <td>
                            <ul className="value-list">
                              {g.examples.slice(0, 3).map((x, j) => (
                                <li key={j}>{x}</li>
                              ))}
                            </ul>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </>
      )}
    </>
  );
}

function CsatKpi({ label, m }: { label: string; m?: Mean }) {
  return <Kpi n={m?.mean != null ? m.mean.toFixed(2) : '—'} l={`${label} (${m?.count ?? 0} ratings)`} />;
}

function Kpi({ n, l }: { n: string; l: string }) {
  return (
    <div className="kpi">
      <span className="n">{n}</span>
      <span className="l">{l}</span>
    </div>
  );
}

/** Series colours are CSS tokens (styles.css), so charts follow the light/dark scheme. */
const COLORS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)'];
const W = 420;
const H = 170;
const PAD = { l: 40, r: 8, t: 10, b: 24 };

/** Bars or lines over the periods, with the same numbers as a table for screen readers. */
function ChartCard(props: {
  title: string;
  /** null: no value in that period (no ratings, nobody answered yet): a gap, not a zero. */
  rows: { label: string; values: (number | null)[] }[];
  names: string[];
  kind: 'bars' | 'lines';
  format?: (n: number) => string;
  /** A fixed top of the scale (1 for rates, 5 for CSAT), so periods and charts compare; else the highest value. */
  max?: number;
}) {
  const fmtN = props.format ?? ((n: number) => n.toLocaleString());
  const fmt = (n: number | null) => (n === null ? '—' : fmtN(n));
  const rows = props.rows;
  const max = props.max ?? Math.max(1e-9, ...rows.flatMap((r) => r.values.filter((v): v is number => v !== null)));
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const x = (i: number) => PAD.l + (rows.length <= 1 ? iw / 2 : (i * iw) / (rows.length - 1));
  const y = (v: number) => PAD.t + ih - (v / max) * ih;
  const slot = iw / Math.max(1, rows.length);
  const every = Math.max(1, Math.ceil(rows.length / 6));
  return (
    <figure className="card chart-card">
      <figcaption>
        <h3>{props.title}</h3>
        {props.names.length > 1 && (
          <ul className="legend">
            {props.names.map((n, i) => (
              <li key={n}>
                <span className="swatch" style={{ background: COLORS[i] }} aria-hidden="true" /> {n}
              </li>
            ))}
          </ul>
        )}
      </figcaption>
      {rows.length === 0 ? (
        <p className="muted small">No data in this period.</p>
      ) : (
        <svg
          className="chart"
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-label={`${props.title}: ${rows.length} periods, highest ${fmt(max)}`}
        >
          <line className="axis" x1={PAD.l} y1={PAD.t + ih} x2={W - PAD.r} y2={PAD.t + ih} />
          <line className="axis" x1={PAD.l} y1={PAD.t} x2={PAD.l} y2={PAD.t + ih} />
          <text x={PAD.l - 4} y={PAD.t + 8} textAnchor="end">
            {fmt(max)}
          </text>
          <text x={PAD.l - 4} y={PAD.t + ih} textAnchor="end">
            0
          </text>
          {rows.map((r, i) =>
            i % every === 0 ? (
              <text
                key={r.label}
                x={props.kind === 'bars' ? PAD.l + slot * (i + 0.5) : x(i)}
                y={H - 6}
                textAnchor={props.kind === 'lines' && i === rows.length - 1 && rows.length > 1 ? 'end' : 'middle'}
              >
                {r.label.slice(5, 10)}
              </text>
            ) : null,
          )}
          {props.kind === 'bars'
            ? rows.map((r, i) =>
                r.values.map((v, k) => {
                  if (v === null) return null;
                  const bw = (slot * 0.8) / r.values.length;
                  return (
                    <rect
                      key={`${i}-${k}`}
                      x={PAD.l + slot * i + slot * 0.1 + k * bw}
                      y={y(v)}
                      width={Math.max(1, bw - 1)}
                      height={PAD.t + ih - y(v)}
                      style={{ fill: COLORS[k] }}
                    >
                      <title>{`${r.label} · ${props.names[k]}: ${fmt(v)}`}</title>
                    </rect>
                  );
                }),
              )
            : props.names.map((n, k) => (
                <g key={n}>
                  <polyline
                    className="line"
                    style={{ stroke: COLORS[k] }}
                    points={rows.flatMap((r, i) => (r.values[k] == null ? [] : [`${x(i)},${y(r.values[k])}`])).join(' ')}
                  />
                  {rows.map((r, i) => {
                    const v = r.values[k];
                    return v == null ? null : (
                      <circle key={i} cx={x(i)} cy={y(v)} r={2.5} style={{ fill: COLORS[k] }}>
                        <title>{`${r.label} · ${n}: ${fmt(v)}`}</title>
                      </circle>
                    );
                  })}
                </g>
              ))}
        </svg>
      )}
      {rows.length > 0 && (
        <details>
          <summary>Show the numbers</summary>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  {props.names.map((n) => (
                    <th key={n} scope="col">
                      {n}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label.slice(0, 10)}</th>
                    {r.values.map((v, k) => (
                      <td key={k}>{fmt(v)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}

/** Each handoff once, under its main reason, so the bars add up to the handoffs. */
function ReasonBars({ reasons, handoffs, conversations }: { reasons: Record<string, number>; handoffs: number; conversations: number }) {
  const entries = Object.entries(reasons ?? {}).sort((a, b) => b[1] - a[1]);
  const label = (r: string) => REASON_LABEL[r] ?? humanize(r);
  return (
    <HBars
      title="Handoff reasons"
      note={
        handoffs > 0
          ? `${handoffs} ${handoffs === 1 ? 'handoff' : 'handoffs'}${handoffs !== conversations ? ` in ${conversations} conversations` : ''}, each counted once under its main reason`
          : undefined
      }
      empty="No handoffs in this period."
      rows={entries.map(([r, n]) => ({ label: label(r), value: n, text: `${n} (${Math.round((n / Math.max(1, handoffs)) * 100)}%)` }))}
    />
  );
}

const PATHS: [keyof NonNullable<NonNullable<Metrics['csat']>['by_path']>, string][] = [
  ['bot', 'Bot only'],
  ['human', 'People only'],
  ['handed_off', 'Bot, then a person'],
];

/** Mean CSAT by who handled the conversation, on a fixed 1–5 scale so periods compare. */
function CsatByPath({ csat }: { csat?: { bot: Mean; human: Mean; handed_off: Mean } }) {
  const rows = PATHS.filter(([k]) => (csat?.[k].count ?? 0) > 0).map(([k, l]) => ({
    label: l,
    value: csat![k].mean ?? 0,
    text: `${(csat![k].mean ?? 0).toFixed(2)} (${csat![k].count} ${csat![k].count === 1 ? 'rating' : 'ratings'})`,
  }));
  return <HBars title="CSAT by path (1–5)" max={5} empty="No ratings in this period." rows={rows} />;
}

/** Labelled horizontal bars with their values, and the same as text for screen readers. */
function HBars(props: {
  title: string;
  note?: string;
  empty: string;
  rows: { label: string; value: number; text: string }[];
  max?: number;
}) {
  const { rows } = props;
  const max = props.max ?? Math.max(1, ...rows.map((r) => r.value));
  const rowH = 26;
  const labelW = 190;
  const barW = W - labelW - 100;
  const h = Math.max(rowH, rows.length * rowH);
  return (
    <figure className="card chart-card">
      <figcaption>
        <h3>{props.title}</h3>
        {props.note && <p className="muted small">{props.note}</p>}
      </figcaption>
      {rows.length === 0 ? (
        <p className="muted small">{props.empty}</p>
      ) : (
        <svg
          className="chart"
          viewBox={`0 0 ${W} ${h}`}
          role="img"
          aria-label={`${props.title}: ${rows.map((r) => `${r.label} ${r.text}`).join(', ')}`}
        >
          {rows.map((r, i) => {
            const w = Math.max(2, (barW * r.value) / max);
            return (
              <g key={r.label}>
                <text x={0} y={i * rowH + 17}>
                  {r.label}
                </text>
                <rect className="bar" x={labelW} y={i * rowH + 5} width={w} height={rowH - 10} />
                <text x={labelW + w + 4} y={i * rowH + 17}>
                  {r.text}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}
