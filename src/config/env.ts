import { z } from 'zod';
import { BaseEnvSchema, EnvError, parseEnv } from '../env.ts';

export { EnvError };

// The server's configuration: the shared fields (src/env.ts) and what only serving needs,
// validated once at boot: every problem is listed together and the process exits non-zero.
export const EnvSchema = BaseEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Bytes; bigger request bodies are refused with 413. */
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(256 * 1024),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(12),
  /** Set when Baton is served over HTTPS (behind a proxy): cookies get the Secure flag. */
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Per client address: login attempts, and conversations started on the public widget API. */
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_START_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Per conversation: what one customer may send or read in a minute. */
  RATE_LIMIT_CUSTOMER_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  // Behind a reverse proxy (resilience, issue 17): whose X-Forwarded-For to believe, so the
  // client address (rate limits, the audit log) is the client's and not the proxy's. A number
  // of hops, or comma-separated addresses/CIDRs of the proxies; unset: trust no one.
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(\d+|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, 'a number of hops, or comma-separated proxy addresses or CIDRs')
    .optional()
    .transform((v) => (v === undefined || v === '' ? false : /^\d+$/.test(v) ? Number(v) : v.split(',').map((a) => a.trim()))),
  /** Slow clients: a request (headers and body) must arrive within this; then 408. Open connections are capped. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** A request slower than this is logged at info (quick 2xx/3xx ones at debug). */
  SLOW_REQUEST_MS: z.coerce.number().int().min(1).default(1000),
  /** Presence: after an agent's last workspace socket closes, how long until they are offline. */
  PRESENCE_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Presence rows of a server that stopped refreshing them for this long expire (a crash or restart). */
  PRESENCE_STALE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(90_000),
  // Idle and half-open connections (resilience, issue 17): none may be held open for long.
  /** An idle keep-alive HTTP connection is closed after this. Behind a proxy, set it above the proxy's own idle timeout. */
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
  /** A request's headers must arrive within this (never more than REQUEST_TIMEOUT_MS). */
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
  /** WebSockets are pinged this often; one that missed the previous ping's answer is closed. */
  WS_PING_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(25_000),
  /** The bot's turns and knowledge builds in a worker thread (on), or on the event loop (off: one thread to profile). */
  ENGINE_THREAD: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
  MAX_CONNECTIONS: z.coerce.number().int().min(1).default(10_000),
  MAX_REQUESTS_PER_SOCKET: z.coerce.number().int().min(0).default(1000),
});

export type Env = z.infer<typeof EnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  return parseEnv(EnvSchema, source);
}
