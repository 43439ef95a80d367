// The self-contained HTML report: figures, the coverage/precision curve as inline SVG, and
// the worst mistakes with their traces. Every piece of data text is escaped.
import type { CurvePoint, Summary } from './metrics.ts';
import type { TicketResult } from './run.ts';
import { confusionSection } from './report-confusion.ts';
import { escapeHtml } from '../../html-escape.ts';

function chart(points: CurvePoint[], threshold: number): string {
  const W = 560,
    H = 300,
    L = 44,
    B = 34,
    T = 12,
    R = 12;
  const x = (v: number) => L + v * (W - L - R);
  const y = (v: number) => T + (1 - v) * (H - T - B);
  const line = (key: keyof CurvePoint, color: string) =>
    `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map((p) => `${x(p.threshold).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ')}"/>`;
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (v) =>
        `<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${L - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${v}</text><text x="${x(v)}" y="${H - B + 16}" text-anchor="middle" font-size="11">${v}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" role="img" aria-label="coverage and precision by threshold">
${grid}<line x1="${x(threshold)}" x2="${x(threshold)}" y1="${T}" y2="${H - B}" stroke="#888" stroke-dasharray="4 3"/>
${line('answered_precision', '#1b7f3b')}${line('coverage', '#1f5fbf')}${line('resolution_rate', '#7b3fb8')}${line('handoff_recall', '#c0392b')}
<text x="${(W + L) / 2}" y="${H - 4}" text-anchor="middle" font-size="12">confidence threshold</text></svg>
<p class="legend"><span style="color:#1b7f3b">■ answered precision</span> <span style="color:#1f5fbf">■ coverage</span> <span style="color:#7b3fb8">■ resolution rate</span> <span style="color:#c0392b">■ handoff recall</span> (dashed: threshold in force)</p>`;
}

/** Confident wrong answers first, then missed hand-offs, by confidence. */
export function worstMistakes(results: TicketResult[], n = 25): TicketResult[] {
  return results
    .filter((r) => !r.correct && r.outcome === 'answer')
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, n);
}

export function renderReport(
  summary: Summary & Record<string, unknown>,
  points: CurvePoint[],
  results: TicketResult[],
  title = 'baton eval',
): string {
  const rows = Object.entries(summary)
    .filter(([, v]) => typeof v !== 'object')
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(String(v))}</td></tr>`)
    .join('');
  const curveRows = points
    .map(
      (p) =>
        `<tr><td>${p.threshold}</td><td>${p.coverage}</td><td>${p.resolution_rate}</td><td>${p.answered_precision}</td><td>${p.handoff_recall}</td></tr>`,
    )
    .join('');
  const mistakes = worstMistakes(results)
    .map(
      (
        r,
      ) => `<details><summary><b>${escapeHtml(r.id)}</b> answered <code>${escapeHtml(String(r.article))}</code> at ${r.confidence.toFixed(3)}; expected ${escapeHtml(r.expected.outcome)} ${escapeHtml(JSON.stringify(r.expected.article ?? r.expected.reason ?? ''))}<br><q>${escapeHtml(r.question)}</q></summary>
<pre>${escapeHtml(JSON.stringify(r.decision.trace, null, 2))}</pre></details>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:960px;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:12px}details{margin:6px 0}.legend span{margin-right:1em}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<h2>Summary</h2><table>${rows}</table>
<h2>Coverage and precision by threshold</h2>${chart(points, summary.threshold)}
<details><summary>curve table</summary><table><tr><th>threshold</th><th>coverage</th><th>resolution</th><th>precision</th><th>handoff recall</th></tr>${curveRows}</table></details>
${confusionSection(results)}
<h2>Worst mistakes: confident wrong answers (incl. answers where a hand-off was expected)</h2>${mistakes || '<p>None.</p>'}
</body></html>`;
}
