// Benchmark: does the demo answer its covered questions when they are asked in other words?
// bench/data/demo/paraphrases.jsonl: 43 questions written for Baton (own wording, informal,
// typos, long with circumstances), each labelled with the demo article that answers it. Not
// used to write the demo's example questions. Each is asked alone through the real engine.
// Run: npx tsx bench/demo.ts            (VERBOSE=1 lists the misses)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEngine } from '../src/engine/index.ts';
import type { Article } from '../src/engine/types.ts';

const demo: Article[] = readFileSync(resolve(import.meta.dirname, '../demo/knowledge.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const rows = readFileSync(resolve(import.meta.dirname, 'data/demo/paraphrases.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { text: string; article: string });
const policy = { confidenceThreshold: null, alwaysHumanIntents: [], alwaysHumanTopics: [] };

const engine = await createEngine(demo);
let right = 0;
let wrong = 0;
const misses: string[] = [];
for (const r of rows) {
  const d = await engine.turn({ text: r.text, history: [], policy });
  const cited = d.citations[0]?.articleId ?? null;
  if (d.action === 'answer' && cited === r.article) right++;
  else {
    if (d.action === 'answer') wrong++;
    misses.push(`  ${JSON.stringify(r.text)} (${r.article}): ${d.action} ${cited ?? d.intent?.id ?? '-'} at ${d.confidence.toFixed(2)}`);
  }
}
console.log(
  `demo paraphrases: ${rows.length}, answered with the right article ${right} (${((100 * right) / rows.length).toFixed(1)}%), wrong article ${wrong}, not answered ${rows.length - right - wrong}`,
);
if (process.env.VERBOSE) console.log(misses.join('\n'));
