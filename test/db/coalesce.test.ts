import { describe, expect, it } from 'vitest';
import { Coalescer } from '../../src/db/coalesce.ts';

// The batching under announcements and WAL flushes: one batch in flight at a time, what
// arrives meanwhile goes together in the next, and each caller hears of its own batch.
describe('Coalescer', () => {
  it('sends what is added while a batch is in flight together, in order', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const c = new Coalescer<number>(async (batch) => {
      batches.push([...batch]);
      if (batches.length === 1) await first;
    });
    const a = c.add(1);
    await new Promise((r) => setTimeout(r, 10)); // batch [1] is now in flight
    const rest = [c.add(2), c.add(3, 4), c.add(5)];
    expect(batches).toEqual([[1]]);
    release();
    await Promise.all([a, ...rest]);
    expect(batches).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('rejects only the callers of a failed batch, and goes on', async () => {
    const c = new Coalescer<string>(async (batch) => {
      if (batch.includes('bad')) throw new Error('send failed');
    });
    const failed = c.add('bad', 'x');
    await expect(failed).rejects.toThrow('send failed');
    await expect(c.add('good')).resolves.toBeUndefined();
  });

  it('keeps up to `inFlight` batches on the wire; what comes while all are busy goes together next', async () => {
    const batches: number[][] = [];
    const releases: (() => void)[] = [];
    const c = new Coalescer<number>(async (batch) => {
      batches.push([...batch]);
      await new Promise<void>((r) => releases.push(r));
    }, 2);
    const tick = () => new Promise((r) => setTimeout(r, 5));
    const first = c.add(1);
    await tick();
    const second = c.add(2);
    await tick();
    // Two in flight: the next ones wait together.
    const rest = [c.add(3), c.add(4)];
    await tick();
    expect(batches).toEqual([[1], [2]]);
    releases[1]!();
    await second;
    await tick();
    expect(batches).toEqual([[1], [2], [3, 4]]);
    releases[0]!();
    releases[2]!();
    await Promise.all([first, ...rest]);
  });
});
