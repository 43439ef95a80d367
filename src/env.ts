import { z } from 'zod';

// What every Baton process that opens the database reads from the environment, declared once:
// the server's env (src/config/env.ts), the outbound settings (src/connectors/settings.ts) and
// the CLI commands (src/cli/env.ts) extend or pick from it. Each is validated once at start-up,
// every problem listed together, rather than failing late.
export const BaseEnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  BATON_DATA_DIR: z.string().min(1).default('.baton-data'),
  /** The PII vault key (base64 of 32 bytes); required with DATABASE_URL. Old keys, comma-separated, still decrypt. */
  BATON_VAULT_KEY: z.string().min(40).optional(),
  BATON_VAULT_PREVIOUS_KEYS: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type BaseEnv = z.infer<typeof BaseEnvSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The environment parsed by `schema`, or an EnvError listing every problem. */
export function parseEnv<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv): z.output<S> {
  const result = schema.safeParse(source);
  if (!result.success) throw new EnvError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return result.data;
}

/** For commands: the parsed environment, or the problems on stderr and exit code 2. */
export function parseEnvOrExit<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv): z.output<S> {
  try {
    return parseEnv(schema, source);
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}
