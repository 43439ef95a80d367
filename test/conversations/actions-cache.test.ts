import { describe, expect, it } from 'vitest';
import { cachedActions } from '../../src/app/actions.ts';
import type { ActionsPort, WorkspaceActions } from '../../src/conversations/ports.ts';

// A node keeps each workspace's actions between lines (src/app/actions.ts); what it keeps must
// be dropped by a change, and a failed read must not stick.
describe('the per-node copy of workspaces’ actions', () => {
  /** A port that answers from `stored` and counts its reads. */
  const counting = (stored: Map<string, WorkspaceActions | Error>) => {
    const reads: string[] = [];
    const port: ActionsPort = {
      forWorkspace: async (id) => {
        reads.push(id);
        const value = stored.get(id);
        if (value instanceof Error) throw value;
        return value ?? null;
      },
    };
    return { port, reads };
  };
  const actions = (name: string) => ({ config: { name } }) as unknown as WorkspaceActions;

  it('reads a workspace once until it is forgotten, each workspace apart', async () => {
    const stored = new Map<string, WorkspaceActions | Error>();
    const { port, reads } = counting(stored);
    const cache = cachedActions(port);
    expect(await cache.forWorkspace('a')).toBeNull();
    expect(await cache.forWorkspace('a')).toBeNull();
    expect(await cache.forWorkspace('b')).toBeNull();
    expect(reads).toEqual(['a', 'b']);

    stored.set('a', actions('first'));
    expect(await cache.forWorkspace('a')).toBeNull(); // not told yet
    cache.forget('a');
    expect(await cache.forWorkspace('a')).toEqual(actions('first'));
    expect(await cache.forWorkspace('b')).toBeNull();
    expect(reads).toEqual(['a', 'b', 'a']);
  });

  it('reads again once its copy has expired, and never keeps a failed read', async () => {
    const stored = new Map<string, WorkspaceActions | Error>([['a', new Error('database gone')]]);
    const { port, reads } = counting(stored);
    await expect(cachedActions(port).forWorkspace('a')).rejects.toThrow('database gone');
    const cache = cachedActions(port);
    await expect(cache.forWorkspace('a')).rejects.toThrow('database gone');
    stored.set('a', actions('back'));
    expect(await cache.forWorkspace('a')).toEqual(actions('back'));

    const expiring = cachedActions(port, 0);
    await expiring.forWorkspace('a');
    await expiring.forWorkspace('a');
    expect(reads).toEqual(['a', 'a', 'a', 'a', 'a']);
  });
});
