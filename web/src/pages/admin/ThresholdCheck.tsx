import { useRef, useState } from 'react';
import { ApiError, errorText, get, post, put } from '../../api.ts';
import { ADMIN, API } from '../../endpoints.ts';
import { Field, missingFile, useAction } from '../../forms.tsx';
import { Refused } from './knowledge/UploadForm.tsx';
import { percent } from '../../format.ts';
import type { PolicyResponse, ThresholdCheck as Check } from '../../types.ts';
import { OutcomeLine, type Outcome } from './common.tsx';

// The confidence threshold read off the workspace's own labelled tickets: the file goes to the
// server, which plays each ticket through the bot as it is now and reads the run at every
// threshold. Nothing changes until the admin uses the suggested threshold (the policy).

type Figures = Check['current'];
type Row = { label: string; f: Omit<Figures, 'source'> };

/** One bad line of a refused file, as the API lists them in `error.details`. */
interface BadLine {
  line: number;
  message: string;
}
const threshold = (t: number) => t.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');

export function ThresholdCheck({ canApply, onApplied }: { canApply: boolean; onApplied: () => void }) {
  const fileRef = useRef<HTMLInputElement | null>(null);
  const [target, setTarget] = useState('95');
  const [result, setResult] = useState<Check | null>(null);
  const [applied, setApplied] = useState<Outcome | null>(null);
  const [fileName, setFileName] = useState('');
  const act = useAction();
  const apply = useAction();

  const submit = () =>
    void act.run(async () => {
      setResult(null);
      setApplied(null);
      const file = fileRef.current?.files?.[0];
      if (!file) throw missingFile('a tickets file');
      setFileName(file.name);
      setResult(await post<Check>(ADMIN.thresholdCheck, { tickets: await file.text(), target_precision: Number(target) / 100 }));
    });
  const use = (t: number) =>
    void apply.run(async () => {
      const { policy } = await get<PolicyResponse>(API.policy);
      await put(API.policy, { ...policy, confidenceThreshold: t });
      setApplied({ ok: true, text: `The workspace threshold is now ${threshold(t)}: the bot answers from that confidence up.` });
      onApplied();
    });
  // A refused file: every bad line, shown as the knowledge upload shows its problems.
  const badLines =
    act.error instanceof ApiError && Array.isArray(act.error.details)
      ? (act.error.details as BadLine[]).filter((d) => d?.line).map((d) => ({ file: fileName, ...d }))
      : [];

  return (
    <form
      className="admin-form threshold-check"
      aria-label="Threshold from your tickets"
      onSubmit={(ev) => {
        ev.preventDefault();
        submit();
      }}
    >
      <h2>Threshold from your tickets</h2>
      <p className="muted">
        The bot answers when it is at least this sure; below it, it hands off. Check a file of your own labelled tickets against the bot as
        it is now: how many it would answer, and how many of those answers would be right, at the threshold in force and at the lowest one
        that reaches your target. Nothing changes until you use a threshold.
      </p>
      <Field
        label="Tickets file (JSONL)"
        hint={
          <>
            One ticket a line, as <code>baton eval</code> reads them:{' '}
            <code>{'{"id", "messages": [{"role": "customer", "text"}], "expected": {"outcome": "answer", "article"} }'}</code>, or{' '}
            <code>{'"expected": {"outcome": "handoff"}'}</code> for a question the bot should pass on. Up to 2,000 tickets.
          </>
        }
        error={act.errs.file}
      >
        <input ref={fileRef} type="file" accept=".jsonl,.ndjson,.txt" />
      </Field>
      <Field label="Target answered precision (%)" error={act.errs.target_precision}>
        <input type="number" min={50} max={100} step={1} value={target} onChange={(e) => setTarget(e.target.value)} className="narrow" />
      </Field>
      {act.error != null && !act.errs.file && <Refused error={act.error} problems={badLines} again="check" />}
      <div className="action-row">
        <button type="submit" className="primary" disabled={act.busy}>
          {act.busy ? 'Checking the tickets…' : 'Check'}
        </button>
      </div>
      {result && <Result check={result} canApply={canApply} busy={apply.busy} onUse={use} />}
      <OutcomeLine outcome={applied ?? (apply.error ? { ok: false, text: errorText(apply.error) } : null)} />
    </form>
  );
}

function Result({ check, canApply, busy, onUse }: { check: Check; canApply: boolean; busy: boolean; onUse: (t: number) => void }) {
  const rows: Row[] = [
    { label: `In force now (${check.current.source === 'policy' ? 'the workspace’s' : 'the engine’s default'})`, f: check.current },
    ...(check.suggested ? [{ label: `Lowest for ${percent(check.target_precision)} precision`, f: check.suggested }] : []),
  ];
  // The suggestion is worth a change when the threshold in force misses the target, or when the
  // suggested one answers more at the target (it is read off these tickets' own confidences).
  const meets = check.current.answered > 0 && check.current.answered_precision >= check.target_precision;
  const better = check.suggested && (!meets || check.suggested.answered > check.current.answered);
  return (
    <div className="threshold-result" role="status">
      <p>
        {check.tickets} tickets: {check.answer_expected} the bot should answer, {check.handoff_expected} it should hand off.
      </p>
      <div className="table-wrap">
        <table aria-label="Threshold figures">
          <thead>
            <tr>
              <th scope="col">Threshold</th>
              <th scope="col">Value</th>
              <th scope="col">Answered (of {check.tickets})</th>
              <th scope="col">Right answers (of {check.answer_expected})</th>
              <th scope="col">Answered precision</th>
              <th scope="col">Hand-offs caught</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ label, f }) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{threshold(f.threshold)}</td>
                <td>{f.answered}</td>
                <td>{Math.round(f.resolution_rate * check.answer_expected)}</td>
                <td>{f.answered ? percent(f.answered_precision) : '—'}</td>
                <td>{check.handoff_expected ? percent(f.handoff_recall) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!check.suggested && (
        <p className="muted">
          No threshold reaches {percent(check.target_precision)} answered precision on these tickets: the wrong answers come with high
          confidence. Look at those tickets (<code>baton eval --details</code>) and the articles they got.
        </p>
      )}
      {!better && meets && (
        <p className="muted">
          The threshold in force already reaches {percent(check.target_precision)} answered precision on these tickets.
        </p>
      )}
      {check.suggested && better && canApply && (
        <div className="action-row">
          <button type="button" disabled={busy} onClick={() => onUse(check.suggested!.threshold)}>
            Use {threshold(check.suggested.threshold)} as the workspace threshold
          </button>
        </div>
      )}
      <details>
        <summary>Every threshold</summary>
        <div className="table-wrap">
          <table aria-label="Every threshold">
            <thead>
              <tr>
                <th scope="col">Threshold</th>
                <th scope="col">Right answers (share of {check.answer_expected})</th>
                <th scope="col">Answered precision</th>
                <th scope="col">Hand-offs caught</th>
              </tr>
            </thead>
            <tbody>
              {check.curve
                .filter((p) => Math.round(p.threshold * 40) % 2 === 0)
                .map((p) => (
                  <tr key={p.threshold}>
                    <td>{threshold(p.threshold)}</td>
                    <td>{percent(p.resolution_rate)}</td>
                    <td>{percent(p.answered_precision)}</td>
                    <td>{check.handoff_expected ? percent(p.handoff_recall) : '—'}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
