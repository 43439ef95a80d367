import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ROOT } from './paths.ts';
import { TEST_VAULT_KEY } from './baton.ts';
import { STOP_DEADLINE_MS } from '../../src/app/shutdown.ts';

const ENTRY = fileURLToPath(new URL('./server-process.ts', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts a server process and resolves once it listens. `entry` is the script it runs (one
 * that prints LISTENING <url>); by default the test server with the scripted engine.
 */
export async function spawnServer(env: Record<string, string>, nodeArgs: string[] = [], entry = ENTRY): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_SERVER_LOG_LEVEL ?? 'error',
      BATON_VAULT_KEY: TEST_VAULT_KEY,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    // Generous: a loaded 2-core machine compiles and opens the database slowly.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start: ${stderr}`));
    }, 150_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /LISTENING (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
  return {
    url,
    child,
    kill: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // The server exits by itself past its stop deadline; this is for one that cannot.
        const hard = setTimeout(() => child.kill('SIGKILL'), STOP_DEADLINE_MS + 5000);
        child.once('exit', () => {
          clearTimeout(hard);
          resolve();
        });
        child.kill(signal);
      }),
  };
}
