// Plain JavaScript: Node preloads it before tsx is registered.
// Preloaded into a bench's server process (`--import`) when --alloc-profile is given: V8's
// sampling heap profiler on the main thread, counting objects the collectors freed too, since
// what costs the collector time is churn, not what is still alive at the end. Sampling starts
// on SIGUSR2 (the bench sends it after its warm-up, so start-up and the knowledge build are left
// out) and is written as `main-<pid>.heapprofile` (Chrome DevTools' Memory tab opens it) when the
// bench stops the server.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BENCH_ALLOC_PROFILE;
if (dir) {
  const session = new Session();
  session.connect();
  process.once('SIGUSR2', () =>
    session.post('HeapProfiler.startSampling', {
      // One sample per 32 KB allocated on average (V8's default); enough for shares per function.
      samplingInterval: 32 * 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    }),
  );
  // Registered before the server's own handler, so it runs first; an in-thread session answers
  // synchronously, so the profile is on disk before the server exits.
  process.once('SIGTERM', () => {
    session.post('HeapProfiler.stopSampling', (error, result) => {
      if (error) process.stderr.write(`alloc profile: ${error.message}\n`);
      else writeFileSync(join(dir, `main-${process.pid}.heapprofile`), JSON.stringify(result.profile));
      session.disconnect();
    });
  });
}
