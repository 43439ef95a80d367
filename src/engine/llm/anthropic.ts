// Anthropic's Messages API. JSON output comes through a forced tool call: the tool's input
// schema is the output schema, and the tool_use block carries the object.
import { z } from 'zod';
import { DEFAULT_API_VERSIONS, DEFAULT_BASE_URLS, type LlmConfig } from './config.ts';
import { trimSlash, type WireFormat } from './http-client.ts';
import { jsonSchemaOf } from './json-output.ts';
import { LlmError } from './types.ts';

const ResponseSchema = z.object({
  model: z.string().optional(),
  content: z.array(z.object({ type: z.string(), text: z.string().optional(), name: z.string().optional(), input: z.unknown().optional() })),
  stop_reason: z.string().nullish(),
  usage: z.object({ input_tokens: z.number().nullish(), output_tokens: z.number().nullish() }).nullish(),
});

export function messagesUrl(config: LlmConfig): string {
  const base = trimSlash(config.baseUrl ?? DEFAULT_BASE_URLS.anthropic!);
  return base.endsWith('/v1') ? `${base}/messages` : `${base}/v1/messages`;
}

export function anthropicWire(config: LlmConfig): WireFormat {
  const url = messagesUrl(config);
  const headers = { 'x-api-key': config.apiKey ?? '', 'anthropic-version': config.apiVersion ?? DEFAULT_API_VERSIONS.anthropic! };
  return {
    build(req) {
      const out = req.jsonSchema;
      const body: Record<string, unknown> = {
        model: config.model,
        max_tokens: req.maxTokens,
        system: req.system,
        messages: req.messages,
        temperature: config.temperature ?? 0,
      };
      if (out) {
        body.tools = [{ name: out.name, description: 'Give your reply through this tool.', input_schema: jsonSchemaOf(out) }];
        body.tool_choice = { type: 'tool', name: out.name };
      }
      return { url, headers, body };
    },
    read(raw) {
      const parsed = ResponseSchema.safeParse(raw);
      if (!parsed.success) throw new LlmError('malformed', 'not a Messages API response');
      const r = parsed.data;
      const usage = { inputTokens: r.usage?.input_tokens ?? 0, outputTokens: r.usage?.output_tokens ?? 0 };
      const tool = r.content.find((b) => b.type === 'tool_use');
      const text = r.content
        .filter((b) => b.type === 'text')
        .map((b) => b.text ?? '')
        .join('');
      if (tool) return { text: JSON.stringify(tool.input ?? null), structured: tool.input, usage, model: r.model ?? config.model };
      return { text, usage, model: r.model ?? config.model };
    },
  };
}
