// `baton chat`: talk to the bot in the terminal, on a knowledge file or folder, and see each
// decision with its confidence and reasons: the quickest way to try Baton on your own help
// centre before wiring anything.
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { loadKnowledge } from '../../knowledge/index.ts';
import { redact, emptyState, type TokenState } from '../../pii/index.ts';
import type { Decision, HistoryTurn } from '../../engine/types.ts';
import { UsageError } from '../usage-error.ts';

export function chatCommand(program: Command): void {
  program
    .command('chat')
    .description('Chat with the bot in the terminal on a knowledge file or folder (shows confidence and decisions)')
    .requiredOption('--kb <path>', 'knowledge: JSONL, a Markdown/HTML folder, or a Zendesk export')
    .option('--threshold <x>', 'answer only at or above this confidence (default: calibrated by the engine)')
    .action(async (flags: { kb: string; threshold?: string }) => {
      const threshold = flags.threshold === undefined ? null : Number(flags.threshold);
      if (threshold !== null && !(threshold >= 0 && threshold <= 1))
        throw new UsageError(`--threshold must be a number in [0, 1] (got "${flags.threshold}")`);
      const { articles, errors } = await loadKnowledge(flags.kb);
      for (const e of errors) console.error(`${e.path}${e.line ? `:${e.line}` : ''}: ${e.why}`);
      if (articles.length === 0) throw new UsageError(`no articles loaded from ${flags.kb} (see docs/formats.md)`);
      const { createEngine } = await import('../../engine/index.ts');
      const engine = await createEngine(articles);
      console.log(
        `${articles.length} articles loaded; threshold ${threshold ?? engine.defaultThreshold().toFixed(2)}. Type a question (Ctrl+D to quit).`,
      );

      const history: HistoryTurn[] = [];
      let pii: TokenState = emptyState();
      const terminal = process.stdin.isTTY ?? false;
      const rl = createInterface({ input: process.stdin, output: terminal ? process.stdout : undefined, terminal });
      // A prompt only for a person at a terminal: piped input gets decisions alone.
      rl.setPrompt('you> ');
      if (terminal) rl.prompt();
      for await (const line of rl) {
        const text = line.trim();
        if (!text) {
          if (terminal) rl.prompt();
          continue;
        }
        // The same shield as live traffic: the engine sees tokens, never the values.
        const shielded = redact(text, {}, pii);
        pii = shielded.state;
        const decision = await engine.turn({
          text: shielded.redacted,
          history,
          policy: { confidenceThreshold: threshold, alwaysHumanIntents: [], alwaysHumanTopics: [] },
        });
        console.log(describe(decision));
        history.push({ role: 'customer', text: shielded.redacted });
        history.push({ role: 'bot', text: decision.text, action: decision.action, articleIds: decision.citations.map((c) => c.articleId) });
        if (terminal) rl.prompt();
      }
    });
}

function describe(d: Decision): string {
  const head = `[${d.action} · confidence ${d.confidence.toFixed(2)} / threshold ${d.threshold.toFixed(2)}${d.intent ? ` · ${d.intent.id}` : ''}]`;
  // An urgent handoff may carry words for the customer first (crisis resources).
  if (d.action === 'handoff')
    return `${head}\n${d.text ? `${d.text}\n` : ''}→ hand off to a person (${d.reasons.join(', ')}${d.urgent ? ', urgent' : ''})\n`;
  return `${head}\n${d.text}\n`;
}
