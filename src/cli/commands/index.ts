import type { Command } from 'commander';
import { serveCommand } from './serve.ts';
import { migrateCommand } from './migrate.ts';
import { demoCommand } from './demo.ts';
import { redactCommand } from './redact.ts';
import { evalCommand } from './eval.ts';
import { ingestCommand } from './ingest.ts';
import { auditLogCommand } from './audit-log.ts';
import { importCommand } from './import.ts';
import { auditCommand } from './audit.ts';
import { chatCommand } from './chat.ts';
import { openapiCommand } from './openapi.ts';

/** A CLI command module adds itself to the program. One line per command below. */
export type CommandModule = (program: Command) => void;

const modules: CommandModule[] = [
  serveCommand,
  migrateCommand,
  demoCommand,
  redactCommand,
  evalCommand,
  ingestCommand,
  auditLogCommand,
  chatCommand,
  importCommand,
  auditCommand,
  openapiCommand,
];

export function registerCommands(program: Command): void {
  for (const register of modules) register(program);
}
