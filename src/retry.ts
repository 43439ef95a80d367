// Retrying outbound HTTP calls, in one place for connectors, webhooks and model providers:
// how long a server asked us to wait, and how long to wait when it did not say.

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null if absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value?.trim()) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export interface Backoff {
  /** The first retry's ceiling; doubles with each attempt. */
  baseMs: number;
  /** The ceiling never grows past this. */
  maxMs: number;
}

/**
 * Exponential backoff with jitter: retry `attempt` (1 for the first) waits between half and all
 * of min(max, base * 2^(attempt - 1)), so clients that failed together do not retry together.
 */
export function backoffDelay(attempt: number, { baseMs, maxMs }: Backoff, random = Math.random): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return cap / 2 + (cap / 2) * random();
}
