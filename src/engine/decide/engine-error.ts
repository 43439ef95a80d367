import type { Decision } from '../types.ts';

/** The turn when the engine itself failed: never a hung customer, a handoff with engine_error. */
export function engineError(threshold: number, err?: unknown): Decision {
  return {
    action: 'handoff',
    text: '',
    citations: [],
    confidence: 0,
    threshold,
    reasons: ['engine_error'],
    language: 'en',
    intent: null,
    sentiment: 0,
    trace: { error: err === undefined ? 'engine failed' : err instanceof Error ? err.message : String(err) },
  };
}
