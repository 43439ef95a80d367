// `baton eval` without the CLI: load knowledge and tickets, build a throw-away engine, run,
// and produce the contract's JSON, per-ticket details and the HTML report.
import type { Article, BotEngine } from '../types.ts';
import { runTicket, type TicketResult } from './run.ts';
import { summarise, curve, percentile, thresholdForTarget, type Summary, type CurvePoint } from './metrics.ts';
import type { Ticket } from './tickets.ts';

export interface EvalOptions {
  /** A number, null for the engine's default, or 'auto' to pick it for `targetPrecision` on these tickets. */
  threshold: number | null | 'auto';
  targetPrecision?: number;
  onProgress?: (done: number, total: number) => void;
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

async function runAll(engine: BotEngine, tickets: Ticket[], threshold: number | null, onProgress?: EvalOptions['onProgress']) {
  const results: TicketResult[] = [];
  for (let i = 0; i < tickets.length; i++) {
    results.push(await runTicket(engine, tickets[i], threshold));
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
  let results = await runAll(engine, tickets, threshold, opts.onProgress);
  let picked: number | undefined;
  if (opts.threshold === 'auto') {
    picked = thresholdForTarget(results, opts.targetPrecision ?? 0.95);
    threshold = picked;
    results = await runAll(engine, tickets, threshold, opts.onProgress);
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
  };
  return { summary, results };
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
  });
}
