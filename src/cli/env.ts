import { BaseEnvSchema, parseEnvOrExit, type BaseEnv } from '../env.ts';

// The commands other than `serve` read only the shared fields (database, data folder, vault
// keys, log level): a server-only setting such as PORT can never stop `baton migrate`.
export const CliEnvSchema = BaseEnvSchema;
export type CliEnv = BaseEnv;

export const loadCliEnv = (source: NodeJS.ProcessEnv): CliEnv => parseEnvOrExit(CliEnvSchema, source);
