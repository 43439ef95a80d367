import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT } from '../support/paths.ts';

const run = promisify(execFile);

// A bad configuration stops `baton serve` at boot with every problem named and exit code 2.
describe('baton serve with a bad configuration', () => {
  it('exits 2 listing every problem', { timeout: 120_000 }, async () => {
    const failure = await run(process.execPath, ['bin/baton.js', 'serve'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '-1', BODY_LIMIT: 'lots', LOG_LEVEL: 'loud' },
    }).catch((err: { code: number; stderr: string }) => err);
    expect(failure).toMatchObject({ code: 2 });
    const stderr = (failure as { stderr: string }).stderr;
    for (const name of ['PORT', 'BODY_LIMIT', 'LOG_LEVEL']) expect(stderr).toContain(name);
  });
});
