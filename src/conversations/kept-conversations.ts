import type { ConversationRow } from '../db/schema.ts';
import type { Policy } from '../workspaces/policy.ts';

export interface KeptConversation {
  row: ConversationRow;
  /** The row version this node wrote or read (`xmin`): the next line is written only onto it. */
  version: string;
  /** The workspace's policy, read with the row, and when (`Date.now()`). */
  policy: Policy;
  policyAt: number;
}

/** How long a kept policy is trusted without hearing of a change (a notice lost while the listener reconnects). */
const TTL_MS = 10_000;

/**
 * The conversations this node last wrote a line in, with the row version it left and the
 * workspace's policy: the next line of the same conversation is written under the guard "still
 * that version" instead of being read first (decisions/0005). Anyone's change since then fails the
 * guard, and the line is read and written as without. A workspace's entries are dropped when an
 * admin change of it is announced (its policy may have changed), and every entry after 10 s.
 */
export class KeptConversations {
  private readonly rows = new Map<string, KeptConversation>();
  /** Counts drops by workspace, so a read that began before one is not kept after it. */
  private drops = 0;

  constructor(private readonly capacity = 5000) {}

  get(workspaceId: string, id: string): KeptConversation | undefined {
    const kept = this.rows.get(id);
    if (!kept || kept.row.workspace_id !== workspaceId) return undefined;
    if (Date.now() - kept.policyAt >= TTL_MS) {
      this.rows.delete(id);
      return undefined;
    }
    return kept;
  }

  /** A mark to give `keep` for what is read from now on. */
  mark(): number {
    return this.drops;
  }

  keep(kept: KeptConversation, since: number): void {
    if (since !== this.drops) return; // a workspace was dropped while this was read: its policy may be older
    const id = kept.row.id;
    // Moved to the end: the first key is the one written longest ago.
    this.rows.delete(id);
    this.rows.set(id, kept);
    if (this.rows.size > this.capacity) this.rows.delete(this.rows.keys().next().value!);
  }

  drop(id: string): void {
    this.rows.delete(id);
  }

  dropWorkspace(workspaceId: string): void {
    this.drops++;
    for (const [id, kept] of this.rows) if (kept.row.workspace_id === workspaceId) this.rows.delete(id);
  }
}
