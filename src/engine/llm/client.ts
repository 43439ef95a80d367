// Builds the adapter for a configured provider.
import type { LlmConfig } from './config.ts';
import { HttpLlmClient } from './http-client.ts';
import type { HttpDeps } from './http.ts';
import { anthropicWire } from './anthropic.ts';
import { openAiWire } from './openai.ts';
import type { LlmClient } from './types.ts';

export function createLlmClient(config: LlmConfig, deps: HttpDeps = {}): LlmClient {
  const wire = config.provider === 'anthropic' ? anthropicWire(config) : openAiWire(config);
  return new HttpLlmClient(config.provider, config.model, wire, config.maxRetries, deps);
}
