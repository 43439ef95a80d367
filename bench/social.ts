// Benchmark: small talk (issue 15, item 2) as the turn reads it (`understand`): greetings, thanks
// and goodbyes recognised, and ordinary support messages in their words left to be answered.
// Run: npx tsx bench/social.ts        held-out: bench/data/social/heldout.jsonl (written blind,
//                                     committed before anything ran on it) and CLINC150 test
//      npx tsx bench/social.ts dev    development: bench/data/social/dev.jsonl and CLINC150 val
//                                     (the sets the phrase list and its courtesy words were chosen on)
// CLINC150's greeting, goodbye and thank_you questions are small talk of those kinds; every other
// question of the split (out of scope too) is not. The shared data is read from BATON_DATA
// (default ../shared/data); without it the CLINC150 rows are left out.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { understand } from '../src/engine/understand/index.ts';
import { readJsonl } from './support/jsonl.ts';

const DATA = resolve(process.env.BATON_DATA ?? '../shared/data');
const dev = process.argv[2] === 'dev';
const policy = { confidenceThreshold: null, alwaysHumanIntents: [], alwaysHumanTopics: [] };
const KINDS = ['greeting', 'thanks', 'bye'] as const;
type Kind = (typeof KINDS)[number] | 'none';
type Row = { text: string; social: Kind; language: string };

/** The kind of small talk the turn reads in a message: one of the three, or none (other social kinds, "ok", count as none). */
function readKind(text: string): Kind {
  const kind = understand({ text, history: [], policy }).social?.kind;
  return KINDS.find((k) => k === kind) ?? 'none';
}

function report(name: string, rows: Row[]) {
  const small = rows.filter((r) => r.social !== 'none');
  const none = rows.filter((r) => r.social === 'none');
  const read = new Map(rows.map((r) => [r, readKind(r.text)]));
  const found = small.filter((r) => read.get(r) !== 'none');
  const right = small.filter((r) => read.get(r) === r.social);
  const wrong = none.filter((r) => read.get(r) !== 'none');
  const perKind = KINDS.map((k) => {
    const of = small.filter((r) => r.social === k);
    return `${k} ${of.filter((r) => read.get(r) !== 'none').length}/${of.length}`;
  }).join(', ');
  console.log(
    `${name}: small talk recognised ${found.length}/${small.length} (${perKind}; kind right ${right.length}); ` +
      `not small talk read as small talk ${wrong.length}/${none.length}`,
  );
  if (process.env.VERBOSE) {
    for (const r of small) if (read.get(r) === 'none') console.log(`  missed ${r.social}: ${r.text}`);
    for (const r of wrong) console.log(`  read as ${read.get(r)}: ${r.text}`);
  }
}

const lines = (file: string): Row[] => readJsonl(new URL(`data/social/${file}`, import.meta.url)) as Row[];

const set = lines(dev ? 'dev.jsonl' : 'heldout.jsonl');
report(
  `${dev ? 'dev' : 'heldout'}.jsonl, English`,
  set.filter((r) => r.language === 'en'),
);
report(
  `${dev ? 'dev' : 'heldout'}.jsonl, other languages`,
  set.filter((r) => r.language !== 'en'),
);

const clinc = resolve(DATA, 'clinc150/data_full.json');
if (existsSync(clinc)) {
  const full = JSON.parse(readFileSync(clinc, 'utf8')) as Record<string, [string, string][]>;
  const split = dev ? 'val' : 'test';
  const kindOf: Record<string, Kind> = { greeting: 'greeting', thank_you: 'thanks', goodbye: 'bye' };
  const rows = [...full[split], ...full[`oos_${split}`]].map(([text, intent]): Row => ({
    text,
    social: kindOf[intent] ?? 'none',
    language: 'en',
  }));
  report(`CLINC150 ${split} (greeting, thank_you, goodbye against every other question)`, rows);
} else console.log(`CLINC150 not found under ${DATA}: set BATON_DATA to the shared data folder`);
