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
  /** Writes in flight by conversation: their statements send their own notices (decisions/0005). */
  private readonly inFlight = new Map<string, Set<Promise<unknown>>>();

  /**
   * Runs a write whose statement sends its own notice: that notice can come in on the LISTEN
   * connection before the statement's result, and `settled` waits for the result meanwhile.
   */
  async during<T>(conversationId: string, write: Promise<T>): Promise<T> {
    let writes = this.inFlight.get(conversationId);
    if (!writes) this.inFlight.set(conversationId, (writes = new Set()));
    writes.add(write);
    try {
      return await write;
    } finally {
      writes.delete(write);
      if (writes.size === 0 && this.inFlight.get(conversationId) === writes) this.inFlight.delete(conversationId);
    }
  }

  /** The message once this process's writes in flight in its conversation have settled (undefined if not written here). */
  async settled(conversationId: string, id: string): Promise<WrittenMessage | undefined> {
    const writes = this.inFlight.get(conversationId);
    if (!this.rows.has(id) && writes) await Promise.allSettled(writes);
    return this.rows.get(id);
  }

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
