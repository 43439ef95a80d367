// Benchmark: the language of short messages (bench/data/language/short.jsonl: 112 lines of
// 2-8 words in en, es, fr, de, pt, it, nl, written for Baton). Compares the one-line detector
// of before (franc with the knowledge's language as fallback) with the turn's decision
// (function words and eld, then the conversation, locale and knowledge as priors), on English
// knowledge: alone, after one earlier message in the same language, and with the widget's
// locale set to the message's language.
// Run: npx tsx bench/language.ts [file]   (bench/data/language/dev.jsonl: 29 lines written
//      apart from short.jsonl to check the issue-15 changes, ties and letters, did no harm;
//      bench/data/language/dev-blind.jsonl: 280 lines of 1-6 words, 40 a language, written blind
//      for choosing eld's vote, docs/engine.md "Short lines read by eld")
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decideLanguage, detectLanguage } from '../src/engine/understand/language.ts';

const rows = readFileSync(process.argv[2] ?? resolve(import.meta.dirname, 'data/language/short.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { text: string; language: string });
const byLang = new Map<string, typeof rows>();
for (const r of rows) byLang.set(r.language, [...(byLang.get(r.language) ?? []), r]);
/** Another line of the same language, as the conversation's earlier message. */
const earlier = (r: (typeof rows)[number]) => {
  const same = byLang.get(r.language)!;
  return same[(same.indexOf(r) + 1) % same.length].text;
};

const runs: [string, (r: (typeof rows)[number]) => string][] = [
  ['before: franc, fallback en', (r) => detectLanguage(r.text, 'en')],
  ['now: the line alone (knowledge en)', (r) => decideLanguage(r.text, { knowledge: ['en'] })],
  ['now: after one earlier message', (r) => decideLanguage(r.text, { previous: [earlier(r)], knowledge: ['en'] })],
  ['now: widget locale set', (r) => decideLanguage(r.text, { locale: r.language, knowledge: ['en'] })],
];
console.log(`${rows.length} short messages, ${byLang.size} languages`);
for (const [name, f] of runs) {
  const right = rows.filter((r) => f(r) === r.language).length;
  const per = [...byLang].map(([l, rs]) => `${l} ${rs.filter((r) => f(r) === l).length}/${rs.length}`).join('  ');
  console.log(`${name.padEnd(36)} accuracy ${(right / rows.length).toFixed(3)}   ${per}`);
}
