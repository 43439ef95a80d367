/**
 * PII shield benchmark: recall and precision per type on the labelled Presidio synthetic
 * set, for Baton and for the npm package redact-pii on the same data, plus throughput.
 *
 *   npx tsx bench/pii.ts [path/to/data.jsonl]
 *
 * A labelled span is caught when any detected span overlaps it; a detected span is right
 * when it overlaps any labelled span (whatever the type names, which differ by tool).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { SyncRedactor } from 'redact-pii';
import { detect } from '../src/pii/index.ts';
import { resolveSettings } from '../src/pii/index.ts';
import { spansFromReplacement } from './pii-align.ts';

interface Labelled {
  type: string;
  start: number;
  end: number;
}
interface Sample {
  text: string;
  entities: Labelled[];
}

/** The data set's type names for the identifying types, and Baton's names for them. */
const DATASET_TO_BATON: Record<string, string> = {
  PERSON: 'PERSON',
  STREET_ADDRESS: 'ADDRESS',
  CREDIT_CARD: 'CARD',
  PHONE_NUMBER: 'PHONE',
  EMAIL_ADDRESS: 'EMAIL',
  IBAN_CODE: 'IBAN',
  US_SSN: 'SSN',
  IP_ADDRESS: 'IP',
  US_DRIVER_LICENSE: 'DRIVER_LICENSE',
  ZIP_CODE: 'POSTCODE',
};
const STRUCTURED = ['CARD', 'IBAN', 'EMAIL', 'SSN', 'IP'];

type Detect = (text: string) => Labelled[];

const defaultPath = fileURLToPath(new URL('../../shared/data/pii/presidio-synth-dev.jsonl', import.meta.url));
const path = process.argv[2] ?? (process.env.BATON_SHARED ? `${process.env.BATON_SHARED}/data/pii/presidio-synth-dev.jsonl` : defaultPath);
const samples: Sample[] = readFileSync(path, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Sample);

const settings = resolveSettings({ locale: 'en' });
const baton: Detect = (text) => detect(text, settings);

// redact-pii only returns text. For spans, its own built-in rules are replayed in its
// order with a private-use marker per rule as replacement, and the markers are aligned
// back onto the original. Throughput is measured on the stock SyncRedactor.
const require = createRequire(import.meta.url);
const builtIns = require('redact-pii/lib/built-ins/simple-regexp-patterns.js') as Record<string, RegExp>;
const { NameRedactor } = require('redact-pii/lib/built-ins/NameRedactor.js') as {
  NameRedactor: new (replaceWith: string) => { redact(t: string): string };
};
const RULES = [...Object.keys(builtIns), 'names'];
const RULE_TYPE: Record<string, string> = {
  names: 'PERSON',
  streetAddress: 'ADDRESS',
  creditCardNumber: 'CARD',
  phoneNumber: 'PHONE',
  emailAddress: 'EMAIL',
  usSocialSecurityNumber: 'SSN',
  ipAddress: 'IP',
  zipcode: 'POSTCODE',
  credentials: 'SECRET',
  password: 'SECRET',
  username: 'SECRET',
  url: 'URL',
  digits: 'DIGITS',
};
const marker = (i: number) => `\uE000${i}\uE001`;
const nameRedactor = new NameRedactor(marker(RULES.length - 1));
function markAll(text: string): string {
  let out = text;
  Object.values(builtIns).forEach((re, i) => (out = out.replace(re, marker(i))));
  return nameRedactor.redact(out);
}
const redactPiiSpans: Detect = (text) =>
  spansFromReplacement(text, markAll(text)).map((s) => ({
    type: RULE_TYPE[RULES[s.marker]] ?? RULES[s.marker],
    start: s.start,
    end: s.end,
  }));
const stock = new SyncRedactor();
const redactPiiStock = (text: string) => stock.redact(text);

const overlaps = (a: Labelled, b: Labelled) => a.start < b.end && b.start < a.end;

interface Counts {
  labelled: number;
  caught: number;
  detected: number;
  right: number;
}
const zero = (): Counts => ({ labelled: 0, caught: 0, detected: 0, right: 0 });

