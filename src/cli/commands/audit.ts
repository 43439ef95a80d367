// `baton audit`: the bad-handoff rate (customers who had to re-explain after reaching a human)
// on imported or live conversations, with per-conversation evidence (docs/audit.md).
// Not to be confused with `baton audit-log` (the security audit log).
import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { IMPORT_FORMATS, readConversations, type ImportFormat } from '../../import/index.ts';
import { HandoffAudit, type AuditRecord, type AuditSummary } from '../../quality/audit.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { findWorkspaceBySlug } from '../../db/repositories/workspaces.ts';
import { handedOffConversationIds, transcripts } from '../../db/repositories/quality.ts';
import { loadCliEnv } from '../env.ts';
import { UsageError } from '../usage-error.ts';

interface AuditFlags {
  format: string;
  workspace?: string;
  since?: string;
  evidence?: string;
  json?: string;
}

export function auditCommand(program: Command): void {
  program
    .command('audit')
    .description('Bad-handoff audit: share of conversations reaching a human in which the customer had to re-explain')
    .argument('[file]', 'conversations to audit (any `baton import` format)')
    .option('--format <format>', `with <file>: ${IMPORT_FORMATS.join(', ')}`, 'jsonl')
    .option('--workspace <slug>', 'audit the handed-off conversations stored in this workspace instead')
    .option('--since <date>', 'with --workspace: handoffs requested on or after this date (YYYY-MM-DD)')
    .option('--evidence <out>', 'write one JSON line per conversation that reached a human, with the matching spans')
    .option('--json <out>', 'write the summary as JSON')
    .action(async (file: string | undefined, flags: AuditFlags) => {
      if (!file === !flags.workspace) throw new UsageError('audit either a <file> or --workspace <slug>');
      if (!(IMPORT_FORMATS as readonly string[]).includes(flags.format))
        throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
      const out = flags.evidence ? createWriteStream(flags.evidence) : null;
      const audit = new HandoffAudit();
      const record = async (r: AuditRecord | null) => {
        if (r && out && !out.write(JSON.stringify(r) + '\n')) await once(out, 'drain');
      };
      try {
        if (file) {
          let problems = 0;
          for await (const item of readConversations(file, flags.format as ImportFormat)) {
            if (!item.ok) {
              if (++problems <= 20) process.stderr.write(`${file}:${item.problem.at}: ${item.problem.why}\n`);
              continue;
            }
            await record(audit.add(item.conversation.id, item.conversation.messages));
          }
        } else await auditWorkspace(flags.workspace!, flags.since, audit, record);
      } finally {
        if (out) await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      }
      const s = audit.summary();
      printSummary(s);
      if (flags.json) await writeFile(flags.json, JSON.stringify(s, null, 2) + '\n');
    });
}

function printSummary(s: AuditSummary): void {
  const pct = (n: number) => (s.reached_human ? `${((n / s.reached_human) * 100).toFixed(1)}%` : '-');
  process.stdout.write(
    [
      `conversations          ${s.conversations}`,
      `reached a human        ${s.reached_human}`,
      `customer re-explained  ${s.reexplained} (bad-handoff rate ${pct(s.reexplained)})`,
      `  restated             ${s.by_kind.restated} (${pct(s.by_kind.restated)})`,
      `  asked again          ${s.by_kind.asked_again} (${pct(s.by_kind.asked_again)})${
        Object.keys(s.asked_for).length
          ? `: ${Object.entries(s.asked_for)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}`
          : ''
      }`,
      `  said so              ${s.by_kind.complained} (${pct(s.by_kind.complained)})`,
    ].join('\n') + '\n',
  );
}

async function auditWorkspace(
  slug: string,
  since: string | undefined,
  audit: HandoffAudit,
  record: (r: AuditRecord | null) => Promise<void>,
) {
  const env = loadCliEnv(process.env);
  const sinceDate = since ? new Date(since) : undefined;
  if (sinceDate && Number.isNaN(sinceDate.getTime())) throw new UsageError(`--since: not a date: ${since}`);
  const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.BATON_DATA_DIR });
  try {
    await migrateToLatest(database);
    const ws = await findWorkspaceBySlug(database.db, slug);
    if (!ws) throw new UsageError(`no workspace "${slug}"`);
    let after: string | undefined;
    for (;;) {
      const ids = await handedOffConversationIds(database.db, ws.id, { since: sinceDate, after, limit: 200 });
      if (ids.length === 0) break;
      const texts = await transcripts(database.db, ws.id, ids);
      for (const id of ids)
        await record(
          audit.add(
            id,
            (texts.get(id) ?? []).map((m) => ({ role: m.author, text: m.text })),
          ),
        );
      after = ids.at(-1);
    }
  } finally {
    await database.close();
  }
}
