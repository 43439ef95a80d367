// The optional model path: one port (LlmClient), adapters for OpenAI-compatible servers and
// Anthropic, a per-workspace token budget, and the writer stage the engine calls.
export * from './types.ts';
export {
  LlmConfigSchema,
  loadLlmConfig,
  describeLlmConfig,
  LLM_ENV,
  LLM_PROVIDERS,
  type LlmConfig,
  type LlmConfigInput,
  type LlmConfigLoad,
  type LlmProvider,
} from './config.ts';
export { createLlmClient } from './client.ts';
export { InMemoryTokenBudget, withBudget, estimateTokens, type TokenBudget, type BudgetReservation } from './budget.ts';
export { createAnswerWriter, processTokenBudget, type LlmSetup, type WriterContext } from './setup.ts';
export { LlmAnswerWriter, type LlmTrace } from './writer.ts';
export { buildPrompt, SYSTEM_PROMPT } from './prompt.ts';
