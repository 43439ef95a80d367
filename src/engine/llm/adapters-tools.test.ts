import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { estimateTokens } from './budget.ts';
import { createLlmClient } from './client.ts';
import { LlmConfigSchema, type LlmConfigInput } from './config.ts';
import type { LlmRequest } from './types.ts';
import { anthropicMessageReply, openAiReply, openAiToolCallsReply, startLoopback, type Loopback, type Reply } from './testing/loopback.ts';

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

const getOrder = {
  name: 'get_order',
  description: 'Look up an order.',
  parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
};

/** A conversation after one call: the model asked for get_order, the result came back, the customer added a line. */
const request = (over: Partial<LlmRequest> = {}): LlmRequest => ({
  system: 'Help with orders.',
  messages: [
    { role: 'user', content: 'Where is order #W1?' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'get_order', arguments: { order_id: '#W1' } }] },
    { role: 'user', content: '', toolResults: [{ callId: 'c1', content: '{"status":"pending"}' }] },
  ],
  tools: [getOrder],
  maxTokens: 100,
  timeoutMs: 3_000,
  ...over,
});

describe('function calling, OpenAI-compatible', () => {
  it('offers the tools and sends earlier calls and their results as tool_calls and tool messages', async () => {
    const s = await serve(() => openAiReply('Your order #W1 is pending.'));
    const res = await client({ provider: 'vllm' }).complete(request());
    expect(res.text).toBe('Your order #W1 is pending.');
    expect(res.toolCalls).toBeUndefined();
    const body = s.requests[0].body;
    expect(body.tools).toEqual([{ type: 'function', function: getOrder }]);
    expect(body.response_format).toBeUndefined();
    expect(body.messages).toEqual([
      { role: 'system', content: 'Help with orders.' },
      { role: 'user', content: 'Where is order #W1?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_order', arguments: '{"order_id":"#W1"}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: '{"status":"pending"}' },
    ]);
  });

  it('reads the calls the model asks for; arguments that are not JSON stay text', async () => {
    await serve(() =>
      openAiToolCallsReply([
        { name: 'get_order', args: { order_id: '#W2' } },
        { name: 'get_order', args: '{"order_id": ' },
      ]),
    );
    const res = await client({}).complete(request());
    expect(res.text).toBe('');
    expect(res.toolCalls).toEqual([
      { id: 'call_1_1', name: 'get_order', arguments: { order_id: '#W2' } },
      { id: 'call_1_2', name: 'get_order', arguments: '{"order_id": ' },
    ]);
    expect(res.usage).toEqual({ inputTokens: 150, outputTokens: 20 });
  });

  it('a tool result and the customer line in one message become a tool message, then a user message', async () => {
    const s = await serve(() => openAiReply('ok'));
    const req = request();
    req.messages[2] = { role: 'user', content: 'and quickly', toolResults: [{ callId: 'c1', content: 'Error: timeout', isError: true }] };
    await client({}).complete(req);
    expect(s.requests[0].body.messages.slice(-2)).toEqual([
      { role: 'tool', tool_call_id: 'c1', content: 'Error: timeout' },
      { role: 'user', content: 'and quickly' },
    ]);
  });
});

describe('function calling, Anthropic', () => {
  it('offers the tools (no forced choice) and sends calls and results as tool_use and tool_result blocks', async () => {
    const s = await serve(() => anthropicMessageReply('Your order #W1 is pending.'));
    const res = await client({ provider: 'anthropic', apiKey: 'k' }).complete(request());
    expect(res.text).toBe('Your order #W1 is pending.');
    expect(res.toolCalls).toBeUndefined();
    const body = s.requests[0].body;
    expect(body.tools).toEqual([{ name: 'get_order', description: 'Look up an order.', input_schema: getOrder.parameters }]);
    expect(body.tool_choice).toBeUndefined();
    expect(body.messages).toEqual([
      { role: 'user', content: 'Where is order #W1?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'c1', name: 'get_order', input: { order_id: '#W1' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'c1', content: '{"status":"pending"}' }] },
    ]);
  });

  it('reads tool_use blocks as calls and keeps the text beside them; is_error marks a failed result', async () => {
    const s = await serve(() => anthropicMessageReply('Let me look.', [{ name: 'get_order', args: { order_id: '#W2' } }]));
    const req = request();
    req.messages[2] = { role: 'user', content: 'thanks', toolResults: [{ callId: 'c1', content: 'Error: not found', isError: true }] };
    const res = await client({ provider: 'anthropic', apiKey: 'k' }).complete(req);
    expect(res.text).toBe('Let me look.');
    expect(res.toolCalls).toEqual([{ id: 'toolu_1_1', name: 'get_order', arguments: { order_id: '#W2' } }]);
    expect(s.requests[0].body.messages[2].content).toEqual([
      { type: 'tool_result', tool_use_id: 'c1', content: 'Error: not found', is_error: true },
      { type: 'text', text: 'thanks' },
    ]);
  });
});

describe('function calling, both', () => {
  it('refuses a request with both a JSON schema and tools, before any call', async () => {
    const s = await serve(() => openAiReply('{}'));
    const json = { name: 'x', schema: z.object({}) };
    await expect(client({}).complete(request({ jsonSchema: json }))).rejects.toThrow(/not both/);
    expect(s.requests).toHaveLength(0);
  });

  it('the budget estimate counts the tools, the calls and their results', () => {
    const bare = request({ tools: undefined, messages: [{ role: 'user', content: 'Where is order #W1?' }] });
    expect(estimateTokens(request())).toBeGreaterThan(estimateTokens(bare) + 40);
  });
});
