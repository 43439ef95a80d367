import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';

export function openapiCommand(program: Command): void {
  program
    .command('openapi')
    .description('Print the OpenAPI document of the HTTP API (no server or database needed)')
    .option('--out <file>', 'write it to a file instead of stdout')
    .action(async (opts: { out?: string }) => {
      // Loaded here: the other commands should not pay for building the app.
      const { apiDocument } = await import('../../app/document.ts');
      const text = `${JSON.stringify(await apiDocument(), null, 2)}\n`;
      if (opts.out) await writeFile(opts.out, text);
      else process.stdout.write(text);
    });
}
