import { describe, expect, it } from 'vitest';
import { allocationsBy } from './alloc-profile.ts';

interface ProfileNode {
  callFrame: { functionName: string; url: string };
  selfSize: number;
  children: ProfileNode[];
}

const node = (functionName: string, url: string, selfSize: number, children: ProfileNode[] = []): ProfileNode => ({
  callFrame: { functionName, url },
  selfSize,
  children,
});

describe('allocations by function and area', () => {
  it('adds a function reached through two paths once, and files by dependency or src folder', () => {
    const root = '/repo';
    const head = node('(root)', '', 0, [
      node('handle', 'file:///repo/src/server/realtime/hub.ts', 300, [node('send', 'file:///repo/node_modules/ws/lib/sender.js', 100)]),
      node('other', 'file:///repo/src/db/repositories/messages.ts', 0, [node('send', 'file:///repo/node_modules/ws/lib/sender.js', 500)]),
      node('', '', 100),
    ]);
    const { functions, areas, total } = allocationsBy(head, root);
    expect(total).toBe(1000);
    expect(functions[0]).toEqual({ name: 'send', where: 'node_modules/ws/lib/sender.js', bytes: 600, share: 60 });
    expect(functions.map((f) => f.name)).toEqual(['send', 'handle', '(anonymous)']);
    expect(areas.map((a) => [a.name, a.bytes])).toEqual([
      ['ws', 600],
      ['src/server/realtime', 300],
      ['native: (anonymous)', 100],
    ]);
  });
});
