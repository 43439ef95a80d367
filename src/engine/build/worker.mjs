// Worker-thread entry for build jobs (plain JS so it starts without a build step: it
// registers tsx, then runs the TypeScript job module). See parallel.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runJob } = await import('./jobs.ts');
try {
  parentPort.postMessage({ ok: true, result: runJob(workerData.job, workerData.payload) });
} catch (err) {
  parentPort.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
}
