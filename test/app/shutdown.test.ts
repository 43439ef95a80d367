import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SHUTDOWN = fileURLToPath(new URL('../../src/app/shutdown.ts', import.meta.url));

/** A process that stops on a signal as `baton serve` does, with a stop that takes `stopMs` (or never ends). */
function serverLike(stopMs: number | null) {
  const script = `
    const { exitOnSignal } = await import(${JSON.stringify(SHUTDOWN)});
    const log = { error: (obj, msg) => console.error(msg, JSON.stringify(obj)) };
    setInterval(() => {}, 1000); // a server's open handles
    exitOnSignal(() => new Promise((r) => { if (${stopMs} !== null) setTimeout(r, ${stopMs ?? 0}); }), log, { deadlineMs: 500, stage: () => 'event dispatcher' });
    console.log('READY');`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const ready = new Promise<void>((resolve) => child.stdout.on('data', (d) => String(d).includes('READY') && resolve()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, stderr: () => stderr };
}

describe('stopping on a signal', () => {
  it('exits 0 once a graceful stop is done', async () => {
    const p = serverLike(50);
    await p.ready;
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('exits 1 with an error logged when the stop hangs past the deadline', async () => {
    const p = serverLike(null);
    await p.ready;
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(1);
    expect(p.stderr()).toContain('graceful stop did not finish in time');
    // The log names what the stop was waiting for.
    expect(p.stderr()).toContain('"stage":"event dispatcher"');
  });
});
