// The confusion view of the eval report: for each expected intent (the article a ticket
// expects, or "hand-off" for tickets that expect one), what the bot did with its tickets:
// right article, which wrong articles, handed off, clarified. A table of every intent and a
// heat map of the intents with the most mistakes.
import { expectedArticles } from './tickets.ts';
import type { TicketResult } from './run.ts';
import { escapeHtml as esc } from '../../html-escape.ts';

export const HANDOFF_EXPECTED = '(hand-off expected)';
export const PRED_HANDOFF = '(handed off)';
export const PRED_CLARIFY = '(clarified)';
export const SOCIAL_EXPECTED = '(social reply expected)';
export const PRED_SOCIAL = '(social reply)';

export interface IntentRow {
  intent: string;
  tickets: number;
  correct: number;
  accuracy: number;
  handed_off: number;
  clarified: number;
  /** Wrong answers by the article answered, most frequent first. */
  wrong: { article: string; count: number }[];
  /** Everything predicted for this intent (the expected label when right). */
  predicted: Map<string, number>;
}

export function confusionByIntent(results: TicketResult[]): IntentRow[] {
  const rows = new Map<string, IntentRow>();
  for (const r of results) {
    const expected = r.expected.outcome === 'answer' ? expectedArticles({ expected: r.expected } as never) : [];
    const intent =
      r.expected.outcome === 'handoff'
        ? HANDOFF_EXPECTED
        : r.expected.outcome === 'social'
          ? SOCIAL_EXPECTED
          : (expected[0] ?? '(no article)');
    let row = rows.get(intent);
    if (!row)
      rows.set(
        intent,
        (row = { intent, tickets: 0, correct: 0, accuracy: 0, handed_off: 0, clarified: 0, wrong: [], predicted: new Map() }),
      );
    row.tickets++;
    if (r.correct) row.correct++;
    let predicted: string;
    if (r.outcome === 'handoff') {
      row.handed_off++;
      predicted = r.expected.outcome === 'handoff' ? HANDOFF_EXPECTED : PRED_HANDOFF;
    } else if (r.outcome === 'clarify') {
      row.clarified++;
      predicted = PRED_CLARIFY;
    } else if (r.outcome === 'social') predicted = r.expected.outcome === 'social' ? SOCIAL_EXPECTED : PRED_SOCIAL;
    else predicted = r.article !== null && expected.includes(r.article) ? intent : (r.article ?? '(no article)');
    row.predicted.set(predicted, (row.predicted.get(predicted) ?? 0) + 1);
  }
  for (const row of rows.values()) {
    row.accuracy = row.tickets ? Number((row.correct / row.tickets).toFixed(4)) : 0;
    row.wrong = [...row.predicted.entries()]
      .filter(
        ([p]) =>
          p !== row.intent &&
          p !== PRED_HANDOFF &&
          p !== PRED_CLARIFY &&
          p !== HANDOFF_EXPECTED &&
          p !== PRED_SOCIAL &&
          p !== SOCIAL_EXPECTED,
      )
      .map(([article, count]) => ({ article, count }))
      .sort((a, b) => b.count - a.count || a.article.localeCompare(b.article));
  }
  return [...rows.values()].sort((a, b) => b.tickets - b.correct - (a.tickets - a.correct) || a.intent.localeCompare(b.intent));
}

