// The brief set's pass rate: every scripted conversation of bench/data/briefs/set.jsonl through
// the widget API on a real server (in-memory PGlite, the embedded engine, the demo's knowledge),
// each brief checked against what it must say and its provenance (bench/briefs/runner.ts).
//
//   npx tsx bench/briefs.ts [--set path.jsonl] [--verbose]
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { BRIEF_SET, briefSetServer, loadBriefSet } from './briefs/runner.ts';

const { values } = parseArgs({ options: { set: { type: 'string' }, verbose: { type: 'boolean', default: false } } });
const cases = loadBriefSet(values.set ? pathToFileURL(values.set) : BRIEF_SET);
const database = await openDatabase({ dataDir: null });
await migrateToLatest(database);
const server = await briefSetServer(database);
let passed = 0;
try {
  for (const c of cases) {
    const run = await server.run(c);
    if (run.failures.length === 0) passed++;
    console.log(
      `${run.failures.length === 0 ? 'pass' : 'FAIL'}  ${c.id}${run.failures.length ? `\n      ${run.failures.join('\n      ')}` : ''}`,
    );
    if (values.verbose && run.brief)
      console.log(`      goal: ${run.brief.goal?.text}\n      next: ${run.brief.recommended_next_step.text}`);
  }
} finally {
  await server.stop();
  await database.close();
}
console.log(`\nbrief set: ${passed}/${cases.length} passed (${((100 * passed) / cases.length).toFixed(1)}%)`);
process.exitCode = passed === cases.length ? 0 : 1;
