import type { FastifyInstance } from 'fastify';
import { redactUrl } from './security.ts';

// One line per request, written when the answer has gone out (Fastify's own "incoming request"
// and "request completed" pair is turned off in app.ts). A healthy, quick request is routine:
// it is logged at debug, so LOG_LEVEL=info shows only what someone may need to look at, namely
// answers that are not 2xx/3xx and requests slower than SLOW_REQUEST_MS.

export interface RequestLogOptions {
  /** A request that took longer than this is logged at info whatever its status. */
  slowMs: number;
}

export function registerRequestLog(app: FastifyInstance, opts: RequestLogOptions): void {
  // A WebSocket upgrade never gets an HTTP answer (no onResponse): it is logged as it opens.
  app.addHook('onRequest', async (request) => {
    if (request.headers.upgrade?.toLowerCase() !== 'websocket') return;
    const url = redactUrl(request.url);
    request.log.debug({ method: request.method, url, websocket: true }, `${request.method} ${url} (websocket)`);
  });
  app.addHook('onResponse', async (request, reply) => {
    const status = reply.statusCode;
    const ms = Math.round(reply.elapsedTime);
    const slow = ms >= opts.slowMs;
    const ordinary = status < 400 && !slow;
    const level = ordinary ? 'debug' : 'info';
    const url = redactUrl(request.url);
    request.log[level](
      { method: request.method, url, status, ms, ...(slow ? { slow: true } : {}) },
      `${request.method} ${url} ${status} ${ms}ms${slow ? ' (slow)' : ''}`,
    );
  });
}
