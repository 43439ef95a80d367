// `baton ingest`: load knowledge from files (JSONL, Markdown folder, HTML, Zendesk export),
// report every bad file with the reason, and write the articles as contract JSONL.
// Storing them in a workspace is the server's job (it calls the same loaders).
import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { loadKnowledge, chunkArticles } from '../../knowledge/index.ts';

export function ingestCommand(program: Command): void {
  program
    .command('ingest')
    .description('Load knowledge (JSONL, Markdown/HTML folder, Zendesk export), report problems, write articles as JSONL')
    .argument('<path>', 'a knowledge file or folder')
    .option('--out <file>', 'write the loaded articles as JSON Lines (the eval contract format)')
    .action(async (path: string, flags: { out?: string }) => {
      const { articles, errors } = await loadKnowledge(path);
      for (const e of errors) process.stderr.write(`${e.path}${e.line ? `:${e.line}` : ''}: ${e.why}\n`);
      const passages = chunkArticles(articles).length;
      const examples = articles.reduce((n, a) => n + (a.examples?.length ?? 0), 0);
      process.stdout.write(`${articles.length} articles (${passages} passages, ${examples} example questions), ${errors.length} problems\n`);
      if (flags.out) await writeFile(flags.out, articles.map((a) => JSON.stringify(a)).join('\n') + (articles.length ? '\n' : ''));
      if (articles.length === 0) process.exitCode = 1;
    });
}
