// `baton ingest`: load knowledge from files (JSONL, Markdown folder, HTML, Zendesk export) with
// the parsers the Knowledge page's upload uses, report every problem (file, line, why), and
// store the articles in a workspace (all or nothing, as the upload) or write them as JSONL.
import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { loadKnowledge, chunkArticles } from '../../knowledge/index.ts';
import { sharedExampleMessage, sharedExamples } from '../../knowledge/shared-examples.ts';
import type { Article } from '../../engine/types.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { findWorkspaceBySlug } from '../../db/repositories/workspaces.ts';
import { updateKnowledge } from '../../workspaces/knowledge.ts';
import { loadCliEnv } from '../env.ts';
import { UsageError } from '../usage-error.ts';

export function ingestCommand(program: Command): void {
  program
    .command('ingest')
    .description('Load knowledge (JSONL, Markdown/HTML folder, Zendesk export), report problems, write articles as JSONL')
    .argument('<path>', 'a knowledge file or folder')
    .option('--out <file>', 'write the loaded articles as JSON Lines (the eval contract format)')
    .option('--workspace <slug>', 'store the articles in this workspace (DATABASE_URL, or the embedded database in BATON_DATA_DIR)')
    .option('--prune', 'with --workspace: delete the workspace articles that are not in <path>')
    .action(async (path: string, flags: { out?: string; workspace?: string; prune?: boolean }) => {
      const { articles, errors } = await loadKnowledge(path);
      for (const e of errors) process.stderr.write(`${e.path}${e.line ? `:${e.line}` : ''}: ${e.why}\n`);
      // Valid, but against the bot: stored all the same (as the Knowledge page's upload warns).
      const shared = sharedExamples(articles);
      for (const w of shared) process.stderr.write(`warning: ${sharedExampleMessage(w)}\n`);
      const passages = chunkArticles(articles).length;
      const examples = articles.reduce((n, a) => n + (a.examples?.length ?? 0), 0);
      const warned = shared.length ? `, ${shared.length} ${shared.length === 1 ? 'warning' : 'warnings'}` : '';
      process.stdout.write(
        `${articles.length} articles (${passages} passages, ${examples} example questions), ${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}${warned}\n`,
      );
      if (flags.out) await writeFile(flags.out, articles.map((a) => JSON.stringify(a)).join('\n') + (articles.length ? '\n' : ''));
      if (articles.length === 0) {
        process.exitCode = 1;
        return;
      }
      if (flags.workspace && errors.length > 0) {
        // As the Knowledge page's upload: a workspace gets all of a knowledge base or none of it.
        process.stderr.write(
          `workspace ${flags.workspace}: nothing stored; fix the ${errors.length === 1 ? 'problem' : `${errors.length} problems`} above and run again\n`,
        );
        process.exitCode = 1;
        return;
      }
      if (flags.workspace) {
        const summary = await storeInWorkspace(flags.workspace, articles, { prune: flags.prune ?? false, source: path });
        process.stdout.write(
          `workspace ${flags.workspace}: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.deleted} deleted\n`,
        );
      }
    });
}

async function storeInWorkspace(slug: string, articles: Article[], opts: { prune: boolean; source: string }) {
  const env = loadCliEnv(process.env);
  const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.BATON_DATA_DIR });
  try {
    await migrateToLatest(database);
    const workspace = await findWorkspaceBySlug(database.db, slug);
    if (!workspace) throw new UsageError(`no workspace "${slug}"`);
    return await updateKnowledge(database.db, { type: 'system', id: null, workspaceId: workspace.id }, articles, opts);
  } finally {
    await database.close();
  }
}
