import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * A key kept in a file of the embedded database's data folder (the single-node demo, when no
 * key is set in the environment): read if it exists, else created with `fresh()` and mode 0600.
 * 'wx' never overwrites a key another process wrote meanwhile; that one is read instead.
 */
export async function readOrCreateKeyFile(path: string, fresh: () => string): Promise<{ text: string; created: boolean }> {
  try {
    return { text: (await readFile(path, 'utf8')).trim(), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dirname(path), { recursive: true });
  const text = fresh();
  try {
    await writeFile(path, `${text}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { text: (await readFile(path, 'utf8')).trim(), created: false };
  }
  return { text, created: true };
}
