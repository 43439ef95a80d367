import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The embedded database is one process's: a second process opening the same folder would
 * corrupt it. A lock file beside the folder names the owner; a lock left by a process that
 * is gone (a crash) is taken over.
 */
export async function lockFolder(dir: string): Promise<() => Promise<void>> {
  const file = `${dir.replace(/\/+$/, '')}.lock`;
  await mkdir(dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(`the database folder ${dir} is in use by process ${owner}; stop it first (or use the admin API)`);
      }
      await rm(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
