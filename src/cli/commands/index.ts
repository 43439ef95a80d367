import type { Command } from 'commander';

/** A CLI command module adds itself to the program. One line per command below. */
export type CommandModule = (program: Command) => void;

const modules: CommandModule[] = [
];

export function registerCommands(program: Command): void {
  for (const register of modules) register(program);
}