function score(run: Detect): { perType: Map<string, Counts>; overall: Counts; messagesPerSecond: number } {
  const outputs = samples.map((s) => run(s.text));
  const perType = new Map<string, Counts>();
  const get = (t: string) => perType.get(t) ?? perType.set(t, zero()).get(t)!;
  const overall = zero();
  samples.forEach((sample, i) => {
    const found = outputs[i];
    for (const label of sample.entities) {
      const ours = DATASET_TO_BATON[label.type];
      if (!ours) continue;
      const caught = found.some((f) => overlaps(f, label));
      get(ours).labelled++;
      overall.labelled++;
      if (caught) (get(ours).caught++, overall.caught++);
    }
    for (const f of found) {
      const right = sample.entities.some((label) => overlaps(f, label));
      get(f.type).detected++;
      overall.detected++;
      if (right) (get(f.type).right++, overall.right++);
    }
  });
  return { perType, overall, messagesPerSecond: 0 };
}

/**
 * Messages per second of CPU time (user + system), over alternating rounds: CPU time
 * rather than wall time so other work on the machine counts less, alternating so both
 * tools see the same conditions. Returns the median of each tool's rounds and the median
 * of the per-round ratios (first tool / second), the figure least moved by noise.
 */
function throughput(tools: Array<(text: string) => unknown>, rounds = 9): { perSecond: number[]; ratio: number } {
  const runs: number[][] = tools.map(() => []);
  for (let r = 0; r < rounds; r++) {
    tools.forEach((tool, i) => {
      const started = process.cpuUsage();
      let messages = 0;
      do {
        for (const s of samples) tool(s.text);
        messages += samples.length;
      } while (cpuSeconds(process.cpuUsage(started)) < 0.3);
      runs[i].push(messages / cpuSeconds(process.cpuUsage(started)));
    });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { perSecond: runs.map(median), ratio: median(runs[0].map((x, r) => x / runs[1][r])) };
}
const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

const pct = (n: number, d: number) => (d === 0 ? '   -  ' : (n / d).toFixed(3).padStart(6));

function report(name: string, result: ReturnType<typeof score>): void {
  console.log(`\n== ${name} ==`);
  console.log('type            labelled  recall   detected  precision');
  const types = [...result.perType.keys()].sort();
  for (const t of types) {
    const c = result.perType.get(t)!;
    console.log(
      `${t.padEnd(16)}${String(c.labelled).padStart(8)}  ${pct(c.caught, c.labelled)}  ${String(c.detected).padStart(8)}  ${pct(c.right, c.detected)}`,
    );
  }
  const o = result.overall;
  const structured = STRUCTURED.map((t) => result.perType.get(t) ?? zero()).reduce(
    (a, c) => ({ ...a, labelled: a.labelled + c.labelled, caught: a.caught + c.caught }),
    zero(),
  );
  console.log(
    `${'OVERALL'.padEnd(16)}${String(o.labelled).padStart(8)}  ${pct(o.caught, o.labelled)}  ${String(o.detected).padStart(8)}  ${pct(o.right, o.detected)}`,
  );
  console.log(`structured (card, IBAN, e-mail, SSN, IP) recall: ${pct(structured.caught, structured.labelled).trim()}`);
  console.log(`throughput: ${Math.round(result.messagesPerSecond)} messages per CPU second`);
}

console.log(`PII bench on ${samples.length} messages (${path})`);
const ours = score(baton);
const theirs = score(redactPiiSpans);
const speed = throughput([baton, redactPiiStock]);
[ours.messagesPerSecond, theirs.messagesPerSecond] = speed.perSecond;
report('Baton PII shield', ours);
report('redact-pii (npm, built-in rules)', theirs);
const o = ours.overall;
console.log(
  `\nBaton vs bar: recall ${(o.caught / o.labelled).toFixed(3)} (>= 0.90), precision ${(o.right / o.detected).toFixed(3)} (>= 0.85), throughput ratio ${speed.ratio.toFixed(2)} (>= 0.5, median of paired rounds)`,
);
