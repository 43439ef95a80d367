// OpenAI chat completions, the wire most servers speak: OpenAI, Azure OpenAI, vLLM, Ollama,
// llama.cpp's server and other OpenAI-compatible endpoints.
import { z } from 'zod';
import { DEFAULT_API_VERSIONS, DEFAULT_BASE_URLS, type JsonMode, type LlmConfig } from './config.ts';
import { trimSlash, type WireFormat } from './http-client.ts';
import { jsonInstruction, jsonSchemaOf } from './json-output.ts';
import { LlmError, type LlmMessage } from './types.ts';

const ToolCallSchema = z.object({ id: z.string(), function: z.object({ name: z.string(), arguments: z.string().nullish() }) });

const ResponseSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          refusal: z.string().nullish(),
          tool_calls: z.array(ToolCallSchema).nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: z.number().nullish(), completion_tokens: z.number().nullish() }).nullish(),
});

export function defaultJsonMode(provider: LlmConfig['provider']): JsonMode {
  // Structured outputs: OpenAI and Azure (api-version 2024-08-01 on), vLLM (guided decoding),
  // Ollama 0.5+, llama.cpp's server (grammar from the schema). Unknown servers: json_object.
  return provider === 'openai-compatible' ? 'json_object' : 'json_schema';
}

export function chatCompletionsUrl(config: LlmConfig): string {
  const base = trimSlash(config.baseUrl ?? DEFAULT_BASE_URLS[config.provider] ?? '');
  if (config.provider === 'azure') {
    const version = config.apiVersion ?? DEFAULT_API_VERSIONS.azure!;
    return `${base}/openai/deployments/${encodeURIComponent(config.model)}/chat/completions?api-version=${encodeURIComponent(version)}`;
  }
  return `${base}/chat/completions`;
}

export function openAiWire(config: LlmConfig): WireFormat {
  const hosted = config.provider === 'openai' || config.provider === 'azure';
  const jsonMode = config.jsonMode ?? defaultJsonMode(config.provider);
  const temperature = config.temperature ?? (hosted ? undefined : 0);
  const headers: Record<string, string> = {};
  if (config.provider === 'azure') headers['api-key'] = config.apiKey ?? '';
  else if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
  const url = chatCompletionsUrl(config);

  return {
    build(req) {
      const out = req.jsonSchema;
      const system = out && jsonMode !== 'json_schema' ? `${req.system}\n\n${jsonInstruction(out)}` : req.system;
      const body: Record<string, unknown> = {
        model: config.model,
        messages: [{ role: 'system', content: system }, ...req.messages.flatMap(toOpenAi)],
        // OpenAI's reasoning models refuse max_tokens; local servers may not know its successor.
        [hosted ? 'max_completion_tokens' : 'max_tokens']: req.maxTokens,
        stream: false,
      };
      if (temperature !== undefined) body.temperature = temperature;
      if (out && jsonMode === 'json_schema') {
        body.response_format = { type: 'json_schema', json_schema: { name: out.name, schema: jsonSchemaOf(out), strict: true } };
      } else if (out && jsonMode === 'json_object') {
        body.response_format = { type: 'json_object' };
      }
      if (req.tools?.length) {
        body.tools = req.tools.map((t) => ({
          type: 'function',
          function: { name: t.name, description: t.description, parameters: t.parameters },
        }));
      }
      return { url, headers, body };
    },
    read(raw) {
      const parsed = ResponseSchema.safeParse(raw);
      if (!parsed.success) throw new LlmError('malformed', 'not a chat-completions response');
      const r = parsed.data;
      const usage = { inputTokens: r.usage?.prompt_tokens ?? 0, outputTokens: r.usage?.completion_tokens ?? 0 };
      const msg = r.choices[0].message;
      if (msg.tool_calls?.length) {
        const toolCalls = msg.tool_calls.map((c) => ({ id: c.id, name: c.function.name, arguments: parseArguments(c.function.arguments) }));
        return { text: msg.content ?? '', toolCalls, usage, model: r.model ?? config.model };
      }
      if (msg.content == null)
        throw new LlmError('malformed', msg.refusal ? `the model refused: ${msg.refusal.slice(0, 120)}` : 'empty message', { usage });
      return { text: msg.content, usage, model: r.model ?? config.model };
    },
  };
}

/** Tool results are messages of their own (role "tool") in chat completions, before the user's words. */
function toOpenAi(m: LlmMessage): Record<string, unknown>[] {
  if (m.role === 'assistant' && m.toolCalls?.length) {
    const calls = m.toolCalls.map((c) => ({
      id: c.id,
      type: 'function',
      function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments ?? {}) },
    }));
    return [{ role: 'assistant', content: m.content === '' ? null : m.content, tool_calls: calls }];
  }
  if (m.role === 'user' && m.toolResults?.length) {
    const results = m.toolResults.map((r) => ({ role: 'tool', tool_call_id: r.callId, content: r.content }));
    return m.content === '' ? results : [...results, { role: 'user', content: m.content }];
  }
  return [{ role: m.role, content: m.content }];
}

/** A call's arguments as the model wrote them (JSON text): the value, or the text itself when it is not JSON. */
function parseArguments(text: string | null | undefined): unknown {
  if (text == null || text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
