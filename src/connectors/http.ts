import { OutboundError, safeRequest } from '../webhooks/safe-http.ts';
import { parseRetryAfter } from '../retry.ts';

/** A per-connector token bucket: the vendor's documented budget, on this node. */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();
  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
  ) {
    this.tokens = capacity;
  }

  /** Milliseconds to wait before the next call may go; takes a token when it returns 0. */
  take(now = Date.now()): number {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.capacity) / this.perMs);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) * this.perMs) / this.capacity);
  }
}

export interface VendorResponse<T = any> {
  status: number;
  headers: Record<string, string>;
  json: T;
}

/**
 * The HTTP side of a connector: base URL, auth headers, JSON, the vendor's rate budget, and
 * errors classified for retry. 429 and 5xx are retryable (Retry-After honoured); other 4xx are
 * not, except those a call marks as expected (`accept`).
 */
export class VendorClient {
  constructor(
    private readonly opts: {
      vendor: string;
      baseUrl: string;
      headers: Record<string, string>;
      timeoutMs: number;
      allowPrivate: boolean;
      bucket: TokenBucket;
    },
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    extra: { headers?: Record<string, string>; accept?: number[] } = {},
  ): Promise<VendorResponse<T>> {
    const wait = this.opts.bucket.take();
    if (wait > 0) throw new OutboundError(`${this.opts.vendor}: local rate budget spent`, 'throttled', true, 429, wait);
    const res = await safeRequest(this.opts.baseUrl.replace(/\/$/, '') + path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...this.opts.headers,
        ...(extra.headers ?? {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      timeoutMs: this.opts.timeoutMs,
      allowPrivate: this.opts.allowPrivate,
    });
    let json: any = null;
    try {
      json = res.body ? JSON.parse(res.body) : null;
    } catch {
      json = null;
    }
    const ok = (res.status >= 200 && res.status < 300) || (extra.accept ?? []).includes(res.status);
    if (ok) return { status: res.status, headers: res.headers, json };
    const retryable = res.status === 429 || res.status === 408 || res.status >= 500;
    // Never echo the response body: vendors sometimes reflect what we sent (personal data).
    throw new OutboundError(
      `${this.opts.vendor} ${method} ${path.split('?')[0]} answered ${res.status}`,
      'http',
      retryable,
      res.status,
      parseRetryAfter(res.headers['retry-after']),
    );
  }
}
