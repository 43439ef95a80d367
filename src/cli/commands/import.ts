// `baton import`: historical conversations (contract JSONL, Zendesk, Intercom, CSV) streamed
// into normalized JSONL (--out) and/or a workspace (--workspace), with problems on stderr.
import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import pino from 'pino';
import { IMPORT_FORMATS, readConversations, handoffIndex, type ImportFormat } from '../../import/index.ts';
import { progressBar } from '../../import/progress.ts';
import { WorkspaceImporter } from '../../import/store.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { findWorkspaceBySlug } from '../../db/repositories/workspaces.ts';
import { readPolicy } from '../../workspaces/policy.ts';
import { loadKeyring } from '../../config/keyring.ts';
import { loadCliEnv } from '../env.ts';

interface ImportFlags {
  format: string;
  workspace?: string;
  out?: string;
  botAuthors?: string;
  maxProblems: string;
}

export function importCommand(program: Command): void {
  program
    .command('import')
    .description('Import historical conversations (jsonl, zendesk, intercom, csv) into a workspace or normalized JSONL')
    .argument('<file>', 'the export file')
    .requiredOption('--format <format>', `one of ${IMPORT_FORMATS.join(', ')}`)
    .option('--workspace <slug>', 'store the conversations in this workspace (DATABASE_URL, or the embedded database)')
    .option('--out <file>', 'write normalized conversations as JSON Lines')
    .option('--bot-authors <ids>', 'zendesk: comma-separated author ids or names that are the bot')
    .option('--max-problems <n>', 'print at most this many problems (all are counted)', '50')
    .action(async (file: string, flags: ImportFlags) => {
      if (!(IMPORT_FORMATS as readonly string[]).includes(flags.format))
        throw new Error(`--format must be one of ${IMPORT_FORMATS.join(', ')} (got "${flags.format}")`);
      if (!flags.workspace && !flags.out) throw new Error('say where to: --workspace <slug> and/or --out <file>');
      const size = (await stat(file)).size;
      const progress = progressBar(size);
      const out = flags.out ? createWriteStream(flags.out) : null;
      const store = flags.workspace ? await openWorkspace(flags.workspace) : null;
      let ok = 0;
      let humans = 0;
      let problems = 0;
      const maxProblems = Number(flags.maxProblems);
      try {
        const items = readConversations(file, flags.format as ImportFormat, {
          meter: progress.meter,
          botAuthors: flags.botAuthors
            ?.split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        });
        for await (const item of items) {
          if (!item.ok) {
            problems++;
            if (problems <= maxProblems) process.stderr.write(`${file}:${item.problem.at}: ${item.problem.why}\n`);
            continue;
          }
          ok++;
          if (handoffIndex(item.conversation) >= 0) humans++;
          if (out && !out.write(JSON.stringify(item.conversation) + '\n')) await once(out, 'drain');
          if (store) await store.importer.add(item.conversation);
          progress.tick(ok);
        }
        progress.done();
        if (store) {
          const s = await store.importer.finish(`${flags.format}:${file}`);
          process.stdout.write(
            `workspace ${flags.workspace}: ${s.stored} stored, ${s.skipped} already there, ${s.handoffs} reached a human\n`,
          );
        }
      } finally {
        if (out) await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
        await store?.close();
      }
      process.stdout.write(`${ok} conversations (${humans} reached a human), ${problems} problems\n`);
      if (ok === 0) process.exitCode = 1;
    });
}

async function openWorkspace(slug: string) {
  const env = loadCliEnv(process.env);
  const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.BATON_DATA_DIR });
  try {
    await migrateToLatest(database);
    const ws = await findWorkspaceBySlug(database.db, slug);
    if (!ws) throw new Error(`no workspace "${slug}"`);
    const keyring = await loadKeyring(env, pino({ level: env.LOG_LEVEL === 'silent' ? 'silent' : 'warn' }));
    const importer = new WorkspaceImporter(database.db, ws.id, { keyring, pii: readPolicy(ws.policy).pii });
    return { importer, close: () => database.close() };
  } catch (err) {
    await database.close();
    throw err;
  }
}
