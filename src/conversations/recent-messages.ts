import type { MessageRow } from '../db/schema.ts';

export interface WrittenMessage {
  message: MessageRow;
  /** The conversation's sealed PII state as of this message (what restores its placeholders). */
  piiState: string | null;
}

/**
 * The last messages this process wrote, by id. The realtime hub pushes each new message to the
 * sockets on this node; when the write happened here too (the common case), the row is taken
 * from here instead of being read back. Rows are immutable once written, so a stale entry
 * cannot be wrong; one whose transaction rolled back is never asked for (no notice) and ages out.
 */
export class RecentMessages {
  private readonly rows = new Map<string, WrittenMessage>();

  constructor(private readonly capacity = 2000) {}

  remember(message: MessageRow, piiState: string | null): void {
    this.rows.set(message.id, { message, piiState });
    // Maps iterate in insertion order: the first key is the oldest.
    if (this.rows.size > this.capacity) this.rows.delete(this.rows.keys().next().value!);
  }

  get(id: string): WrittenMessage | undefined {
    return this.rows.get(id);
  }
}
