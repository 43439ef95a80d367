import { describe, expect, it } from 'vitest';
import { cpuPerLine, type CpuSample } from './cpu-time.ts';

const sample = (backends: [number, number][], over: Partial<CpuSample> = {}): CpuSample => ({
  server: 0,
  serverMain: 0,
  backends: new Map(backends),
  bench: 0,
  transactions: 0,
  conversationUpdates: { all: 0, heapOnly: 0 },
  ...over,
});

describe('CPU per line', () => {
  it("counts each backend's own growth, whether it started, stayed or ended during the step", () => {
    const before = sample(
      [
        [1, 1000],
        [2, 5000],
      ],
      { server: 100, serverMain: 60, transactions: 10, conversationUpdates: { all: 40, heapOnly: 10 } },
    );
    // Backend 2 ended (its last share is unknown: not counted), backend 3 started during the step.
    const after = sample(
      [
        [1, 1300],
        [3, 200],
      ],
      { server: 400, serverMain: 260, bench: 50, transactions: 30, conversationUpdates: { all: 240, heapOnly: 160 } },
    );
    expect(cpuPerLine(before, after, 100)).toEqual({
      server: 3,
      server_main_thread: 2,
      postgres: 5,
      bench: 0.5,
      transactions: 0.2,
      heap_only_updates: 0.75,
    });
  });
});
