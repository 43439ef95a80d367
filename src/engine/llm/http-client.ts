// The HTTP adapter behind the port: a wire format (OpenAI chat completions or Anthropic
// messages) builds the request and reads the response; postJson carries it.
import { postJson, type HttpDeps } from './http.ts';
import { parseJsonText, validateJson } from './json-output.ts';
import type { LlmClient, LlmRequest, LlmResult, LlmToolCall, LlmUsage } from './types.ts';

export interface WireRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface WireResponse {
  text: string;
  /** Output that arrived already structured (Anthropic's forced tool call). */
  structured?: unknown;
  /** The functions the model asked to call (requests with `tools`). */
  toolCalls?: LlmToolCall[];
  usage: LlmUsage;
  model: string;
}

export interface WireFormat {
  build(req: LlmRequest<unknown>): WireRequest;
  /** Reads a 2xx body to `req`; throws LlmError('malformed') when it is not the provider's shape. */
  read(body: unknown, req: LlmRequest<unknown>): WireResponse;
}

export class HttpLlmClient implements LlmClient {
  constructor(
    readonly provider: string,
    readonly model: string,
    private readonly wire: WireFormat,
    private readonly maxRetries: number,
    private readonly deps: HttpDeps = {},
  ) {}

  async complete<T = unknown>(req: LlmRequest<T>): Promise<LlmResult<T>> {
    // Anthropic's JSON output is itself a forced tool call: the two cannot share a request.
    if (req.jsonSchema && req.tools?.length) throw new Error('an LLM request takes jsonSchema or tools, not both');
    const request = this.wire.build(req as LlmRequest<unknown>);
    const { body, attempts } = await postJson(
      { ...request, timeoutMs: req.timeoutMs, maxRetries: this.maxRetries, signal: req.signal },
      this.deps,
    );
    const res = this.wire.read(body, req as LlmRequest<unknown>);
    const out = req.jsonSchema;
    const json = out
      ? res.structured !== undefined
        ? validateJson(res.structured, out, res.usage)
        : parseJsonText(res.text, out, res.usage)
      : undefined;
    const toolCalls = res.toolCalls?.length ? { toolCalls: res.toolCalls } : {};
    return { text: res.text, json, ...toolCalls, usage: res.usage, model: res.model, attempts };
  }
}

export const trimSlash = (url: string): string => url.replace(/\/+$/, '');
