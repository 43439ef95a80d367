import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/paths.ts';

function baton(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ stderr: string; code: number | null }> {
  // The embedded database: whatever DATABASE_URL the test run has is not this command's.
  const { DATABASE_URL: _, ...inherited } = process.env;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/baton.js', ...args], { cwd: ROOT, env: { ...inherited, BATON_DEBUG: '', ...env } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ stderr, code }));
    child.stdin.end();
  });
}

/** One clear line, exit status 2, no stack trace. */
function expectUsageError(r: { stderr: string; code: number | null }, pattern: RegExp): void {
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines.at(-1)).toMatch(pattern);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

// Ordinary CLI mistakes: one line that says what to fix, exit status 2.
describe('CLI mistakes', () => {
  const KB = 'bench/data/baton-docs/kb.jsonl';

  it('a missing --kb file', async () => {
    expectUsageError(await baton(['chat', '--kb', 'no/such/kb.jsonl']), /^baton: .*no\/such\/kb\.jsonl/);
  });

  it('no valid tickets, a threshold out of range, an unwritable --json path', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baton-cli-'));
    try {
      const bad = join(dir, 'bad.jsonl');
      await writeFile(bad, '{"id": 1}\nnot json\n');
      expectUsageError(await baton(['eval', '--kb', KB, '--tickets', bad]), /^baton: no valid tickets in /);
      expectUsageError(
        await baton(['eval', '--kb', KB, '--tickets', bad, '--threshold', '2']),
        /^baton: --threshold must be a number in \[0, 1\]/,
      );
      const tickets = join(dir, 't.jsonl');
      await writeFile(
        tickets,
        JSON.stringify({ id: 1, messages: [{ role: 'customer', text: 'hi' }], expected: { outcome: 'handoff' } }) + '\n',
      );
      expectUsageError(
        await baton(['eval', '--kb', KB, '--tickets', tickets, '--json', join(dir, 'missing-folder', 'o.json')]),
        /^baton: cannot write .*the folder .* does not exist/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a missing required option', async () => {
    const r = await baton(['eval', '--kb', KB]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/required option '--tickets <file>' not specified/);
  });

  it('a port already in use', { timeout: 90_000 }, async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    const dir = await mkdtemp(join(tmpdir(), 'baton-cli-'));
    try {
      const r = await baton(['serve', '--port', String(port)], { BATON_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' });
      expectUsageError(r, new RegExp(`^baton: 127\\.0\\.0\\.1:${port} is already in use`));
    } finally {
      blocker.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
