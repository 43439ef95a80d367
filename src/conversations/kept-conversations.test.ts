import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeptConversations } from './kept-conversations.ts';
import { readPolicy } from '../workspaces/policy.ts';
import type { ConversationRow } from '../db/schema.ts';

const row = (id: string, workspace_id: string) => ({ id, workspace_id, last_seq: 1 }) as ConversationRow;

describe('kept conversations', () => {
  afterEach(() => void vi.useRealTimers());

  it("keeps a row as long as its workspace's policy is renewed, by any of its conversations", () => {
    vi.useFakeTimers({ now: 0 });
    const kept = new KeptConversations();
    const policy = readPolicy({});
    kept.keep({ row: row('a', 'w1'), version: '10', policy, policyAt: Date.now() }, kept.mark());
    kept.keep({ row: row('c', 'w2'), version: '30', policy, policyAt: Date.now() }, kept.mark());
    vi.setSystemTime(8_000);
    // Another conversation of w1 was read (with the policy) since.
    kept.keep({ row: row('b', 'w1'), version: '20', policy, policyAt: Date.now() }, kept.mark());
    vi.setSystemTime(12_000);
    expect(kept.get('w1', 'a')).toMatchObject({ version: '10', policyAt: 8_000 });
    // w2's policy was read 12 s ago: its conversation is read again.
    expect(kept.get('w2', 'c')).toBeUndefined();
    // Kept again with an older policy (an answer keeping what its line read): the newer stays.
    kept.keep({ row: row('a', 'w1'), version: '11', policy, policyAt: 0 }, kept.mark());
    expect(kept.get('w1', 'a')).toMatchObject({ version: '11', policyAt: 8_000 });
    vi.setSystemTime(18_000);
    expect(kept.get('w1', 'a')).toBeUndefined();
  });

  it("forgets a workspace's rows and policy when an admin changes it, and what was read before that", () => {
    const kept = new KeptConversations();
    const policy = readPolicy({});
    kept.keep({ row: row('a', 'w1'), version: '10', policy, policyAt: Date.now() }, kept.mark());
    kept.keep({ row: row('c', 'w2'), version: '30', policy, policyAt: Date.now() }, kept.mark());
    const before = kept.mark();
    kept.dropWorkspace('w1');
    expect(kept.get('w1', 'a')).toBeUndefined();
    expect(kept.get('w2', 'c')).toMatchObject({ version: '30' });
    kept.keep({ row: row('a', 'w1'), version: '11', policy, policyAt: Date.now() }, before);
    expect(kept.get('w1', 'a')).toBeUndefined();
    // Another workspace's id never finds the row.
    expect(kept.get('w1', 'c')).toBeUndefined();
  });
});
