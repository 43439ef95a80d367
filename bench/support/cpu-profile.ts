import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** The parts of a V8 .cpuprofile (what `node --cpu-prof` writes) this reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  fn: string;
  where: string;
  ms: number;
  share: number;
}

/**
 * Self time per function (time sampled with that function on top of the stack), largest
 * first: where the process spent its CPU, not who called it. Functions are merged by name and
 * place, so a function reached through many paths counts once. Shares are of the busy time
 * (idle left out).
 */
export function topSelfTime(profile: CpuProfile, count = 25, root = process.cwd()): SelfTime[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const totals = new Map<string, { fn: string; where: string; us: number }>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const frame = byNode.get(id);
    if (!frame) return;
    // Files run through tsx report lines of the transformed code: the file names the place.
    const where = frame.url ? relative(root, frame.url.replace(/^file:\/\//, '')) : '';
    const fn = frame.functionName || '(anonymous)';
    if (IDLE.has(fn)) return;
    all += us;
    const key = `${fn}@${where}`;
    const t = totals.get(key) ?? { fn, where, us: 0 };
    t.us += us;
    totals.set(key, t);
  });
  return [...totals.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, count)
    .map((t) => ({ fn: t.fn, where: t.where, ms: Math.round(t.us / 1000), share: Number(((100 * t.us) / all).toFixed(1)) }));
}

/**
 * Busy time by area: a dependency (node_modules/<name>), a folder of src/ (two levels, e.g.
 * src/engine/retrieve), Node's own code, or native work (socket writes, the garbage collector).
 */
export function selfTimeByArea(profile: CpuProfile, root = process.cwd()): SelfTime[] {
  const areas = new Map<string, number>();
  let all = 0;
  for (const t of topSelfTime(profile, Infinity, root)) {
    const area = areaOf(t.fn, t.where);
    areas.set(area, (areas.get(area) ?? 0) + t.ms);
    all += t.ms;
  }
  return [...areas.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([area, ms]) => ({ fn: area, where: '', ms, share: Number(((100 * ms) / all).toFixed(1)) }));
}

/** The area a function belongs to (see selfTimeByArea); `where` relative to the root. */
export function areaOf(fn: string, where: string): string {
  return (
    /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1] ??
    /^(src\/[^/]+(?:\/[^/.]+(?=\/))?)/.exec(where)?.[1] ??
    (where.startsWith('node:') ? 'node' : where ? where : `native: ${fn}`)
  );
}

/** CPU time that is not idle: V8 counts the process's waiting as "(idle)" and "(program)". */
const IDLE = new Set(['(idle)', '(program)']);

/**
 * The busiest .cpuprofile in `dir` written since `since` (ms since the epoch): the server's
 * main thread, not the module loader's worker thread that `--cpu-prof` profiles too.
 */
export async function busiestProfile(dir: string, since = 0): Promise<{ path: string; profile: CpuProfile } | undefined> {
  let best: { path: string; profile: CpuProfile; busy: number } | undefined;
  for (const f of (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'))) {
    const path = join(dir, f);
    if ((await stat(path)).mtimeMs < since) continue;
    const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
    const busy = topSelfTime(profile, Infinity).reduce((sum, t) => sum + t.ms, 0);
    if (!best || busy > best.busy) best = { path, profile, busy };
  }
  return best;
}

/** Prints the top self-time functions of the server's profile in `dir` (written since `since`). */
export async function printTopSelfTime(dir: string, since: number, count = 25): Promise<void> {
  const found = await busiestProfile(dir, since);
  if (!found) {
    console.log(`no .cpuprofile in ${dir} (the server writes it when it exits cleanly)`);
    return;
  }
  console.log(`\nserver CPU profile ${found.path} (open it in Chrome DevTools), top ${count} functions by self time:`);
  const line = (t: SelfTime) => console.log(`  ${String(t.ms).padStart(7)} ms ${String(t.share).padStart(5)}%  ${t.fn}  ${t.where}`);
  topSelfTime(found.profile, count).forEach(line);
  console.log('by area:');
  selfTimeByArea(found.profile).slice(0, 15).forEach(line);
}
