// `baton eval` without the CLI: load knowledge and tickets, build a throw-away engine, run,
// and produce the contract's JSON, per-ticket details and the HTML report.
import type { Article, BotEngine } from '../types.ts';
import { runTicket, type TicketResult } from './run.ts';
import { summarise, curve, percentile, thresholdForTarget, type Summary, type CurvePoint } from './metrics.ts';
import type { Ticket } from './tickets.ts';
import type { EvalActions } from './actions.ts';

export interface EvalOptions {
  /** A number, null for the engine's default, or 'auto' to pick it for `targetPrecision` on these tickets. */
  threshold: number | null | 'auto';
  targetPrecision?: number;
  onProgress?: (done: number, total: number) => void;
  /** `--tools`: run the workspace's playbooks against its API beside the engine. */
  actions?: EvalActions;
}

export interface EvalResult {
  summary: Summary & {
    curve: CurvePoint[];
    latency_ms: { p50: number; p99: number };
    setup_ms: number;
    default_threshold: number;
    [k: string]: unknown;
  };
  results: TicketResult[];
}

export const CURVE_THRESHOLDS = Array.from({ length: 41 }, (_, i) => i / 40);

async function runAll(
  engine: BotEngine,
  tickets: Ticket[],
  threshold: number | null,
  onProgress?: EvalOptions['onProgress'],
  actions?: EvalActions,
) {
  const results: TicketResult[] = [];
  for (let i = 0; i < tickets.length; i++) {
    results.push(await runTicket(engine, tickets[i], threshold, actions));
    if (onProgress && (i % 50 === 0 || i === tickets.length - 1)) onProgress(i + 1, tickets.length);
  }
  return results;
}

export async function evaluate(
  build: (articles: Article[]) => Promise<BotEngine>,
  articles: Article[],
  tickets: Ticket[],
  opts: EvalOptions,
): Promise<EvalResult> {
  const t0 = performance.now();
  const engine = await build(articles);
  const setupMs = Math.round(performance.now() - t0);
  let threshold: number | null = opts.threshold === 'auto' ? 0 : opts.threshold;
  let results = await runAll(engine, tickets, threshold, opts.onProgress, opts.actions);
  let picked: number | undefined;
  if (opts.threshold === 'auto') {
    picked = thresholdForTarget(results, opts.targetPrecision ?? 0.95);
    threshold = picked;
    results = await runAll(engine, tickets, threshold, opts.onProgress, opts.actions);
  }
  const effective = threshold ?? engine.defaultThreshold();
  const latencies = results.flatMap((r) => r.turns.map((t) => t.ms));
  const summary = {
    ...summarise(results, effective),
    curve: curve(results, CURVE_THRESHOLDS),
    latency_ms: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
    setup_ms: setupMs,
    default_threshold: engine.defaultThreshold(),
    turns: latencies.length,
    ...(picked !== undefined ? { target_precision: opts.targetPrecision } : {}),
    ...(opts.actions ? actionFigures(results) : {}),
  };
  return { summary, results };
}

/** Over tickets with `expected.actions`: how many made exactly the expected writes, and left the API's records as they would. */
export function actionFigures(results: TicketResult[]) {
  const rows = results.filter((r) => r.actions_ok !== undefined);
  const ok = rows.filter((r) => r.actions_ok).length;
  const checked = rows.filter((r) => r.state_match !== undefined && r.state_match !== null);
  return {
    action_tickets: rows.length,
    action_correct: ok,
    action_accuracy: rows.length ? Number((ok / rows.length).toFixed(4)) : 0,
    ...(checked.length ? { state_matches: checked.filter((r) => r.state_match).length } : {}),
    tool_calls: results.reduce((n, r) => n + (r.actions?.length ?? 0), 0),
  };
}

/** One line per ticket, contract fields first. */
export function detailLine(r: TicketResult): string {
  return JSON.stringify({
    id: r.id,
    outcome: r.outcome,
    reasons: r.reasons,
    confidence: r.confidence,
    article: r.article,
    turn: r.turn,
    correct: r.correct,
    expected: r.expected,
    candidates: r.decision.trace.candidates,
    ...(r.actions ? { actions: r.actions } : {}),
    ...(r.actions_ok !== undefined ? { actions_ok: r.actions_ok } : {}),
    ...(r.state_match !== undefined ? { state_match: r.state_match } : {}),
  });
}
