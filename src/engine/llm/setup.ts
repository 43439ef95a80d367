// Turns the engine's `llm` option (a config, or a ready client) into an answer writer.
import { createLlmClient } from './client.ts';
import { InMemoryTokenBudget, withBudget, type TokenBudget } from './budget.ts';
import { LlmConfigSchema, type LlmBudgetConfig, type LlmConfigInput } from './config.ts';
import type { HttpDeps } from './http.ts';
import type { LlmClient } from './types.ts';
import { LlmAnswerWriter } from './writer.ts';

/** A ready port (tests, a provider Baton has no adapter for). */
export interface LlmSetup {
  client: LlmClient;
  timeoutMs?: number;
  maxTokens?: number;
}

export interface WriterContext {
  /** Whose budget the calls count against; default "default". */
  workspaceId?: string;
  /** Where usage is counted; default, for a config with a budget, an in-memory count shared by this process. */
  tokenBudget?: TokenBudget;
  http?: HttpDeps;
}

// Engines are rebuilt after every ingest; the count must outlive them, so by default it lives
// here, one store per budget setting. The core can pass a persistent TokenBudget instead.
const processBudgets = new Map<string, InMemoryTokenBudget>();
export function processTokenBudget(config: LlmBudgetConfig): InMemoryTokenBudget {
  const key = `${config.tokens}/${config.period}`;
  let b = processBudgets.get(key);
  if (!b) processBudgets.set(key, (b = new InMemoryTokenBudget(config)));
  return b;
}

export function createAnswerWriter(llm: LlmConfigInput | LlmSetup, ctx: WriterContext = {}): LlmAnswerWriter {
  const workspaceId = ctx.workspaceId ?? 'default';
  if ('client' in llm) {
    const client = ctx.tokenBudget ? withBudget(llm.client, ctx.tokenBudget, workspaceId) : llm.client;
    return new LlmAnswerWriter({ client, timeoutMs: llm.timeoutMs ?? 8_000, maxTokens: llm.maxTokens ?? 500 });
  }
  const config = LlmConfigSchema.parse(llm);
  let client = createLlmClient(config, ctx.http);
  const budget = ctx.tokenBudget ?? (config.budget ? processTokenBudget(config.budget) : undefined);
  if (budget) client = withBudget(client, budget, workspaceId);
  return new LlmAnswerWriter({ client, timeoutMs: config.timeoutMs, maxTokens: config.maxTokens });
}
