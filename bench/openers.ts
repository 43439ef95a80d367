// Benchmark: a need announced but not said ("I have a question about my order"), issue 15 item 2.
// bench/data/openers/heldout.jsonl: 40 lines written for Baton after the word lists of
// `src/engine/understand/opener.ts` (own wording, seven languages): 20 announcements and 20 near
// misses that say the need ("I have a question: do you ship to Norway?"), thank, or ask for a
// person. Each is asked alone through the real engine on the demo as `npm start` serves it; an
// announcement must get the question back (`clarify`, `details`), a near miss never.
// Run: npx tsx bench/openers.ts     (VERBOSE=1 lists the misses)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEngine } from '../src/engine/index.ts';
import { parseKnowledgeFile } from '../src/knowledge/index.ts';
import { servedDemoKnowledge } from '../src/workspaces/demo-knowledge.ts';

const here = (p: string) => resolve(import.meta.dirname, p);
const rows = readFileSync(here('data/openers/heldout.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { text: string; opener: boolean });
const articles = async (p: string) => (await parseKnowledgeFile(here(p))).articles;
const engine = await createEngine(servedDemoKnowledge(await articles('../demo/knowledge.jsonl'), await articles('retail/kb.jsonl')));
const policy = { confidenceThreshold: null, alwaysHumanIntents: [], alwaysHumanTopics: [] };

let asked = 0;
let falseAsks = 0;
const misses: string[] = [];
const outcomes = new Map<string, number>();
for (const r of rows) {
  const d = await engine.turn({ text: r.text, history: [], policy });
  const details = d.action === 'clarify' && (d.trace.decision as { clarify?: string }).clarify === 'details';
  if (r.opener && details) asked++;
  if (!r.opener && details) falseAsks++;
  if (!r.opener) outcomes.set(d.action, (outcomes.get(d.action) ?? 0) + 1);
  if (details !== r.opener) misses.push(`  ${JSON.stringify(r.text)}: ${d.action} ${d.reasons.join(',')}`);
}
const announced = rows.filter((r) => r.opener).length;
console.log(`announcements: ${announced}, asked what the need is ${asked} (${((100 * asked) / announced).toFixed(1)}%)`);
console.log(
  `near misses: ${rows.length - announced}, asked anyway ${falseAsks}; their outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`,
);
if (process.env.VERBOSE) console.log(misses.join('\n'));
