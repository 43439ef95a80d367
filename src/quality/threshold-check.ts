// The confidence threshold read off a workspace's own labelled tickets, while Baton runs: each
// ticket is played through the workspace's live engine (the bot seat, as customer traffic is),
// once at threshold 0, and the run is re-scored at every threshold (`baton eval`'s metrics), so
// the admin sees what the bot would answer, and how precisely, at the threshold in force and at
// the lowest one that reaches their target precision. The default threshold does not land on one
// precision on every kind of knowledge (docs/engine.md, "Confidence that travels"); a workspace's
// own tickets are the reliable way to set it.
import type { BotEngine } from '../engine/types.ts';
import type { BotSeat } from '../conversations/ports.ts';
import { rescore, runTicket, type TicketResult } from '../engine/eval/run.ts';
import { curve, summarise, thresholdForTarget, type CurvePoint } from '../engine/eval/metrics.ts';
import { parseTickets, type Ticket } from '../engine/eval/tickets.ts';
import { CURVE_THRESHOLDS } from '../engine/eval/evaluate.ts';
import { AppError } from '../errors.ts';

/** Most tickets one check plays (each is one or more bot turns, a few milliseconds each). */
export const MAX_CHECK_TICKETS = 2000;

export interface ThresholdFigures extends CurvePoint {
  /** Tickets the bot would answer at this threshold. */
  answered: number;
}

export interface ThresholdCheck {
  tickets: number;
  answer_expected: number;
  handoff_expected: number;
  target_precision: number;
  /** The threshold in force: the workspace's own (`policy`) or the engine's default. */
  current: ThresholdFigures & { source: 'policy' | 'default' };
  /** The lowest threshold whose answered precision reaches the target; null when none does. */
  suggested: ThresholdFigures | null;
  curve: CurvePoint[];
}

/**
 * Tickets from a JSON Lines text (the eval contract's format): every line valid, or an error that
 * lists every bad line in `details` as `{line, message}` (1-based), and nothing is run.
 */
export function ticketsFrom(text: string): Ticket[] {
  const { tickets, errors } = parseTickets(text);
  if (errors.length)
    throw new AppError(
      'invalid_request',
      `${errors.length} ticket line${errors.length === 1 ? ' is' : 's are'} not valid (the format is in docs/eval.md); the first: line ${errors[0]!.line}: ${errors[0]!.why}`,
      errors.map((e) => ({ line: e.line, message: e.why })),
    );
  if (tickets.length === 0) throw new AppError('invalid_request', 'The file holds no tickets: one JSON object a line (docs/eval.md).');
  if (tickets.length > MAX_CHECK_TICKETS)
    throw new AppError(
      'invalid_request',
      `${tickets.length} tickets: at most ${MAX_CHECK_TICKETS} a check (\`baton eval\` takes any number).`,
    );
  return tickets;
}

/** The rates at `threshold` (`curve`), and how many tickets the bot would answer there. */
const figuresAt = (results: TicketResult[], threshold: number): ThresholdFigures => ({
  ...curve(results, [threshold])[0]!,
  answered: results.filter((r) => rescore(r, threshold).outcome === 'answer').length,
});

/**
 * Plays the tickets through the workspace's engine and reads the threshold off them.
 * `policyThreshold` is the workspace's own, null when it uses the engine's default.
 */
export async function checkThreshold(
  seat: BotSeat,
  workspaceId: string,
  tickets: Ticket[],
  o: { targetPrecision: number; policyThreshold: number | null },
): Promise<ThresholdCheck> {
  // The live seat as an engine (a ticket's run passes its own threshold, never reads the default).
  const engine: BotEngine = { defaultThreshold: () => 0, turn: (input) => seat.decide(workspaceId, input) };
  const results: TicketResult[] = [];
  for (const t of tickets) results.push(await runTicket(engine, t, 0));
  // The engine's default, where the policy has no threshold: a decision asked without one is made at it.
  const current =
    o.policyThreshold ??
    (
      await seat.decide(workspaceId, {
        text: tickets[0]!.messages[0]!.text,
        history: [],
        policy: { confidenceThreshold: null, alwaysHumanIntents: [], alwaysHumanTopics: [] },
      })
    ).threshold;
  const picked = thresholdForTarget(results, o.targetPrecision);
  const suggested = figuresAt(results, picked);
  const counts = summarise(results, current);
  return {
    tickets: counts.tickets,
    answer_expected: counts.answer_expected,
    handoff_expected: counts.handoff_expected,
    target_precision: o.targetPrecision,
    current: { ...figuresAt(results, current), source: o.policyThreshold === null ? 'default' : 'policy' },
    suggested: suggested.answered > 0 && suggested.answered_precision >= o.targetPrecision ? suggested : null,
    curve: curve(results, CURVE_THRESHOLDS),
  };
}
