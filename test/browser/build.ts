import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { ROOT } from '../support/paths.ts';

// Builds the web app and the widget once for the browser suites. Test files run in parallel
// forks: a lock directory makes one build while the others wait; a stamp of the sources'
// modification times skips the build when nothing changed since the last run.

const LOCK = join(ROOT, '.tmp', 'browser-build.lock');
const STAMP = join(ROOT, '.tmp', 'browser-build.stamp');
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'widget/src', 'widget/vite.config.ts', 'scripts/vite-assets.ts'];
const OUTPUTS = ['web/dist/index.html', 'widget/dist/widget.js', 'widget/dist/widget.manifest.json', 'widget/dist/widget.js.br'];

async function newestMtime(path: string): Promise<number> {
  const s = await stat(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const entry of await readdir(path)) max = Math.max(max, await newestMtime(join(path, entry)));
  return max;
}

async function sourcesStamp(): Promise<string> {
  const times = await Promise.all(SOURCES.map((p) => newestMtime(join(ROOT, p))));
  return times.map((t) => Math.floor(t)).join(',');
}

async function upToDate(stamp: string): Promise<boolean> {
  try {
    for (const o of OUTPUTS) await stat(join(ROOT, o));
    return (await readFile(STAMP, 'utf8')) === stamp;
  } catch {
    return false;
  }
}

export async function ensureBuilt(): Promise<void> {
  await mkdir(join(ROOT, '.tmp'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      // Someone else builds; a lock older than two minutes is left over from a killed run.
      const age = await stat(LOCK).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 120_000) await rm(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for the browser build lock');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    const stamp = await sourcesStamp();
    if (await upToDate(stamp)) return;
    // vitest runs with NODE_ENV=test, which would give React's development build.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      for (const config of ['web/vite.config.ts', 'widget/vite.config.ts']) {
        await build({ configFile: join(ROOT, config), mode: 'production', logLevel: 'warn' });
      }
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    await writeFile(STAMP, stamp);
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}
