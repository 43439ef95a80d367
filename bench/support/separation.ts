// How well a confidence separates right answers from wrong ones (issue 15, items 5 and 7): for
// each ticket, the confidence at which it would be answered (its lowest turn confidence, as
// `thresholdForTarget` reads it) and whether that answer is right. Printed by `eval.ts curve`.
import { expectedArticles } from '../../src/engine/eval/tickets.ts';
import type { TicketResult } from '../../src/engine/eval/run.ts';

export interface Scored {
  id: string;
  /** Lowest turn confidence, or -1 when something other than the threshold hands it off. */
  score: number;
  right: boolean;
  answerable: boolean;
}

export function scoredTickets(results: TicketResult[]): Scored[] {
  return results.map((r) => {
    const blocked =
      r.turns.some((t) => t.fixed === 'rephrase' || t.blocking.length > 0 || !t.verified) || r.turns.at(-1)?.fixed === 'social';
    const score = blocked ? -1 : Math.min(...r.turns.filter((t) => t.fixed !== 'social').map((t) => t.confidence));
    const article = r.turns.at(-1)?.article ?? null;
    const answerable = r.expected.outcome === 'answer';
    const right = answerable && article !== null && expectedArticles({ expected: r.expected } as never).includes(article);
    return { id: r.id, score, right, answerable };
  });
}

/** Area under the ROC curve of `score` for right answers against every other ticket that could be answered (ties count half). */
export function auc(rows: Scored[]): number {
  const pos = rows.filter((r) => r.score >= 0 && r.right).map((r) => r.score);
  const neg = rows.filter((r) => r.score >= 0 && !r.right).map((r) => r.score);
  if (!pos.length || !neg.length) return NaN;
  let s = 0;
  for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0;
  return s / (pos.length * neg.length);
}

/** Resolution and answered precision had the threshold been `t`. */
export function at(rows: Scored[], t: number): { resolution: number; precision: number; answered: number } {
  const answered = rows.filter((r) => r.score >= 0 && r.score >= t);
  const right = answered.filter((r) => r.right).length;
  const answerable = rows.filter((r) => r.answerable).length;
  return {
    resolution: answerable ? right / answerable : 0,
    precision: answered.length ? right / answered.length : NaN,
    answered: answered.length,
  };
}
