// The figures of the eval contract, from per-ticket results.
import { expectedArticles } from './tickets.ts';
import { rescore, type TicketResult } from './run.ts';

export interface Summary {
  tickets: number;
  answer_expected: number;
  handoff_expected: number;
  threshold: number;
  coverage: number;
  resolution_rate: number;
  answered_precision: number;
  hallucination_rate: number;
  handoff_recall: number;
  handoff_precision: number;
  answered: number;
  clarified: number;
  handed_off: number;
  /** Social replies (small talk): neither an answer nor a hand-off. */
  social: number;
  social_expected: number;
}

export interface CurvePoint {
  threshold: number;
  coverage: number;
  resolution_rate: number;
  answered_precision: number;
  handoff_recall: number;
}

const ratio = (a: number, b: number) => (b > 0 ? Number((a / b).toFixed(4)) : 0);

type Outcome = { outcome: string; article: string | null; correct: boolean; expected: TicketResult['expected'] };

function tally(rows: Outcome[]) {
  let answerExpected = 0,
    handoffExpected = 0,
    answered = 0,
    answeredOfExpected = 0,
    resolved = 0,
    correctAnswers = 0;
  let handoffs = 0,
    handoffsRight = 0,
    clarified = 0,
    social = 0,
    socialExpected = 0;
  for (const r of rows) {
    const wantsAnswer = r.expected.outcome === 'answer';
    if (wantsAnswer) answerExpected++;
    else if (r.expected.outcome === 'handoff') handoffExpected++;
    else socialExpected++;
    if (r.outcome === 'answer') {
      answered++;
      const articles = expectedArticles({ expected: r.expected } as never);
      // An account request (expected.actions, no article) is resolved when the ticket is correct: the right writes, no hand-off.
      const right =
        wantsAnswer && (articles.length === 0 && r.expected.actions ? r.correct : r.article !== null && articles.includes(r.article));
      if (wantsAnswer) answeredOfExpected++;
      if (right) {
        resolved++;
        correctAnswers++;
      }
    } else if (r.outcome === 'handoff') {
      handoffs++;
      if (r.expected.outcome === 'handoff') handoffsRight++;
    } else if (r.outcome === 'social') social++;
    else clarified++;
  }
  return {
    answerExpected,
    handoffExpected,
    answered,
    answeredOfExpected,
    resolved,
    correctAnswers,
    handoffs,
    handoffsRight,
    clarified,
    social,
    socialExpected,
  };
}

export function summarise(results: TicketResult[], threshold: number): Summary {
  const t = tally(results);
  const precision = ratio(t.correctAnswers, t.answered);
  // handoff_recall counts handed-off tickets that expected a hand-off (the reason is checked in `correct`).
  const recallHits = results.filter((r) => r.expected.outcome === 'handoff' && r.outcome === 'handoff').length;
  return {
    tickets: results.length,
    answer_expected: t.answerExpected,
    handoff_expected: t.handoffExpected,
    threshold: Number(threshold.toFixed(4)),
    coverage: ratio(t.answeredOfExpected, t.answerExpected),
    resolution_rate: ratio(t.resolved, t.answerExpected),
    answered_precision: precision,
    hallucination_rate: t.answered > 0 ? Number((1 - precision).toFixed(4)) : 0,
    handoff_recall: ratio(recallHits, t.handoffExpected),
    handoff_precision: ratio(t.handoffsRight, t.handoffs),
    answered: t.answered,
    clarified: t.clarified,
    handed_off: t.handoffs,
    social: t.social,
    social_expected: t.socialExpected,
  };
}

export function curve(results: TicketResult[], thresholds: number[]): CurvePoint[] {
  return thresholds.map((th) => {
    const rows = results.map((r) => ({ ...rescore(r, th), correct: false, expected: r.expected }));
    const t = tally(rows);
    return {
      threshold: Number(th.toFixed(4)),
      coverage: ratio(t.answeredOfExpected, t.answerExpected),
      resolution_rate: ratio(t.resolved, t.answerExpected),
      answered_precision: ratio(t.correctAnswers, t.answered),
      handoff_recall: ratio(t.handoffsRight, t.handoffExpected),
    };
  });
}

/**
 * Lowest threshold whose re-scored answered precision reaches `target`. A ticket is answered
 * at threshold t exactly when t <= its lowest turn confidence (and nothing blocks it), so one
 * sweep over tickets sorted by that number checks every threshold that matters.
 */
export function thresholdForTarget(results: TicketResult[], target: number): number {
  const rows = results
    .map((r) => {
      const blocked =
        r.turns.some((t) => t.fixed === 'rephrase' || t.blocking.length > 0 || !t.verified) || r.turns.at(-1)?.fixed === 'social';
      const min = blocked ? -1 : Math.min(...r.turns.filter((t) => t.fixed !== 'social').map((t) => t.confidence));
      const article = r.turns.at(-1)?.article ?? null;
      const right =
        r.expected.outcome === 'answer' && article !== null && expectedArticles({ expected: r.expected } as never).includes(article);
      return { min, right };
    })
    .filter((r) => r.min >= 0)
    .sort((a, b) => b.min - a.min);
  let good = 0;
  let best = 1;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].right) good++;
    if (i + 1 < rows.length && rows[i + 1].min === rows[i].min) continue;
    if (good / (i + 1) >= target) best = rows[i].min;
  }
  return best;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = values.slice().sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(3));
}
