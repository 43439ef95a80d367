// Per-workspace token budget. The port (TokenBudget) lets the core keep the count in Postgres
// later; InMemoryTokenBudget keeps it in this process. withBudget() wraps any LlmClient: a call
// the budget cannot cover is not made.
import type { BudgetPeriod, LlmBudgetConfig } from './config.ts';
import { LlmError, totalTokens, type LlmClient, type LlmRequest, type LlmResult } from './types.ts';

export interface BudgetReservation {
  /** Replaces the reserved tokens by those actually used (call once). */
  settle(usedTokens: number): Promise<void>;
}

export interface TokenBudget {
  /** Reserves tokens for one call; null when the workspace's budget for the period cannot cover them. */
  reserve(workspaceId: string, tokens: number): Promise<BudgetReservation | null>;
  usage(workspaceId: string): Promise<{ used: number; limit: number; period: BudgetPeriod; periodStart: Date }>;
}

/** Start of the (UTC) hour, day or month holding `t`. */
export function periodStart(period: BudgetPeriod, t: number): number {
  const d = new Date(t);
  if (period === 'hour') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours());
  if (period === 'day') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export class InMemoryTokenBudget implements TokenBudget {
  private readonly spent = new Map<string, { start: number; used: number }>();
  private readonly now: () => number;

  constructor(
    readonly config: LlmBudgetConfig,
    opts: { now?: () => number } = {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  private entry(workspaceId: string, start: number) {
    let e = this.spent.get(workspaceId);
    if (!e || e.start !== start) this.spent.set(workspaceId, (e = { start, used: 0 }));
    return e;
  }

  async reserve(workspaceId: string, tokens: number): Promise<BudgetReservation | null> {
    const start = periodStart(this.config.period, this.now());
    const e = this.entry(workspaceId, start);
    if (e.used + tokens > this.config.tokens) return null;
    e.used += tokens;
    let settled = false;
    return {
      settle: async (used: number) => {
        if (settled) return;
        settled = true;
        // A reservation made in an earlier period is charged to the period it settles in.
        const cur = this.entry(workspaceId, periodStart(this.config.period, this.now()));
        cur.used = Math.max(0, cur.used + used - (cur.start === start ? tokens : 0));
      },
    };
  }

  async usage(workspaceId: string) {
    const start = periodStart(this.config.period, this.now());
    return {
      used: this.entry(workspaceId, start).used,
      limit: this.config.tokens,
      period: this.config.period,
      periodStart: new Date(start),
    };
  }
}

/** Rough token count of a request (4 characters a token) plus its output allowance. */
export function estimateTokens(req: LlmRequest<unknown>): number {
  const extra = (x: unknown) => (x === undefined ? 0 : JSON.stringify(x).length);
  const chars =
    req.system.length +
    extra(req.tools) +
    req.messages.reduce((n, m) => n + m.content.length + extra(m.toolCalls) + extra(m.toolResults), 0);
  return Math.ceil(chars / 4) + req.maxTokens;
}

/** The client, counting against `workspaceId`'s budget: an estimate is reserved, the real usage settled. */
export function withBudget(inner: LlmClient, budget: TokenBudget, workspaceId: string): LlmClient {
  return {
    provider: inner.provider,
    model: inner.model,
    async complete<T = unknown>(req: LlmRequest<T>): Promise<LlmResult<T>> {
      const estimate = estimateTokens(req as LlmRequest<unknown>);
      const reservation = await budget.reserve(workspaceId, estimate);
      if (!reservation) throw new LlmError('budget', `token budget of workspace ${workspaceId} is spent for this period`);
      try {
        const res = await inner.complete(req);
        await reservation.settle(totalTokens(res.usage));
        return res;
      } catch (err) {
        // Known usage (a malformed answer) is charged; a timeout may have been billed: keep the estimate.
        const e = err instanceof LlmError ? err : null;
        await reservation.settle(
          e?.details.usage ? totalTokens(e.details.usage) : e?.kind === 'timeout' || e?.kind === 'aborted' ? estimate : 0,
        );
        throw err;
      }
    },
  };
}
