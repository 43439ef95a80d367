// `baton eval`: measure the answer engine on labelled tickets (shared/contracts/eval.md).
import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { loadKnowledge } from '../../knowledge/index.ts';
import { parseTickets } from '../../engine/eval/tickets.ts';
import { evaluate, detailLine } from '../../engine/eval/evaluate.ts';
import { renderReport } from '../../engine/eval/report-html.ts';
import { createEngine } from '../../engine/index.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { transaction } from '../../db/transaction.ts';
import { findWorkspaceBySlug, updateWorkspacePolicy } from '../../db/repositories/workspaces.ts';
import { appendEvent } from '../../db/repositories/events.ts';
import { readPolicy } from '../../workspaces/policy.ts';
import { loadCliEnv } from '../env.ts';
import { UsageError } from '../usage-error.ts';
import { loadEvalActions } from './eval-tools.ts';
import { assertWritable } from '../paths.ts';

interface EvalFlags {
  kb: string;
  tickets: string;
  threshold?: string;
  targetPrecision: string;
  json?: string;
  report?: string;
  details?: string;
  applyTo?: string;
  tools?: string;
  apiBase?: string;
}

function parseThreshold(v: string | undefined): number | null | 'auto' {
  if (v === undefined || v === 'default') return null;
  if (v === 'auto') return 'auto';
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new UsageError(`--threshold must be a number in [0, 1], "auto" or "default" (got "${v}")`);
  return n;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function printSummary(s: Record<string, unknown>, out: NodeJS.WritableStream = process.stdout): void {
  const lat = s.latency_ms as { p50: number; p99: number };
  const rows: [string, string][] = [
    ['tickets', `${s.tickets} (${s.answer_expected} answerable, ${s.handoff_expected} expect a hand-off)`],
    ['threshold', `${s.threshold} (engine default ${s.default_threshold})`],
    ['coverage', pct(s.coverage as number)],
    ['resolution rate', pct(s.resolution_rate as number)],
    ['answered precision', pct(s.answered_precision as number)],
    ['hallucination rate', pct(s.hallucination_rate as number)],
    ['handoff recall', pct(s.handoff_recall as number)],
    ['handoff precision', pct(s.handoff_precision as number)],
    ['answered / clarified / handed off / social', `${s.answered} / ${s.clarified} / ${s.handed_off} / ${s.social ?? 0}`],
    ['latency per turn', `p50 ${lat.p50} ms, p99 ${lat.p99} ms`],
    ['set-up', `${s.setup_ms} ms`],
  ];
  if (typeof s.action_tickets === 'number') {
    rows.push([
      'action accuracy',
      `${pct(s.action_accuracy as number)} (${s.action_correct}/${s.action_tickets} tickets with exactly the expected writes)`,
    ]);
    if (typeof s.state_matches === 'number') rows.push(['API state matches', `${s.state_matches}/${s.action_tickets}`]);
    rows.push(['tool calls', String(s.tool_calls)]);
  }
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) out.write(`${k.padEnd(w)}  ${v}\n`);
}

