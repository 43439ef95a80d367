// The LLM port: one call, `complete`, that every provider adapter implements. The engine and
// its tests depend on this interface only; adapters (openai.ts, anthropic.ts) own the wire.
import type { z } from 'zod';

export interface LlmMessage {
  role: 'user' | 'assistant';
  content: string;
  /** assistant: the functions the model asked to call (with `tools`). */
  toolCalls?: LlmToolCall[];
  /** user: the results of the previous assistant message's calls, sent before `content`. */
  toolResults?: LlmToolResult[];
}

/** A function offered to the model (OpenAI `tools`, Anthropic tool use). */
export interface LlmTool {
  /** Letters, digits and underscores. */
  name: string;
  description: string;
  /** JSON Schema of the arguments (an object schema). */
  parameters: Record<string, unknown>;
}

/** One function call the model asked for. */
export interface LlmToolCall {
  /** The provider's id for the call; the result names it. */
  id: string;
  name: string;
  /** The arguments parsed from JSON; the raw text when they were not JSON (the caller reports it to the model). */
  arguments: unknown;
}

export interface LlmToolResult {
  callId: string;
  /** The result as the model reads it (JSON text or words). */
  content: string;
  isError?: boolean;
}

/** Ask for JSON: the adapter requests it the provider's way, then parses and validates it. */
export interface JsonOutput<T> {
  /** A short identifier (letters, digits, _ and -), used as the schema or tool name. */
  name: string;
  schema: z.ZodType<T>;
}

export interface LlmRequest<T = unknown> {
  system: string;
  messages: LlmMessage[];
  jsonSchema?: JsonOutput<T>;
  /** Functions the model may call instead of answering (not together with `jsonSchema`). */
  tools?: LlmTool[];
  maxTokens: number;
  /** Hard limit for the whole call, retries and waits included. */
  timeoutMs: number;
  /** Cancels the call from outside (the engine's own hard timeout). */
  signal?: AbortSignal;
}

export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface LlmResult<T = unknown> {
  /** The model's text (for JSON requests: the raw JSON text). */
  text: string;
  /** Present (validated) when the request had a `jsonSchema`. */
  json?: T;
  /** Present (non-empty) when the request had `tools` and the model asked to call some. */
  toolCalls?: LlmToolCall[];
  usage: LlmUsage;
  /** The model that answered, as the provider reports it. */
  model: string;
  /** HTTP attempts made (1 without retries). */
  attempts: number;
}

export interface LlmClient {
  readonly provider: string;
  readonly model: string;
  complete<T = unknown>(req: LlmRequest<T>): Promise<LlmResult<T>>;
}

export type LlmErrorKind =
  /** The deadline passed (no answer, or a Retry-After beyond it). */
  | 'timeout'
  /** Cancelled by the caller's signal. */
  | 'aborted'
  /** The provider answered with an error status (after retries, for 429 and 5xx). */
  | 'http'
  /** Connection refused, reset, DNS... (after retries). */
  | 'network'
  /** The answer was not the JSON asked for, or not the provider's response shape. */
  | 'malformed'
  /** The workspace's token budget for the period is spent: no call was made. */
  | 'budget';

export class LlmError extends Error {
  override readonly name = 'LlmError';
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    readonly details: { status?: number; attempts?: number; usage?: LlmUsage; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
  }

  get status(): number | undefined {
    return this.details.status;
  }
}

export const totalTokens = (u: LlmUsage): number => u.inputTokens + u.outputTokens;
