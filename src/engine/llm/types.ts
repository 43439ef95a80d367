// The LLM port: one call, `complete`, that every provider adapter implements. The engine and
// its tests depend on this interface only; adapters (openai.ts, anthropic.ts) own the wire.
import type { z } from 'zod';

export interface LlmMessage {
  role: 'user' | 'assistant';
  content: string;
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
