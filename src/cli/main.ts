import { Command } from 'commander';
import { registerCommands } from './commands/index.ts';
import { reportError } from './usage-error.ts';

// Entry point of the `baton` CLI: each command lives in its own module under commands/.
const program = new Command('baton')
  .description('Baton: self-hosted AI customer support with first-class handoff to humans')
  .showHelpAfterError()
  // Commander's own mistakes (unknown option, missing --kb) are usage errors too: exit 2.
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const reported = reportError(err, process.env.BATON_DEBUG === '1');
  console.error(reported.line);
  if (reported.stack) console.error(reported.stack);
  process.exit(reported.exitCode);
}
