import { describe, expect, it } from 'vitest';
import { describeLlmConfig, loadLlmConfig, LlmConfigSchema } from './config.ts';
import { InMemoryTokenBudget, periodStart } from './budget.ts';

describe('LLM config from the environment', () => {
  it('no BATON_LLM_* variable: no model, no problem', () => {
    expect(loadLlmConfig({ PATH: '/bin' })).toEqual({ config: null, problems: [] });
  });

  it('reads every variable, with defaults', () => {
    const { config, problems } = loadLlmConfig({
      BATON_LLM_PROVIDER: 'azure',
      BATON_LLM_BASE_URL: 'https://acme.openai.azure.com',
      BATON_LLM_MODEL: 'gpt-4o-mini-support',
      BATON_LLM_API_KEY: 'secret-key',
      BATON_LLM_TIMEOUT_MS: '5000',
      BATON_LLM_BUDGET_TOKENS: '200000',
    });
    expect(problems).toEqual([]);
    expect(config).toEqual({
      provider: 'azure',
      baseUrl: 'https://acme.openai.azure.com',
      model: 'gpt-4o-mini-support',
      apiKey: 'secret-key',
      timeoutMs: 5000,
      maxRetries: 2,
      maxTokens: 500,
      budget: { tokens: 200000, period: 'day' },
    });
    expect(describeLlmConfig(config!).apiKey).toBe('(set)');
  });

  it('lists every problem by variable name', () => {
    const { config, problems } = loadLlmConfig({
      BATON_LLM_PROVIDER: 'openai',
      BATON_LLM_TIMEOUT_MS: 'soon',
      BATON_LLM_BUDGET_PERIOD: 'week',
    });
    expect(config).toBeNull();
    expect(problems).toEqual(
      expect.arrayContaining([
        'BATON_LLM_TIMEOUT_MS: expected a number, got "soon"',
        'BATON_LLM_BUDGET_PERIOD: needs BATON_LLM_BUDGET_TOKENS',
        expect.stringMatching(/^BATON_LLM_MODEL: /),
        'BATON_LLM_API_KEY: required for provider openai',
      ]),
    );
    expect(loadLlmConfig({ BATON_LLM_PROVIDER: 'gemini', BATON_LLM_MODEL: 'x' }).problems[0]).toMatch(/^BATON_LLM_PROVIDER: /);
    expect(loadLlmConfig({ BATON_LLM_PROVIDER: 'openai-compatible', BATON_LLM_MODEL: 'x' }).problems).toEqual([
      'BATON_LLM_BASE_URL: required for provider openai-compatible',
    ]);
  });

  it('local servers need neither key nor base URL', () => {
    expect(LlmConfigSchema.safeParse({ provider: 'ollama', model: 'llama3.2' }).success).toBe(true);
    expect(LlmConfigSchema.safeParse({ provider: 'vllm', model: 'm', baseUrl: 'ftp://x' }).success).toBe(false);
  });
});

describe('in-memory token budget', () => {
  it('counts per workspace and period, and starts again in the next period', async () => {
    let now = Date.UTC(2025, 4, 31, 23, 0);
    const b = new InMemoryTokenBudget({ tokens: 1000, period: 'day' }, { now: () => now });
    const r = await b.reserve('a', 600);
    expect(r).not.toBeNull();
    expect(await b.reserve('a', 600)).toBeNull();
    expect(await b.reserve('b', 600)).not.toBeNull();
    await r!.settle(200); // used less than reserved
    expect((await b.usage('a')).used).toBe(200);
    expect(await b.reserve('a', 800)).not.toBeNull();
    now = Date.UTC(2025, 5, 1, 0, 30);
    expect((await b.usage('a')).used).toBe(0);
    expect((await b.usage('a')).periodStart.toISOString()).toBe('2025-06-01T00:00:00.000Z');
    expect(periodStart('month', now)).toBe(Date.UTC(2025, 5, 1));
    expect(periodStart('hour', now)).toBe(Date.UTC(2025, 5, 1, 0));
  });
});