/** A heat map (inline SVG) of the `k` intents with the most mistakes against what was predicted. */
export function confusionHeatmap(rows: IntentRow[], k = 12): string {
  const top = rows.filter((r) => r.correct < r.tickets).slice(0, k);
  if (top.length === 0) return '<p>No mistakes to map.</p>';
  const named = new Set(top.map((r) => r.intent));
  const OTHER = '(other article)';
  const cols = [...top.map((r) => r.intent), OTHER, PRED_HANDOFF, PRED_CLARIFY, PRED_SOCIAL];
  const cell = (row: IntentRow, col: string) => {
    if (col === OTHER)
      return [...row.predicted.entries()]
        .filter(
          ([p]) =>
            !named.has(p) &&
            p !== PRED_HANDOFF &&
            p !== PRED_CLARIFY &&
            p !== PRED_SOCIAL &&
            p !== row.intent &&
            p !== HANDOFF_EXPECTED &&
            p !== SOCIAL_EXPECTED,
        )
        .reduce((n, [, c]) => n + c, 0);
    if (col === row.intent && row.intent === HANDOFF_EXPECTED) return row.predicted.get(HANDOFF_EXPECTED) ?? 0;
    return row.predicted.get(col) ?? 0;
  };
  const size = 26;
  const left = 190;
  const topPad = 150;
  const W = left + cols.length * size + 100;
  const H = topPad + top.length * size + 10;
  const parts: string[] = [];
  top.forEach((row, i) => {
    parts.push(
      `<text x="${left - 6}" y="${topPad + i * size + size / 2 + 4}" text-anchor="end" font-size="11">${esc(row.intent.slice(0, 30))}</text>`,
    );
    cols.forEach((col, j) => {
      const v = cell(row, col);
      const share = row.tickets ? v / row.tickets : 0;
      const diagonal = col === row.intent;
      const fill = v === 0 ? '#fafafa' : diagonal ? `rgba(27,127,59,${0.15 + 0.85 * share})` : `rgba(192,57,43,${0.15 + 0.85 * share})`;
      const x = left + j * size;
      const y = topPad + i * size;
      parts.push(
        `<rect class="cell" x="${x}" y="${y}" width="${size - 2}" height="${size - 2}" fill="${fill}" data-expected="${esc(row.intent)}" data-predicted="${esc(col)}" data-count="${v}"><title>${esc(row.intent)} → ${esc(col)}: ${v}</title></rect>`,
      );
      if (v > 0) parts.push(`<text x="${x + (size - 2) / 2}" y="${y + size / 2 + 3}" text-anchor="middle" font-size="10">${v}</text>`);
    });
  });
  cols.forEach((col, j) => {
    const x = left + j * size + size / 2;
    parts.push(`<text transform="translate(${x},${topPad - 6}) rotate(-55)" font-size="11">${esc(col.slice(0, 28))}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" class="confusion" width="${W}" height="${H}" role="img" aria-label="confusion by intent: expected (rows) against predicted (columns)">${parts.join('')}</svg>
<p class="legend">Rows: expected intent; columns: what the bot did (green: the right article). The ${top.length} intents with the most mistakes.</p>`;
}

/** The table of every intent, most mistakes first. */
export function confusionTable(rows: IntentRow[]): string {
  const body = rows
    .map((r) => {
      const bar = `<svg width="80" height="10" aria-hidden="true"><rect width="80" height="10" fill="#eee"/><rect width="${(80 * r.accuracy).toFixed(1)}" height="10" fill="#1b7f3b"/></svg>`;
      const wrong = r.wrong
        .slice(0, 3)
        .map((w) => `${esc(w.article)} (${w.count})`)
        .join(', ');
      return `<tr data-intent="${esc(r.intent)}"><td>${esc(r.intent)}</td><td>${r.tickets}</td><td>${r.correct}</td><td>${bar} ${(r.accuracy * 100).toFixed(1)}%</td><td>${r.handed_off}</td><td>${r.clarified}</td><td>${wrong}${r.wrong.length > 3 ? ', …' : ''}</td></tr>`;
    })
    .join('');
  return `<table class="confusion-table"><tr><th>expected intent</th><th>tickets</th><th>right</th><th>accuracy</th><th>handed off</th><th>clarified</th><th>answered instead (count)</th></tr>${body}</table>`;
}

export function confusionSection(results: TicketResult[]): string {
  const rows = confusionByIntent(results);
  return `<h2 id="confusion">Confusion by intent</h2>${confusionHeatmap(rows)}
<details open><summary>every intent (${rows.length}), most mistakes first</summary>${confusionTable(rows)}</details>`;
}
