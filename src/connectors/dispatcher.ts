import type { Logger } from 'pino';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { EventRow, Schema } from '../db/schema.ts';
import { EVENTS_CHANNEL } from '../db/repositories/events.ts';
import { advanceCursor, ensureCursor, eventsAfter, lockCursor } from '../db/repositories/outbox.ts';

/** Something that reacts to events by writing its own rows and enqueueing jobs, inside `tx`. */
export interface Reactor {
  name: string;
  /** Called once per batch with its events (load what they need once, not per event). */
  prepare(tx: Transaction<Schema>, events: EventRow[]): Promise<(event: EventRow) => Promise<void>>;
  /** Periodic repair, by the node that holds the cursor (e.g. work a crashed worker left). */
  sweep?(tx: Transaction<Schema>): Promise<void>;
}

/** Sweeps run every this many dispatch intervals (15 s at the default 1 s). */
const SWEEP_EVERY_INTERVALS = 15;

const CURSOR = 'outbound';
const BATCH = 500;
/** Events heard within this window share one pass: under load a pass per event would be most of the database's work. */
const COALESCE_MS = 200;
/** A gap in event ids younger than this may still be an uncommitted transaction: wait for it. */
const GAP_GRACE_MS = 10_000;

/**
 * An outbox over the append-only event log: reads events after a stored cursor and, in one
 * transaction with the cursor move, lets each reactor insert its work (deliveries, connector
 * ops) and enqueue jobs. The cursor row is locked (SKIP LOCKED), so one node at a time
 * dispatches; a crash rolls back both the work and the cursor. Reactions are idempotent (unique
 * keys), so an event read twice (a gap being waited on) creates nothing twice.
 */
export class EventDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private lastSweep = 0;
  private soon: NodeJS.Timeout | null = null;
  private cursorExists = false;

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly reactors: Reactor[],
    private readonly log: Logger,
    private readonly intervalMs: number,
  ) {}

  async start(database: Database): Promise<void> {
    this.unlisten = await database.listen(EVENTS_CHANNEL, () => this.wakeSoon());
    this.timer = setInterval(() => this.wake(), this.intervalMs);
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    await this.unlisten?.();
    await this.running;
  }

  /** Runs a pass shortly, together with whatever else is heard meanwhile. */
  private wakeSoon(): void {
    this.soon ??= setTimeout(() => {
      this.soon = null;
      this.wake();
    }, COALESCE_MS);
  }

  /** Runs a pass now, or right after the one in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((err: unknown) => this.log.error({ err }, 'event dispatch failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async drain(): Promise<void> {
    // Go on only while whole batches are consumed: a gap (a transaction still in flight) that
    // holds the cursor back waits for the next wake, not a busy loop over the same batch.
    while (!this.stopped && (await this.pass()) === BATCH);
  }

  /** One batch; returns how many events the cursor moved past. */
  async pass(): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      if (!this.cursorExists) await ensureCursor(tx, CURSOR);
      this.cursorExists = true;
      const cursor = await lockCursor(tx, CURSOR);
      if (cursor === null) return 0; // another node is dispatching
      if (Date.now() - this.lastSweep > this.intervalMs * SWEEP_EVERY_INTERVALS) {
        this.lastSweep = Date.now();
        for (const r of this.reactors) await r.sweep?.(tx);
      }
      const events = await eventsAfter(tx, cursor, BATCH);
      if (events.length === 0) return 0;
      const handlers = await Promise.all(this.reactors.map((r) => r.prepare(tx, events)));
      for (const event of events) for (const handle of handlers) await handle(event);
      let next = BigInt(cursor);
      const settled = Date.now() - GAP_GRACE_MS;
      for (const e of events) {
        const id = BigInt(e.id);
        if (id !== next + 1n && new Date(e.created_at).getTime() > settled) break;
        next = id;
      }
      if (next === BigInt(cursor)) return 0;
      await advanceCursor(tx, CURSOR, next.toString());
      return events.filter((e) => BigInt(e.id) <= next).length;
    });
  }
}

export const workspacesOf = (events: EventRow[]): string[] => [...new Set(events.map((e) => e.workspace_id))];
