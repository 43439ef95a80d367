// Benchmark: how often the bot asks "which of these?" (a clarification naming options) on the first
// message of each ticket, and on how many of those a person was expected (out of scope). A broad
// request worded in the words of two or three pages ("can I change my order", decide/broader.ts)
// is asked about; a question no page answers should not be.
// Run: npx tsx bench/options.ts            CLINC150 val and test, docs-govt, the three documentation sets
//      VERBOSE=1 npx tsx bench/options.ts  each clarification with the options it named
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEngine } from '../src/engine/index.ts';
import { parseKnowledgeFile } from '../src/knowledge/index.ts';
import { parseTickets } from '../src/engine/eval/tickets.ts';
import { clarifyOf } from '../src/engine/types.ts';

const DATA = resolve(process.env.BATON_DATA ?? '../shared/data');
const LOCAL = resolve(import.meta.dirname, 'data');
const policy = { confidenceThreshold: null, alwaysHumanIntents: [], alwaysHumanTopics: [] };

const SETS: { name: string; kb: string; tickets: string[] }[] = [
  {
    name: 'clinc150',
    kb: resolve(DATA, 'clinc150/kb.jsonl'),
    tickets: ['val', 'test'].map((s) => resolve(DATA, `clinc150/tickets-${s}.jsonl`)),
  },
  { name: 'docs-govt', kb: resolve(DATA, 'docs-govt/kb.jsonl'), tickets: [resolve(DATA, 'docs-govt/tickets.jsonl')] },
  ...['baton-docs', 'fastify-docs', 'zlib-faq'].map((s) => ({
    name: s,
    kb: resolve(LOCAL, s, 'kb.jsonl'),
    tickets: [resolve(LOCAL, s, 'tickets.jsonl')],
  })),
];

for (const set of SETS) {
  const engine = await createEngine((await parseKnowledgeFile(set.kb)).articles);
  for (const file of set.tickets) {
    const tickets = parseTickets(readFileSync(file, 'utf8')).tickets;
    let options = 0;
    let outOfScope = 0;
    for (const t of tickets) {
      const text = t.messages.find((m) => m.role === 'customer')?.text ?? '';
      const d = await engine.turn({ text, history: [], policy });
      if (clarifyOf(d) !== 'options') continue;
      options++;
      const oos = t.expected.outcome === 'handoff';
      if (oos) outOfScope++;
      if (process.env.VERBOSE) console.log(`  ${oos ? 'out of scope' : 'in scope    '} ${JSON.stringify(text)} -> ${d.text}`);
    }
    console.log(
      `${set.name} ${file.split('/').at(-1)}: ${tickets.length} first messages, asked which ${options}, of them out of scope ${outOfScope}`,
    );
  }
}
