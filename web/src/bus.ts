import type { Push } from './types.ts';

/** Hands socket pushes from the inbox to whichever conversation is open. */
export class PushBus {
  private readonly listeners = new Set<(p: Push) => void>();
  subscribe(fn: (p: Push) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  emit(p: Push): void {
    for (const fn of this.listeners) fn(p);
  }
}
