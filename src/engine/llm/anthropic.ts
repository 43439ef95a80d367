// Anthropic's Messages API. JSON output comes through a forced tool call: the tool's input
// schema is the output schema, and the tool_use block carries the object.
import { z } from 'zod';
import { DEFAULT_API_VERSIONS, DEFAULT_BASE_URLS, type LlmConfig } from './config.ts';
import { trimSlash, type WireFormat } from './http-client.ts';
import { jsonSchemaOf } from './json-output.ts';
import { LlmError, type LlmMessage } from './types.ts';

const ResponseSchema = z.object({
  model: z.string().optional(),
  content: z.array(
    z.object({
      type: z.string(),
      id: z.string().optional(),
      text: z.string().optional(),
      name: z.string().optional(),
      input: z.unknown().optional(),
    }),
  ),
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
        messages: req.messages.map(toAnthropic),
        temperature: config.temperature ?? 0,
      };
      if (out) {
        body.tools = [{ name: out.name, description: 'Give your reply through this tool.', input_schema: jsonSchemaOf(out) }];
        body.tool_choice = { type: 'tool', name: out.name };
      } else if (req.tools?.length) {
        body.tools = req.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters }));
      }
      return { url, headers, body };
    },
    read(raw, req) {
      const parsed = ResponseSchema.safeParse(raw);
      if (!parsed.success) throw new LlmError('malformed', 'not a Messages API response');
      const r = parsed.data;
      const usage = { inputTokens: r.usage?.input_tokens ?? 0, outputTokens: r.usage?.output_tokens ?? 0 };
      const tool = r.content.find((b) => b.type === 'tool_use');
      const text = r.content
        .filter((b) => b.type === 'text')
        .map((b) => b.text ?? '')
        .join('');
      if (req.tools?.length && !req.jsonSchema) {
        const toolCalls = r.content
          .filter((b) => b.type === 'tool_use')
          .map((b, i) => ({ id: b.id ?? `toolu_${i + 1}`, name: b.name ?? '', arguments: b.input ?? {} }));
        return { text, toolCalls, usage, model: r.model ?? config.model };
      }
      if (tool) return { text: JSON.stringify(tool.input ?? null), structured: tool.input, usage, model: r.model ?? config.model };
      return { text, usage, model: r.model ?? config.model };
    },
  };
}

/** Calls and their results are content blocks: tool_use in the assistant's turn, tool_result first in the user's next one. */
function toAnthropic(m: LlmMessage): { role: string; content: unknown } {
  const text = m.content === '' ? [] : [{ type: 'text', text: m.content }];
  if (m.role === 'assistant' && m.toolCalls?.length) {
    const uses = m.toolCalls.map((c) => ({
      type: 'tool_use',
      id: c.id,
      name: c.name,
      input: c.arguments !== null && typeof c.arguments === 'object' && !Array.isArray(c.arguments) ? c.arguments : {},
    }));
    return { role: 'assistant', content: [...text, ...uses] };
  }
  if (m.role === 'user' && m.toolResults?.length) {
    const results = m.toolResults.map((r) => ({
      type: 'tool_result',
      tool_use_id: r.callId,
      content: r.content,
      ...(r.isError ? { is_error: true } : {}),
    }));
    return { role: 'user', content: [...results, ...text] };
  }
  return { role: m.role, content: m.content };
}
