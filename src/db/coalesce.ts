/**
 * Sends batches, at most `inFlight` at a time (one by default): what is added while they are all
 * in flight goes together in the next one. Under load most callers share one round trip; when
 * idle an item goes at once. Each caller's promise settles with the batch that carried its items.
 */
export class Coalescer<T> {
  /** The batch still taking items: not sent yet (it waits for its turn, or for the current tick to end). */
  private open: { items: T[]; done: Promise<void> } | null = null;
  private sending = 0;
  /** Batches waiting for a free slot, oldest first. */
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly send: (batch: T[]) => Promise<void>,
    private readonly inFlight = 1,
  ) {}

  add(...items: T[]): Promise<void> {
    if (!this.open) {
      const batch: T[] = [];
      const done = this.slot().then(async () => {
        // From here on, new items wait for the next batch: this one's statement may already be on the wire.
        if (this.open?.items === batch) this.open = null;
        try {
          await this.send(batch);
        } finally {
          this.sending -= 1;
          this.waiting.shift()?.();
        }
      });
      this.open = { items: batch, done };
    }
    this.open.items.push(...items);
    return this.open.done;
  }

  /** Resolves when a batch may go: after this tick (so the tick's items go together) and with a slot free. */
  private slot(): Promise<void> {
    if (this.sending < this.inFlight && this.waiting.length === 0) {
      this.sending += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.sending += 1;
        resolve();
      }),
    );
  }
}