export function evalCommand(program: Command): void {
  program
    .command('eval')
    .description('Run labelled tickets through a throw-away engine and report answer quality')
    .requiredOption('--kb <file>', 'knowledge: JSONL file or a folder (Markdown, HTML, JSON exports)')
    .requiredOption('--tickets <file>', 'labelled tickets, JSON Lines')
    .option('--threshold <x>', 'confidence threshold in [0,1], "auto" (see --target-precision) or "default"')
    .option('--target-precision <p>', 'with --threshold auto: lowest threshold reaching this answered precision', '0.95')
    .option('--json <out>', 'write the result as JSON')
    .option('--report <out>', 'write a self-contained HTML report')
    .option('--details <out>', 'write one JSON line per ticket')
    .option('--tools <workspace.json>', "a workspace's actions document: run its playbooks against its API (docs/actions.md)")
    .option('--api-base <url>', 'with --tools: the API to call (default: the document\'s apiBase)')
    .option('--apply-to <workspace>', 'write the threshold evaluated (a number or auto) into this workspace policy (confidenceThreshold)')
    .action(async (flags: EvalFlags) => {
      const threshold = parseThreshold(flags.threshold);
      const targetPrecision = Number(flags.targetPrecision);
      if (!(targetPrecision > 0 && targetPrecision <= 1))
        throw new UsageError(`--target-precision must be a number in (0, 1] (got "${flags.targetPrecision}")`);
      // Checked before the run, which can take minutes: a typo in an output path should not cost them.
      for (const out of [flags.json, flags.report, flags.details]) if (out) await assertWritable(out);
      if (flags.applyTo && threshold === null)
        throw new UsageError(
          '--apply-to needs --threshold X or --threshold auto (the engine default is already what a workspace without a threshold uses)',
        );
      if (flags.apiBase && !flags.tools) throw new UsageError('--api-base goes with --tools');
      const actions = flags.tools ? await loadEvalActions(flags.tools, flags.apiBase) : undefined;
      const kb = await loadKnowledge(flags.kb);
      for (const e of kb.errors) process.stderr.write(`kb: ${e.path}${e.line ? `:${e.line}` : ''}: ${e.why}\n`);
      if (kb.articles.length === 0) throw new UsageError(`no articles loaded from ${flags.kb}`);
      const parsed = parseTickets(await readFile(flags.tickets, 'utf8'));
      for (const e of parsed.errors) process.stderr.write(`tickets: line ${e.line}: ${e.why}\n`);
      if (parsed.tickets.length === 0) throw new UsageError(`no valid tickets in ${flags.tickets} (see docs/formats.md)`);
      const tty = process.stderr.isTTY;
      if (tty) process.stderr.write(`building engine from ${kb.articles.length} articles...\n`);
      const { summary, results } = await evaluate(createEngine, kb.articles, parsed.tickets, {
        threshold,
        targetPrecision,
        onProgress: tty ? (done, total) => process.stderr.write(`\r${done}/${total} tickets`) : undefined,
        actions,
      });
      if (tty) process.stderr.write('\n');
      printSummary(summary);
      if (flags.json) await writeFile(flags.json, JSON.stringify(summary, null, 2) + '\n');
      if (flags.details) {
        const out = createWriteStream(flags.details);
        for (const r of results) out.write(detailLine(r) + '\n');
        await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      }
      if (flags.report) await writeFile(flags.report, renderReport(summary, summary.curve, results, `baton eval: ${flags.tickets}`));
      if (flags.applyTo) await applyThreshold(flags.applyTo, summary.threshold, flags.tickets);
    });
}

/** Writes the evaluated threshold into a workspace policy, with its admin event, in one transaction. */
async function applyThreshold(slug: string, threshold: number, tickets: string): Promise<void> {
  const env = loadCliEnv(process.env);
  const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.BATON_DATA_DIR });
  try {
    await migrateToLatest(database);
    const before = await transaction(database.db, async (tx) => {
      const ws = await findWorkspaceBySlug(tx, slug);
      if (!ws) throw new UsageError(`no workspace "${slug}"`);
      const was = readPolicy(ws.policy).confidenceThreshold;
      readPolicy({ ...ws.policy, confidenceThreshold: threshold });
      await updateWorkspacePolicy(tx, ws.id, { ...ws.policy, confidenceThreshold: threshold });
      await appendEvent(tx, {
        workspaceId: ws.id,
        conversationId: null,
        type: 'admin.policy.updated',
        actor: { type: 'system', id: null },
        data: { changed: ['confidenceThreshold'], via: 'baton eval --apply-to', from: was, to: threshold, tickets },
      });
      return was;
    });
    process.stdout.write(`workspace ${slug}: confidenceThreshold ${threshold} (was ${before ?? 'the engine default'})\n`);
  } finally {
    await database.close();
  }
}
