import { useEffect, useState } from 'react';
import { ApiError, get, post, query } from '../api.ts';
import { REASON_LABEL } from '../format.ts';
import { errorFor, Field, FormError, useAction } from '../forms.tsx';
import { href, onLinkClick } from '../router.ts';
import { useWorkspace } from '../workspace.tsx';
import { NotAvailable } from '../components/NotAvailable.tsx';
import { Redactable } from '../components/Reveal.tsx';

// Monthly QA of handoffs (GET /api/v1/qa/rubric, /sample, /report; POST /qa/reviews): the
// month's score, a fixed random sample of handoffs, and a rubric form for each.

interface Rubric {
  scale: { min: number; max: number };
  items: { id: string; title: string; description: string; counts_for_brief_score: boolean }[];
}
interface SampleItem {
  handoff_id: string;
  conversation_id: string;
  requested_at: string;
  reasons: string[];
  team_id: string | null;
  intent: string | null;
  summary: string | null;
  brief_useful: boolean | null;
  reviews: number;
  reviewed_by_me: boolean;
}
interface Report {
  month: string;
  handoffs: number;
  reviews: number;
  handoffs_reviewed: number;
  brief_quality_score: number | null;
  overall_score: number | null;
  items: { id: string; title: string; mean: number | null; score: number | null }[];
  agent_ratings: { rated: number; useful: number; useful_rate: number | null };
}

const score = (n: number | null | undefined) => (typeof n === 'number' ? `${Math.round(n)}%` : '—');

export function Quality() {
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const [data, setData] = useState<{ rubric: Rubric; sample: { population: number; items: SampleItem[] }; report: Report } | null>(null);
  const [missing, setMissing] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const act = useAction();

  useEffect(() => {
    if (!/^\d{4}-\d{2}$/.test(month)) return;
    void act.run(async () => {
      try {
        const [rubric, sample, report] = await Promise.all([
          get<Rubric>('/qa/rubric'),
          get<{ population: number; items: SampleItem[] }>(`/qa/sample${query({ month, n: 20 })}`),
          get<Report>(`/qa/report${query({ month })}`),
        ]);
        setData({ rubric, sample, report });
      } catch (err) {
        if (err instanceof ApiError && err.status === 404 && err.message === 'No such route.') setMissing(true);
        else throw err;
      }
    });
  }, [month, tick]); // eslint-disable-line react-hooks/exhaustive-deps

  if (missing) return <NotAvailable what="QA review" />;
  const r = data?.report;
  return (
    <section aria-labelledby="qa-title">
      <h2 id="qa-title">QA review of handoffs</h2>
      <p className="muted small">
        Each month draws the same random sample of handoffs; reviewers score each on the rubric. The brief quality score comes from the
        items about the brief.
      </p>
      <div className="admin-form filters-row">
        <Field label="Month" error={errorFor(act.errs, 'month')}>
          <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
        </Field>
      </div>
      <FormError action={act} />
      {act.busy && !data && <p role="status">Loading…</p>}
      {r && (
        <div className="kpis">
          <div className="kpi">
            <span className="n">{score(r.brief_quality_score)}</span>
            <span className="l">Brief quality score</span>
          </div>
          <div className="kpi">
            <span className="n">{score(r.overall_score)}</span>
            <span className="l">Overall score</span>
          </div>
          <div className="kpi">
            <span className="n">
              {r.handoffs_reviewed}/{r.handoffs}
            </span>
            <span className="l">Handoffs reviewed ({r.reviews} reviews)</span>
          </div>
          <div className="kpi">
            <span className="n">
              {typeof r.agent_ratings.useful_rate === 'number' ? `${Math.round(r.agent_ratings.useful_rate * 100)}%` : '—'}
            </span>
            <span className="l">Agents found the brief useful ({r.agent_ratings.rated} rated)</span>
          </div>
          {r.items.map((i) => (
            <div className="kpi" key={i.id}>
              <span className="n">{score(i.score)}</span>
              <span className="l">{i.title}</span>
            </div>
          ))}
        </div>
      )}
      {data && (
        <>
          <h3>
            Sample ({data.sample.items.length} of {data.sample.population} handoffs)
          </h3>
          {data.sample.items.length === 0 && <p className="muted">No handoffs in this month.</p>}
          <ul className="card-list">
            {data.sample.items.map((s) => (
              <li key={s.handoff_id} className="card">
                <div className="card-head">
                  <p className="wrap" style={{ margin: 0 }}>
                    <a href={href(`/c/${s.conversation_id}`)} onClick={onLinkClick(`/c/${s.conversation_id}`)}>
                      {s.intent ?? 'Handoff'} · {new Date(s.requested_at).toLocaleString()}
                    </a>{' '}
                    {s.reviewed_by_me ? (
                      <span className="badge verified">reviewed by me</span>
                    ) : s.reviews > 0 ? (
                      <span className="badge">{s.reviews} reviews</span>
                    ) : null}
                  </p>
                  <button
                    type="button"
                    aria-expanded={open === s.handoff_id}
                    onClick={() => setOpen(open === s.handoff_id ? null : s.handoff_id)}
                  >
                    {s.reviewed_by_me ? 'Review again' : 'Review'}
                  </button>
                </div>
                {s.summary && (
                  <p className="small">
                    <Redactable text={s.summary} />
                  </p>
                )}
                <p className="small muted">{s.reasons.map((x) => REASON_LABEL[x] ?? x).join(', ')}</p>
                {open === s.handoff_id && (
                  <ReviewForm
                    rubric={data.rubric}
                    handoffId={s.handoff_id}
                    onDone={() => {
                      setOpen(null);
                      setTick((t) => t + 1);
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ReviewForm({ rubric, handoffId, onDone }: { rubric: Rubric; handoffId: string; onDone: () => void }) {
  const { me } = useWorkspace();
  const [scores, setScores] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const act = useAction();
  const range: number[] = [];
  for (let n = rubric.scale.min; n <= rubric.scale.max; n++) range.push(n);
  if (me.role === 'viewer') return <p className="muted small">Viewers read the QA results; agents and admins review.</p>;
  return (
    <form
      className="admin-form"
      aria-label="QA review"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () => {
          await post('/qa/reviews', { handoff_id: handoffId, scores, comment: comment || undefined });
          onDone();
        });
      }}
    >
      {rubric.items.map((i) => {
        const raw = errorFor(act.errs, `scores.${i.id}`);
        const err = raw && scores[i.id] === undefined ? `Pick a score from ${rubric.scale.min} to ${rubric.scale.max}.` : raw;
        return (
          <fieldset key={i.id} className="checklist">
            <legend>{i.title}</legend>
            <span className="hint" style={{ flexBasis: '100%' }}>
              {i.description}
            </span>
            {range.map((n) => (
              <label key={n} className="check">
                <input
                  type="radio"
                  name={`${handoffId}-${i.id}`}
                  checked={scores[i.id] === n}
                  onChange={() => setScores((s) => ({ ...s, [i.id]: n }))}
                />{' '}
                {n}
              </label>
            ))}
            {err && <span className="field-error">{err}</span>}
          </fieldset>
        );
      })}
      <Field label="Comment (optional)" error={errorFor(act.errs, 'comment')}>
        <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      </Field>
      <FormError action={act} shown={['scores', 'comment']} />
      <div className="action-row">
        <button type="submit" className="primary" disabled={act.busy}>
          Save review
        </button>
      </div>
    </form>
  );
}
