import { access, constants, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from './usage-error.ts';

/** Fails with a usage error unless `file` can be written (its folder exists and is writable). */
export async function assertWritable(file: string): Promise<void> {
  const folder = dirname(resolve(file));
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(`cannot write ${file}: the folder ${folder} does not exist`);
  const existing = await stat(file).catch(() => null);
  if (existing?.isDirectory()) throw new UsageError(`cannot write ${file}: it is a folder`);
  await access(existing ? file : folder, constants.W_OK).catch(() => {
    throw new UsageError(`cannot write ${file}: permission denied`);
  });
}
