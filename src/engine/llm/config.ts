// LLM configuration: one zod schema, and loading from BATON_LLM_* environment variables.
// No variable set means no model: the embedded engine answers alone.
import { z } from 'zod';

export const LLM_PROVIDERS = ['openai', 'azure', 'anthropic', 'vllm', 'ollama', 'llamacpp', 'openai-compatible'] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

/** How JSON output is requested from OpenAI-compatible servers. */
export const JSON_MODES = ['json_schema', 'json_object', 'prompt'] as const;
export type JsonMode = (typeof JSON_MODES)[number];

export const BUDGET_PERIODS = ['hour', 'day', 'month'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

/** Where each provider listens when no base URL is given (local servers at their usual ports). */
export const DEFAULT_BASE_URLS: Partial<Record<LlmProvider, string>> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  vllm: 'http://127.0.0.1:8000/v1',
  ollama: 'http://127.0.0.1:11434/v1',
  llamacpp: 'http://127.0.0.1:8080/v1',
};

/** Defaults for `apiVersion`: Azure's `api-version` query parameter, Anthropic's `anthropic-version` header. */
export const DEFAULT_API_VERSIONS: Partial<Record<LlmProvider, string>> = {
  azure: '2024-10-21',
  anthropic: '2023-06-01',
};

const NEEDS_KEY: LlmProvider[] = ['openai', 'azure', 'anthropic'];
const NEEDS_BASE_URL: LlmProvider[] = ['azure', 'openai-compatible'];

export const LlmBudgetSchema = z.object({
  /** Tokens (input + output) a workspace may spend per period. */
  tokens: z.number().int().positive(),
  period: z.enum(BUDGET_PERIODS).default('day'),
});
export type LlmBudgetConfig = z.infer<typeof LlmBudgetSchema>;

export const LlmConfigSchema = z
  .object({
    provider: z.enum(LLM_PROVIDERS),
    /** API root: `https://api.openai.com/v1`, `http://127.0.0.1:11434/v1`, `https://NAME.openai.azure.com`... */
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Model name; for Azure, the deployment name. */
    model: z.string().min(1),
    apiKey: z.string().min(1).optional(),
    /** Azure `api-version` or Anthropic `anthropic-version`; defaults per provider. */
    apiVersion: z.string().min(1).optional(),
    /** Hard limit for one model call, retries included; the customer never waits longer. */
    timeoutMs: z.number().int().min(100).max(120_000).default(8_000),
    /** Retries on 429 and 5xx (honouring Retry-After) and on connection errors. */
    maxRetries: z.number().int().min(0).max(10).default(2),
    /** Output tokens per answer. */
    maxTokens: z.number().int().min(32).max(8_192).default(500),
    /** OpenAI-compatible servers only; default json_schema, json_object for `openai-compatible`. */
    jsonMode: z.enum(JSON_MODES).optional(),
    /** Sampling temperature; default 0, except OpenAI and Azure (left to the model: reasoning models refuse it). */
    temperature: z.number().min(0).max(2).optional(),
    budget: LlmBudgetSchema.optional(),
  })
  .superRefine((c, ctx) => {
    for (const r of missingFor(c)) ctx.addIssue({ code: 'custom', ...r });
  });

/** Fields a provider cannot do without. */
function missingFor(c: { provider?: unknown; apiKey?: unknown; baseUrl?: unknown }): { path: string[]; message: string }[] {
  const p = c.provider as LlmProvider;
  const out = [];
  if (NEEDS_KEY.includes(p) && !c.apiKey) out.push({ path: ['apiKey'], message: `required for provider ${p}` });
  if (NEEDS_BASE_URL.includes(p) && !c.baseUrl) out.push({ path: ['baseUrl'], message: `required for provider ${p}` });
  return out;
}

export type LlmConfig = z.output<typeof LlmConfigSchema>;
export type LlmConfigInput = z.input<typeof LlmConfigSchema>;

/** Environment variable per config field (documented in docs/llm.md). */
export const LLM_ENV = {
  provider: 'BATON_LLM_PROVIDER',
  baseUrl: 'BATON_LLM_BASE_URL',
  model: 'BATON_LLM_MODEL',
  apiKey: 'BATON_LLM_API_KEY',
  apiVersion: 'BATON_LLM_API_VERSION',
  timeoutMs: 'BATON_LLM_TIMEOUT_MS',
  maxRetries: 'BATON_LLM_MAX_RETRIES',
  maxTokens: 'BATON_LLM_MAX_TOKENS',
  jsonMode: 'BATON_LLM_JSON_MODE',
  temperature: 'BATON_LLM_TEMPERATURE',
  budgetTokens: 'BATON_LLM_BUDGET_TOKENS',
  budgetPeriod: 'BATON_LLM_BUDGET_PERIOD',
} as const;

export interface LlmConfigLoad {
  /** null when no BATON_LLM_* variable is set (or the config is invalid: see problems). */
  config: LlmConfig | null;
  /** Every problem, named by its environment variable; empty when valid. */
  problems: string[];
}

const NUMERIC = new Set(['timeoutMs', 'maxRetries', 'maxTokens', 'temperature']);

/**
 * Reads BATON_LLM_* once (at boot). Does not throw: the server adds `problems` to its own
 * list of configuration errors and exits non-zero if there are any.
 */
export function loadLlmConfig(env: Record<string, string | undefined> = process.env): LlmConfigLoad {
  const get = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  if (!Object.values(LLM_ENV).some((name) => get(name) !== undefined)) return { config: null, problems: [] };
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [field, name] of Object.entries(LLM_ENV)) {
    const v = get(name);
    if (v === undefined || field.startsWith('budget')) continue;
    if (NUMERIC.has(field)) {
      const n = Number(v);
      if (!Number.isFinite(n)) problems.push(`${name}: expected a number, got "${v}"`);
      else raw[field] = n;
    } else raw[field] = v;
  }
  const budgetTokens = get(LLM_ENV.budgetTokens);
  const budgetPeriod = get(LLM_ENV.budgetPeriod);
  if (budgetTokens !== undefined) {
    const n = Number(budgetTokens);
    if (!Number.isFinite(n)) problems.push(`${LLM_ENV.budgetTokens}: expected a number, got "${budgetTokens}"`);
    else raw.budget = { tokens: n, ...(budgetPeriod ? { period: budgetPeriod } : {}) };
  } else if (budgetPeriod !== undefined) {
    problems.push(`${LLM_ENV.budgetPeriod}: needs ${LLM_ENV.budgetTokens}`);
  }
  const parsed = LlmConfigSchema.safeParse(raw);
  if (!parsed.success) {
    // zod skips the refinement when a field is invalid: add its problems so all are listed at once.
    const issues = [...parsed.error.issues, ...missingFor(raw)];
    for (const issue of issues) problems.push(`${envNameOf(issue.path)}: ${issue.message}`);
  }
  const unique = [...new Set(problems)];
  return unique.length || !parsed.success ? { config: null, problems: unique } : { config: parsed.data, problems: [] };
}

function envNameOf(path: PropertyKey[]): string {
  const [head, sub] = path.map(String);
  if (head === 'budget') return sub === 'period' ? LLM_ENV.budgetPeriod : LLM_ENV.budgetTokens;
  return (LLM_ENV as Record<string, string>)[head] ?? head;
}

/** The config as it is safe to log: the key masked. */
export function describeLlmConfig(c: LlmConfig): Record<string, unknown> {
  return { ...c, baseUrl: c.baseUrl ?? DEFAULT_BASE_URLS[c.provider], apiKey: c.apiKey ? '(set)' : undefined };
}
