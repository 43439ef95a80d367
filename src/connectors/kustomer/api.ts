import type { VendorClient, VendorResponse } from '../http.ts';
import { OutboundError } from '../../webhooks/safe-http.ts';
import { parseRetryAfter } from '../../retry.ts';

// Kustomer answers 429 with x-ratelimit-limit / -remaining / -reset (research §6: per-minute
// budgets, org-wide), not necessarily Retry-After. The wait comes from whichever it sent, so a
// retry never goes before the window resets.

const WINDOW_MS = 60_000;

/** Milliseconds until the budget resets, from Retry-After or x-ratelimit-reset (seconds, epoch seconds or ms, or a date). */
export function rateLimitWaitMs(headers: Record<string, string>, now = Date.now()): number | null {
  const retryAfter = parseRetryAfter(headers['retry-after'], now);
  if (retryAfter !== null) return retryAfter;
  const reset = headers['x-ratelimit-reset'];
  if (!reset) return null;
  const n = Number(reset);
  let ms: number;
  if (Number.isFinite(n)) ms = n > 1e12 ? n - now : n > 1e9 ? n * 1000 - now : n * 1000;
  else {
    const at = Date.parse(reset);
    if (Number.isNaN(at)) return null;
    ms = at - now;
  }
  return Math.min(WINDOW_MS, Math.max(0, ms));
}

/** A VendorClient call that turns Kustomer's 429 into a retryable error carrying the reset wait. */
export function kustomerCall(client: VendorClient) {
  return async <T = any>(method: string, path: string, body?: unknown, accept: number[] = []): Promise<VendorResponse<T>> => {
    const res = await client.request<T>(method, path, body, { accept: [...accept, 429] });
    if (res.status === 429 && !accept.includes(429)) {
      throw new OutboundError(`kustomer ${method} ${path.split('?')[0]} answered 429`, 'http', true, 429, rateLimitWaitMs(res.headers));
    }
    return res;
  };
}
