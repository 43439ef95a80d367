import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLlmClient } from './client.ts';
import { LlmConfigSchema, type LlmConfigInput } from './config.ts';
import { InMemoryTokenBudget, withBudget } from './budget.ts';
import { LlmError, type LlmRequest } from './types.ts';
import { anthropicReply, openAiReply, startLoopback, type Loopback, type Reply } from './testing/loopback.ts';

const Answer = z.object({ answer: z.string(), citations: z.array(z.string()) });
const request = (over: Partial<LlmRequest<z.infer<typeof Answer>>> = {}): LlmRequest<z.infer<typeof Answer>> => ({
  system: 'Answer from the passages.',
  messages: [{ role: 'user', content: 'How long do refunds take?' }],
  jsonSchema: { name: 'grounded_answer', schema: Answer },
  maxTokens: 200,
  timeoutMs: 3_000,
  ...over,
});

let server: Loopback | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
async function serve(script: (n: number) => Reply) {
  server = await startLoopback((_req, n) => script(n));
  return server;
}
const client = (cfg: Partial<LlmConfigInput>) =>
  createLlmClient(LlmConfigSchema.parse({ provider: 'openai-compatible', model: 'm', baseUrl: server!.url, ...cfg }), { retryBaseMs: 20 });

async function failure(p: Promise<unknown>): Promise<LlmError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(LlmError);
    return err as LlmError;
  }
  throw new Error('expected the call to fail');
}

const good = JSON.stringify({ answer: 'Refunds take 14 days.', citations: ['P1'] });

describe('OpenAI-compatible adapter', () => {
  it('speaks chat completions with a json_schema response format (OpenAI)', async () => {
    const s = await serve(() => openAiReply(good));
    const res = await client({ provider: 'openai', apiKey: 'sk-test', baseUrl: `${s.url}/v1`, model: 'gpt-test' }).complete(request());
    expect(res.json).toEqual({ answer: 'Refunds take 14 days.', citations: ['P1'] });
    expect(res.usage).toEqual({ inputTokens: 120, outputTokens: 30 });
    const [req] = s.requests;
    expect(req.url).toBe('/v1/chat/completions');
    expect(req.headers.authorization).toBe('Bearer sk-test');
    expect(req.body).toMatchObject({
      model: 'gpt-test',
      max_completion_tokens: 200,
      messages: [
        { role: 'system', content: 'Answer from the passages.' },
        { role: 'user', content: 'How long do refunds take?' },
      ],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'grounded_answer', strict: true, schema: { type: 'object', required: ['answer', 'citations'] } },
      },
    });
    expect(req.body.temperature).toBeUndefined();
    expect(req.body.response_format.json_schema.schema.$schema).toBeUndefined();
  });

  it('speaks Azure OpenAI: deployment path, api-version, api-key header', async () => {
    const s = await serve(() => openAiReply(good));
    await client({ provider: 'azure', apiKey: 'az-key', model: 'my-deployment', apiVersion: '2024-10-21' }).complete(request());
    const [req] = s.requests;
    expect(req.url).toBe('/openai/deployments/my-deployment/chat/completions?api-version=2024-10-21');
    expect(req.headers['api-key']).toBe('az-key');
    expect(req.headers.authorization).toBeUndefined();
  });

  it('local servers get max_tokens and temperature 0; unknown ones json_object with the schema in the prompt', async () => {
    const s = await serve(() => openAiReply('```json\n' + good + '\n```'));
    await client({ provider: 'ollama', baseUrl: `${s.url}/v1` }).complete(request());
    await client({}).complete(request());
    expect(s.requests[0].body).toMatchObject({ max_tokens: 200, temperature: 0, response_format: { type: 'json_schema' } });
    expect(s.requests[0].headers.authorization).toBeUndefined();
    expect(s.requests[1].body.response_format).toEqual({ type: 'json_object' });
    expect(s.requests[1].body.messages[0].content).toContain('JSON Schema');
  });

  it('gives up at the timeout when the server never answers', async () => {
    const s = await serve(() => 'hang');
    const t0 = Date.now();
    const e = await failure(client({}).complete(request({ timeoutMs: 300 })));
    expect(e.kind).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(s.requests).toHaveLength(1);
  });

  it('waits as Retry-After says on 429, then succeeds', async () => {
    const s = await serve((n) =>
      n === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'slow down' } } } : openAiReply(good),
    );
    const t0 = Date.now();
    const res = await client({ maxRetries: 2 }).complete(request({ timeoutMs: 5_000 }));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(res.attempts).toBe(2);
    expect(s.requests).toHaveLength(2);
  });

  it('does not wait for a Retry-After beyond the timeout', async () => {
    const s = await serve(() => ({ status: 429, headers: { 'retry-after': '30' } }));
    const t0 = Date.now();
    const e = await failure(client({}).complete(request({ timeoutMs: 2_000 })));
    expect(e).toMatchObject({ kind: 'http', status: 429 });
    expect(Date.now() - t0).toBeLessThan(500);
    expect(s.requests).toHaveLength(1);
  });

  it('retries 5xx with backoff, then reports the last error', async () => {
    const s = await serve(() => ({ status: 500, body: { error: { message: 'upstream exploded' } } }));
    const e = await failure(client({ maxRetries: 2 }).complete(request()));
    expect(e).toMatchObject({ kind: 'http', status: 500 });
    expect(e.message).toContain('upstream exploded');
    expect(s.requests).toHaveLength(3);
  });

  it('does not retry a 4xx other than 408, 409 and 429', async () => {
    const s = await serve(() => ({ status: 401, body: { error: { message: 'bad key' } } }));
    const e = await failure(client({ maxRetries: 3 }).complete(request()));
    expect(e).toMatchObject({ kind: 'http', status: 401 });
    expect(s.requests).toHaveLength(1);
  });

  it('rejects output that is not the JSON asked for', async () => {
    await serve((n) => openAiReply(n === 1 ? 'Refunds take 14 days.' : JSON.stringify({ answer: 14, citations: 'P1' })));
    const c = client({});
    expect((await failure(c.complete(request()))).kind).toBe('malformed');
    const e = await failure(c.complete(request()));
    expect(e.kind).toBe('malformed');
    expect(e.details.usage).toEqual({ inputTokens: 120, outputTokens: 30 });
  });

  it('reports a connection refused as a network error', async () => {
    const s = await serve(() => openAiReply(good));
    const url = s.url;
    await s.close();
    server = null;
    const c = createLlmClient(LlmConfigSchema.parse({ provider: 'vllm', model: 'm', baseUrl: url, maxRetries: 1 }), { retryBaseMs: 10 });
    expect((await failure(c.complete(request()))).kind).toBe('network');
  });
});

