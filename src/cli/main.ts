import { Command } from 'commander';
import { registerCommands } from './commands/index.ts';

// Entry point of the `baton` CLI: each command lives in its own module under commands/.
const program = new Command('baton')
  .description('Baton: self-hosted AI customer support with first-class handoff to humans')
  .showHelpAfterError();

registerCommands(program);

await program.parseAsync(process.argv);
