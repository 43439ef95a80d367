import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { areaOf } from './cpu-profile.ts';

/** The parts of a V8 sampling heap profile (`HeapProfiler.stopSampling`) this reads. */
interface HeapProfileNode {
  callFrame: { functionName: string; url: string };
  selfSize: number;
  children: HeapProfileNode[];
}

export interface SelfBytes {
  name: string;
  where: string;
  bytes: number;
  share: number;
}

/**
 * Bytes allocated per function (with that function on top of the stack when it allocated),
 * largest first, and per area (a dependency, a folder of src/, Node's own code). V8 scales
 * each sample to the allocations it stands for, so the sizes estimate the bytes allocated.
 */
export function allocationsBy(head: HeapProfileNode, root = process.cwd()): { functions: SelfBytes[]; areas: SelfBytes[]; total: number } {
  const functions = new Map<string, SelfBytes>();
  const areas = new Map<string, SelfBytes>();
  let total = 0;
  const add = (into: Map<string, SelfBytes>, name: string, where: string, bytes: number) => {
    const key = `${name}@${where}`;
    const entry = into.get(key) ?? { name, where, bytes: 0, share: 0 };
    entry.bytes += bytes;
    into.set(key, entry);
  };
  const stack = [head];
  while (stack.length) {
    const node = stack.pop()!;
    stack.push(...node.children);
    if (!node.selfSize) continue;
    const where = node.callFrame.url ? relative(root, node.callFrame.url.replace(/^file:\/\//, '')) : '';
    const name = node.callFrame.functionName || '(anonymous)';
    total += node.selfSize;
    add(functions, name, where, node.selfSize);
    add(areas, areaOf(name, where), '', node.selfSize);
  }
  const ranked = (m: Map<string, SelfBytes>) =>
    [...m.values()].sort((a, b) => b.bytes - a.bytes).map((e) => ({ ...e, share: Number(((100 * e.bytes) / total).toFixed(1)) }));
  return { functions: ranked(functions), areas: ranked(areas), total };
}

/** Prints where each server's main thread allocated, and how much per line sent. */
export async function printAllocations(dir: string, lines: number, count = 25): Promise<void> {
  const files = (await readdir(dir)).filter((f) => /^main-\d+\.heapprofile$/.test(f));
  if (!files.length) console.log(`no main-<pid>.heapprofile in ${dir} (a server writes it when it is stopped)`);
  for (const file of files) {
    const path = join(dir, file);
    const { functions, areas, total } = allocationsBy((JSON.parse(await readFile(path, 'utf8')) as { head: HeapProfileNode }).head);
    const kb = (b: number) => `${(b / 1024).toFixed(0).padStart(8)} KB`;
    console.log(
      `\nserver allocations ${path}: ${(total / 2 ** 20).toFixed(0)} MB in all, ${(total / 1024 / Math.max(1, lines)).toFixed(1)} KB a line sent (${lines} lines in the measured steps)`,
    );
    const line = (e: SelfBytes) => console.log(`  ${kb(e.bytes)} ${String(e.share).padStart(5)}%  ${e.name}  ${e.where}`);
    console.log(`top ${count} functions:`);
    functions.slice(0, count).forEach(line);
    console.log('by area:');
    areas.slice(0, 15).forEach(line);
  }
}
