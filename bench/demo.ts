// Benchmark: does the demo answer its covered questions when they are asked in other words?
// bench/data/demo/paraphrases.jsonl: 43 questions written for Baton (own wording, informal,
// typos, long with circumstances), each labelled with the demo article that answers it. Not
// used to write the demo's example questions. Each is asked alone through the real engine.
// bench/data/demo/dev-paraphrases.jsonl: a development set written apart from it (48 covered
// questions and 14 the demo cannot answer, `article: null`, which must be handed off); choices
// are made on it, not on paraphrases.jsonl.
// Run: npx tsx bench/demo.ts [file]     (VERBOSE=1 lists the misses)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEngine } from '../src/engine/index.ts';
import type { Article } from '../src/engine/types.ts';

const demo: Article[] = readFileSync(resolve(import.meta.dirname, '../demo/knowledge.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const file = process.argv[2] ?? resolve(import.meta.dirname, 'data/demo/paraphrases.jsonl');
const rows = readFileSync(file, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { text: string; article: string | null });
const policy = { confidenceThreshold: null, alwaysHumanIntents: [], alwaysHumanTopics: [] };

const engine = await createEngine(demo);
const covered = rows.filter((r) => r.article !== null);
let right = 0;
let wrong = 0;
let answeredUncovered = 0;
const misses: string[] = [];
for (const r of rows) {
  const d = await engine.turn({ text: r.text, history: [], policy });
  const cited = d.citations[0]?.articleId ?? null;
  const miss = () =>
    misses.push(
      `  ${JSON.stringify(r.text)} (${r.article ?? 'none'}): ${d.action} ${cited ?? d.intent?.id ?? '-'} at ${d.confidence.toFixed(2)}`,
    );
  if (r.article === null) {
    if (d.action === 'answer') {
      answeredUncovered++;
      miss();
    }
  } else if (d.action === 'answer' && cited === r.article) right++;
  else {
    if (d.action === 'answer') wrong++;
    miss();
  }
}
console.log(
  `demo paraphrases: ${covered.length}, answered with the right article ${right} (${((100 * right) / Math.max(1, covered.length)).toFixed(1)}%), wrong article ${wrong}, not answered ${covered.length - right - wrong}`,
);
if (covered.length < rows.length)
  console.log(`not covered by the demo: ${rows.length - covered.length}, answered anyway ${answeredUncovered}`);
if (process.env.VERBOSE) console.log(misses.join('\n'));