describe('Anthropic adapter', () => {
  it('speaks the Messages API with a forced tool call for JSON', async () => {
    const s = await serve(() => anthropicReply({ answer: 'Refunds take 14 days.', citations: ['P1'] }));
    const c = client({ provider: 'anthropic', apiKey: 'ant-key', model: 'claude-test' });
    const res = await c.complete(request());
    expect(res.json).toEqual({ answer: 'Refunds take 14 days.', citations: ['P1'] });
    expect(res.usage).toEqual({ inputTokens: 110, outputTokens: 25 });
    const [req] = s.requests;
    expect(req.url).toBe('/v1/messages');
    expect(req.headers['x-api-key']).toBe('ant-key');
    expect(req.headers['anthropic-version']).toBe('2023-06-01');
    expect(req.body).toMatchObject({
      model: 'claude-test',
      max_tokens: 200,
      system: 'Answer from the passages.',
      messages: [{ role: 'user', content: 'How long do refunds take?' }],
      tool_choice: { type: 'tool', name: 'grounded_answer' },
      tools: [{ name: 'grounded_answer', input_schema: { type: 'object' } }],
    });
  });

  it('retries 529 (overloaded) and validates the tool input', async () => {
    const s = await serve((n) =>
      n === 1
        ? { status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }
        : anthropicReply({ answer: 'x' }),
    );
    const e = await failure(client({ provider: 'anthropic', apiKey: 'k' }).complete(request()));
    expect(e.kind).toBe('malformed');
    expect(s.requests).toHaveLength(2);
  });

  it('returns plain text without a schema', async () => {
    await serve(() => ({
      body: { model: 'claude-test', content: [{ type: 'text', text: 'Hello.' }], usage: { input_tokens: 5, output_tokens: 2 } },
    }));
    const res = await client({ provider: 'anthropic', apiKey: 'k' }).complete(request({ jsonSchema: undefined }));
    expect(res.text).toBe('Hello.');
    expect(res.json).toBeUndefined();
  });
});

describe('token budget', () => {
  it('makes no call when the workspace budget is spent, and counts real usage', async () => {
    const s = await serve(() => openAiReply(good, { prompt_tokens: 300, completion_tokens: 50 }));
    const budget = new InMemoryTokenBudget({ tokens: 1_000, period: 'day' });
    const c = withBudget(client({}), budget, 'ws-1');
    await c.complete(request());
    expect((await budget.usage('ws-1')).used).toBe(350);
    await c.complete(request());
    expect((await budget.usage('ws-1')).used).toBe(700);
    // 300 left; a request reserves its prompt estimate + maxTokens (200) and does not fit.
    const e = await failure(c.complete(request({ maxTokens: 400 })));
    expect(e.kind).toBe('budget');
    expect(s.requests).toHaveLength(2);
    // Another workspace has its own budget.
    await withBudget(client({}), budget, 'ws-2').complete(request());
    expect(s.requests).toHaveLength(3);
  });
});
