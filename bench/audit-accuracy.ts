// Precision and recall of the re-explain detector on the hand-labelled sample
// (test/fixtures/reexplain-labelled.jsonl; how it was built: docs/audit.md).
//   npx tsx bench/audit-accuracy.ts [--errors]
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { detectReexplain, type AuditMessage } from '../src/quality/reexplain.ts';

/** The first conversation written after the detector's rules were frozen. */
const FROZEN_FROM = 149;
const FIXTURE = fileURLToPath(new URL('../test/fixtures/reexplain-labelled.jsonl', import.meta.url));

interface Labelled {
  id: string;
  messages: AuditMessage[];
  label: { reexplained: boolean };
  note: string;
}

export interface Scores {
  n: number;
  positives: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

export function score(rows: { truth: boolean; predicted: boolean }[]): Scores {
  const tp = rows.filter((r) => r.truth && r.predicted).length;
  const fp = rows.filter((r) => !r.truth && r.predicted).length;
  const fn = rows.filter((r) => r.truth && !r.predicted).length;
  const tn = rows.length - tp - fp - fn;
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return {
    n: rows.length,
    positives: tp + fn,
    tp,
    fp,
    fn,
    tn,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    accuracy: (tp + tn) / rows.length,
  };
}

export async function loadLabelled(): Promise<Labelled[]> {
  return (await readFile(FIXTURE, 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Labelled);
}

async function main() {
  const rows = await loadLabelled();
  const results = rows.map((r) => ({ row: r, result: detectReexplain(r.messages) }));
  const all = score(results.map((x) => ({ truth: x.row.label.reexplained, predicted: x.result.reexplained })));
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  console.log(`labelled conversations: ${all.n} (${all.positives} re-explained)`);
  console.log(`precision ${pct(all.precision)}  recall ${pct(all.recall)}  F1 ${pct(all.f1)}  accuracy ${pct(all.accuracy)}`);
  console.log(`tp ${all.tp}  fp ${all.fp}  fn ${all.fn}  tn ${all.tn}`);
  // rx-149 onwards were written after the detector's rules were frozen: a fairer test.
  const late = score(
    results
      .filter((x) => Number(x.row.id.slice(3)) >= FROZEN_FROM)
      .map((x) => ({ truth: x.row.label.reexplained, predicted: x.result.reexplained })),
  );
  console.log(
    `written after the rules were frozen (rx-${FROZEN_FROM}..): ${late.n} (${late.positives} re-explained): precision ${pct(late.precision)}  recall ${pct(late.recall)}  (tp ${late.tp} fp ${late.fp} fn ${late.fn} tn ${late.tn})`,
  );
  const rate = { truth: all.positives / all.n, predicted: (all.tp + all.fp) / all.n };
  console.log(`bad-handoff rate: labelled ${pct(rate.truth)}, detected ${pct(rate.predicted)}`);
  if (process.argv.includes('--errors')) {
    for (const x of results) {
      if (x.row.label.reexplained === x.result.reexplained) continue;
      console.log(`\n${x.row.label.reexplained ? 'MISSED' : 'FALSE ALARM'} ${x.row.id}: ${x.row.note}`);
      for (const e of x.result.evidence)
        console.log(`  ${e.kind}${e.info ? `(${e.info})` : ''}: "${e.after.text}"${e.before ? ` <- "${e.before.text}"` : ''}`);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
