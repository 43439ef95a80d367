import { z } from 'zod';

// Configuration comes from the environment, validated once at boot: every problem is
// listed together and the process exits non-zero rather than failing late.
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  BATON_DATA_DIR: z.string().min(1).default('.baton-data'),
  /** The PII vault key (base64 of 32 bytes); required with DATABASE_URL. Old keys, comma-separated, still decrypt. */
  BATON_VAULT_KEY: z.string().min(40).optional(),
  BATON_VAULT_PREVIOUS_KEYS: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Bytes; bigger request bodies are refused with 413. */
  BODY_LIMIT: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(256 * 1024),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 90).default(12),
  /** Set when Baton is served over HTTPS (behind a proxy): cookies get the Secure flag. */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Per client address: login attempts, and conversations started on the public widget API. */
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_START_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Per conversation: what one customer may send or read in a minute. */
  RATE_LIMIT_CUSTOMER_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Slow clients: a request (headers and body) must arrive within this; then 408. Open connections are capped. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  MAX_CONNECTIONS: z.coerce.number().int().min(1).default(10_000),
  MAX_REQUESTS_PER_SOCKET: z.coerce.number().int().min(0).default(1000),
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return result.data;
}
