/**
 * Sends batches one at a time: what is added while a batch is in flight goes together in the
 * next one. Under load most callers share one round trip; when idle an item goes at once.
 * Each caller's promise settles with the batch that carried its items.
 */
export class Coalescer<T> {
  private open: T[] | null = null;
  private openDone: Promise<void> = Promise.resolve();
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly send: (batch: T[]) => Promise<void>) {}

  add(...items: T[]): Promise<void> {
    if (!this.open) {
      const batch: T[] = [];
      this.open = batch;
      this.openDone = this.tail.then(() => {
        // From here on, new items wait for the next batch: this one's statement may already be on the wire.
        if (this.open === batch) this.open = null;
        return this.send(batch);
      });
      this.tail = this.openDone.catch(() => {});
    }
    this.open.push(...items);
    return this.openDone;
  }
}
