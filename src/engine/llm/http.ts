// POST JSON to a provider with a hard deadline, retrying 429/5xx and connection errors with
// exponential backoff (Retry-After honoured when it fits before the deadline).
import { backoffDelay, parseRetryAfter } from '../../retry.ts';
import { LlmError } from './types.ts';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpDeps {
  fetch?: FetchLike;
  /** First backoff step in ms (doubles per retry, with jitter); default 250. */
  retryBaseMs?: number;
  /** Longest backoff step in ms; default 4000. */
  retryMaxMs?: number;
  now?: () => number;
}

export interface PostJsonInput {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  timeoutMs: number;
  maxRetries: number;
  signal?: AbortSignal;
}

export interface PostJsonResult {
  body: unknown;
  attempts: number;
}

/** 408 and 409 (request timeout, lock) are transient too; 529 is Anthropic's "overloaded". */
const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504, 529]);

/** Delay asked by the server: `retry-after-ms` (OpenAI), else `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | null {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  return parseRetryAfter(headers.get('retry-after'), now);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

class DeadlineReached extends Error {}

/** The provider's own error text, short (it never holds our key; it may echo the request). */
function errorText(text: string): string {
  try {
    const j = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const m = typeof j.error === 'string' ? j.error : (j.error?.message ?? j.message);
    if (typeof m === 'string') return m.slice(0, 200);
  } catch {
    // not JSON: fall through
  }
  return text.replace(/\s+/g, ' ').slice(0, 200);
}

export async function postJson(input: PostJsonInput, deps: HttpDeps = {}): Promise<PostJsonResult> {
  const doFetch = deps.fetch ?? ((url, init) => fetch(url, init));
  const now = deps.now ?? Date.now;
  const base = deps.retryBaseMs ?? 250;
  const cap = deps.retryMaxMs ?? 4_000;
  const deadline = now() + input.timeoutMs;

  // One controller for the whole call: the deadline and the caller's signal both abort it.
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(new DeadlineReached()), input.timeoutMs);
  const onOuterAbort = () => ctl.abort(input.signal?.reason);
  if (input.signal?.aborted) onOuterAbort();
  else input.signal?.addEventListener('abort', onOuterAbort, { once: true });

  const fail = (err: unknown, attempts: number): LlmError => {
    if (err instanceof LlmError) return err;
    if (ctl.signal.reason instanceof DeadlineReached)
      return new LlmError('timeout', `no answer within ${input.timeoutMs} ms`, { attempts });
    if (ctl.signal.aborted) return new LlmError('aborted', 'cancelled', { attempts });
    return new LlmError('network', `cannot reach the model: ${(err as Error)?.message ?? String(err)}`, { attempts, cause: err });
  };

  let attempts = 0;
  try {
    for (;;) {
      attempts++;
      let res: Response;
      let text: string;
      try {
        res = await doFetch(input.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...input.headers },
          body: JSON.stringify(input.body),
          signal: ctl.signal,
        });
        text = await res.text();
      } catch (err) {
        const e = fail(err, attempts);
        if (e.kind !== 'network' || attempts > input.maxRetries) throw e;
        await backoff(attempts, null);
        continue;
      }
      if (res.ok) {
        try {
          return { body: JSON.parse(text), attempts };
        } catch {
          throw new LlmError('malformed', `the provider's response is not JSON (HTTP ${res.status})`, { status: res.status, attempts });
        }
      }
      const httpError = new LlmError('http', `HTTP ${res.status} from the model: ${errorText(text)}`, { status: res.status, attempts });
      if (!RETRYABLE.has(res.status) || attempts > input.maxRetries) throw httpError;
      await backoff(attempts, retryAfterMs(res.headers, now()), httpError);
    }
  } catch (err) {
    throw fail(err, attempts);
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener('abort', onOuterAbort);
  }

  async function backoff(attempt: number, asked: number | null, lastError?: LlmError): Promise<void> {
    const delay = asked ?? backoffDelay(attempt, { baseMs: base, maxMs: cap });
    // A wait that cannot end before the deadline is not worth starting: fail now, say why.
    if (now() + delay >= deadline) {
      const why = lastError ? lastError.message : 'connection failed';
      throw new LlmError(
        lastError ? 'http' : 'network',
        `${why}; retrying in ${Math.round(delay)} ms would pass the ${input.timeoutMs} ms limit`,
        {
          status: lastError?.status,
          attempts: attempt,
        },
      );
    }
    await sleep(delay, ctl.signal);
  }
}
