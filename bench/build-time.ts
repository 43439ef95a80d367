// Set-up time of the embedded engine on CLINC150 (wall clock and CPU: on a busy machine the
// CPU figure is the one that says what a quiet 2-core machine would take).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildEngine } from '../src/engine/index.ts';
const kb = readFileSync(resolve(process.env.BATON_DATA ?? '../shared/data', 'clinc150/kb.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const e = await buildEngine(kb);
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    wall_ms: Math.round(performance.now() - t0),
    cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
    ...e.knowledge.stats,
    default_threshold: e.defaultThreshold(),
  }),
);
