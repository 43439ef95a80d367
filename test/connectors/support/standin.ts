import http from 'node:http';
import { LoopbackServer } from './loopback.ts';
import type { OpenApiSpec } from './openapi.ts';

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: any;
  at: number;
}

type Handler = (
  req: Recorded,
  params: Record<string, string>,
) => { status: number; body?: unknown; headers?: Record<string, string> } | 'drop';

/**
 * A vendor API on loopback: routes with path params, an auth check, every request recorded,
 * and faults on demand (down with 503, 429 with Retry-After, a dropped connection after the
 * work was done). Contract problems (wrong auth, bad bodies) are collected in `violations`; with
 * the vendor's OpenAPI document, every request is checked against it (operation, query, body).
 */
export class StandIn extends LoopbackServer {
  readonly requests: Recorded[] = [];
  readonly violations: string[] = [];
  private readonly routes: { method: string; pattern: RegExp; keys: string[]; handler: Handler }[] = [];
  /** 503 for every call while true. */
  down = false;
  /** The next N calls matching get 429 with this Retry-After (seconds). */
  throttle: { count: number; retryAfter: string; match?: (r: Recorded) => boolean } | null = null;
  /** The next call matching is handled, then its connection is destroyed (the vendor did it, we never heard). */
  dropAfterHandling: ((r: Recorded) => boolean) | null = null;

  constructor(
    private readonly checkAuth: (headers: http.IncomingHttpHeaders) => string | null,
    private readonly spec?: OpenApiSpec,
  ) {
    super();
  }

  route(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const pattern = new RegExp('^' + path.replace(/:([a-zA-Z_]+)/g, (_m, k: string) => (keys.push(k), '([^/]+)')) + '$');
    this.routes.push({ method, pattern, keys, handler });
    return this;
  }

  calls(method: string, pathPrefix: string): Recorded[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
  }

  protected handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', 'http://x');
    let body: any = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      this.violations.push(`${req.method} ${url.pathname}: body is not JSON`);
    }
    const rec: Recorded = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      at: Date.now(),
    };
    this.requests.push(rec);
    if (this.spec) {
      try {
        this.violations.push(...this.spec.checkRequest(rec.method, rec.path, body, rec.query));
      } catch (err) {
        this.violations.push(`${rec.method} ${rec.path}: the spec could not be applied (${String(err)})`);
      }
    }
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    const authProblem = this.checkAuth(req.headers);
    if (authProblem) {
      this.violations.push(`${rec.method} ${rec.path}: ${authProblem}`);
      return send(401, { error: 'unauthorized' });
    }
    if (this.down) return send(503, { error: 'maintenance' });
    if (this.throttle && this.throttle.count > 0 && (!this.throttle.match || this.throttle.match(rec))) {
      this.throttle.count--;
      return send(429, { error: 'rate limited' }, { 'retry-after': this.throttle.retryAfter });
    }
    for (const r of this.routes) {
      const m = r.method === rec.method ? r.pattern.exec(rec.path) : null;
      if (!m) continue;
      const params = Object.fromEntries(r.keys.map((k, i) => [k, decodeURIComponent(m[i + 1]!)]));
      const out = r.handler(rec, params);
      if (out === 'drop' || (this.dropAfterHandling && this.dropAfterHandling(rec))) {
        this.dropAfterHandling = null;
        req.socket.destroy();
        return;
      }
      return send(out.status, out.body, out.headers);
    }
    this.violations.push(`no such endpoint: ${rec.method} ${rec.path}`);
    send(404, { error: 'not found' });
  }
}

export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 15_000, what = 'condition'): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Env for fast retries in tests, set before the server starts (the settings are read at boot). */
export function fastOutboundEnv(): void {
  process.env.BATON_SECRET_KEY = 'a'.repeat(64);
  process.env.BATON_OUTBOUND_RETRY_BASE_MS = '100';
  process.env.BATON_OUTBOUND_RETRY_MAX_MS = '400';
  process.env.BATON_OUTBOUND_MAX_ATTEMPTS = '40';
  process.env.BATON_OUTBOUND_TIMEOUT_MS = '10000';
  process.env.BATON_DISPATCH_INTERVAL_MS = '200';
}
