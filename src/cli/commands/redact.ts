import { createReadStream, createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { formatStats, redactJsonLines } from '../../pii/jsonl.ts';
import { piiSettingsSchema } from '../../pii/settings.ts';

/** `baton redact`: the PII shield on JSON Lines files (shared/contracts/redact.md). */
export function redactCommand(program: Command): void {
  program
    .command('redact')
    .description('Redact personal data in JSON Lines ({"text": ...} per line); reads stdin and writes stdout by default')
    .option('--input <file>', 'JSON Lines to read (default: standard input)')
    .option('--output <file>', 'JSON Lines to write (default: standard output)')
    .option('--locale <locale>', 'language of the texts, for national formats (en, de, fr, fr-BE ...)', 'en')
    .action(async (opts: { input?: string; output?: string; locale: string }) => {
      const parsed = piiSettingsSchema.safeParse({ locale: opts.locale });
      if (!parsed.success) {
        process.stderr.write(`baton redact: invalid --locale ${JSON.stringify(opts.locale)}\n`);
        process.exitCode = 2;
        return;
      }
      const input = opts.input ? createReadStream(opts.input) : process.stdin;
      const output = opts.output ? createWriteStream(opts.output) : process.stdout;
      // A reader that stops early (`baton redact ... | head`) is not an error of ours.
      output.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
        process.exit(process.exitCode ?? 0);
      });
      try {
        const stats = await redactJsonLines(input, output, parsed.data);
        if (output !== process.stdout) {
          output.end();
          await finished(output);
        }
        process.stderr.write(`${formatStats(stats)}\n`);
        if (stats.failed > 0) process.exitCode = 1;
      } catch (error) {
        process.stderr.write(`baton redact: ${(error as Error).message}\n`);
        process.exitCode = 2;
      }
    });
}
