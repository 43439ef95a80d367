import type { ConversationRow } from '../db/schema.ts';
import type { HistoryTurn } from '../engine/types.ts';
import type { Policy } from '../workspaces/policy.ts';

export interface KeptConversation {
  row: ConversationRow;
  /** The row version this node wrote or read (`xmin`): the next line is written only onto it. */
  version: string;
  /** The workspace's policy, read with the row, and when (`Date.now()`). */
  policy: Policy;
  policyAt: number;
  /**
   * While the bot holds it: the bot's context at that version (the last messages, as the engine
   * reads them), so the next line's statement need not read and return it.
   */
  context?: HistoryTurn[];
}

/** How long a kept policy is trusted without hearing of a change (a notice lost while the listener reconnects). */
const TTL_MS = 10_000;

/**
 * The conversations this node last wrote a line in, with the row version it left, and the
 * policy of their workspaces: the next line of the same conversation is written under the guard
 * "still that version" instead of being read first (decisions/0005). Anyone's change since then
 * fails the guard, and the line is read and written as without.
 *
 * The row needs no expiry (the guard sees every change of it); the policy does, and it is the
 * workspace's: one read of any of its conversations renews it for all of them. (Kept with each
 * row, it expired row by row, and every conversation was read again every 10 s: most lines of a
 * busy site were read first.) A workspace's policy and rows are dropped when an admin change of
 * it is announced, and its policy 10 s after it was read.
 */
export class KeptConversations {
  private readonly rows = new Map<string, Pick<KeptConversation, 'row' | 'version' | 'context'>>();
  private readonly policies = new Map<string, { policy: Policy; policyAt: number }>();
  /** Counts drops by workspace, so a read that began before one is not kept after it. */
  private drops = 0;

  /**
   * At most `capacity` conversations, the least recently written dropped first. With the bot's
   * context (12 redacted messages each), a full node holds some tens of MB: the price of not
   * reading and shipping the context from Postgres on every line.
   */
  constructor(private readonly capacity = 5000) {}

  get(workspaceId: string, id: string): KeptConversation | undefined {
    const kept = this.rows.get(id);
    if (!kept || kept.row.workspace_id !== workspaceId) return undefined;
    const policy = this.policies.get(workspaceId);
    if (!policy) return undefined;
    if (Date.now() - policy.policyAt >= TTL_MS) {
      this.policies.delete(workspaceId);
      return undefined;
    }
    return { ...kept, ...policy };
  }

  /** A mark to give `keep` for what is read from now on. */
  mark(): number {
    return this.drops;
  }

  keep({ row, version, policy, policyAt, context }: KeptConversation, since: number): void {
    if (since !== this.drops) return; // a workspace was dropped while this was read: its policy may be older
    // Moved to the end: the first key is the one written longest ago.
    this.rows.delete(row.id);
    this.rows.set(row.id, { row, version, context });
    if (this.rows.size > this.capacity) this.rows.delete(this.rows.keys().next().value!);
    const known = this.policies.get(row.workspace_id);
    if (!known || known.policyAt < policyAt) this.policies.set(row.workspace_id, { policy, policyAt });
  }

  drop(id: string): void {
    this.rows.delete(id);
  }

  dropWorkspace(workspaceId: string): void {
    this.drops++;
    this.policies.delete(workspaceId);
    for (const [id, kept] of this.rows) if (kept.row.workspace_id === workspaceId) this.rows.delete(id);
  }
}
