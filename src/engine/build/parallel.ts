// Runs a build job in a worker thread so that two trainings use two cores (set-up time is
// about halved on a 2-core machine). If a worker cannot start (no tsx, restricted runtime),
// the job runs in this thread: same result, only slower.
import { Worker } from 'node:worker_threads';
import { runJob, type Jobs } from './jobs.ts';

export function runInWorker<K extends keyof Jobs>(
  job: K,
  payload: Jobs[K]['payload'],
): Promise<{ result: Jobs[K]['result']; inWorker: boolean }> {
  return new Promise((resolve) => {
    let settled = false;
    const fallback = () => {
      if (settled) return;
      settled = true;
      resolve({ result: runJob(job, payload), inWorker: false });
    };
    let worker: Worker;
    try {
      worker = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: { job, payload } });
    } catch {
      fallback();
      return;
    }
    worker.once('message', (m: { ok: boolean; result?: Jobs[K]['result'] }) => {
      if (m.ok && !settled) {
        settled = true;
        resolve({ result: m.result!, inWorker: true });
      } else fallback();
      void worker.terminate();
    });
    worker.once('error', fallback);
    worker.once('exit', fallback);
  });
}
