import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Schema } from '../db/schema.ts';
import { expirePresence, holdPresence, releasePresence, touchPresence } from '../db/repositories/presence.ts';

// An agent is online while they have the workspace open: at least one workspace socket, on any
// node. Each node counts its own sockets per agent and keeps one row per agent in
// agent_presence; a heartbeat keeps its rows fresh, and any node expires the rows of a node that
// stopped (crash or restart), so presence is rebuilt from the sockets that reconnect.

export interface PresenceOptions {
  /** After the last socket closes, how long before the agent goes offline (a reload, a blip). */
  graceMs: number;
  /** Rows not refreshed for this long belong to a node that is gone. */
  staleMs: number;
}

export class Presence {
  /** This process: a new id each start, so rows left by a previous run simply expire. */
  readonly nodeId = randomUUID();
  /** Per agent: how many of their workspace sockets this node holds, and their workspace. */
  private readonly sockets = new Map<string, { count: number; workspaceId: string }>();
  private readonly leaving = new Map<string, NodeJS.Timeout>();
  private heartbeat: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Writes in flight, so stop() can wait for them before the database closes. */
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly log: Logger,
    private readonly opts: PresenceOptions,
  ) {}

  start(): void {
    // Touch three times per stale period, so one late beat does not expire a live node.
    this.heartbeat = setInterval(() => this.track(this.beat()), Math.max(250, Math.floor(this.opts.staleMs / 3)));
    this.heartbeat.unref();
    this.track(this.beat());
  }

  /** Stops without marking anyone offline: the agents' sockets reconnect to a node that runs; what does not, expires. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const t of this.leaving.values()) clearTimeout(t);
    this.leaving.clear();
    // Writes in flight may finish; none may hold the shutdown (the database may be away).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.pending]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, 2000);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }

  /** A workspace socket of this agent opened on this node. */
  opened(workspaceId: string, agentId: string): void {
    if (this.stopped) return;
    const pendingLeave = this.leaving.get(agentId);
    if (pendingLeave) {
      clearTimeout(pendingLeave);
      this.leaving.delete(agentId);
    }
    this.sockets.set(agentId, { count: (this.sockets.get(agentId)?.count ?? 0) + 1, workspaceId });
    this.track(holdPresence(this.db, this.nodeId, workspaceId, agentId));
  }

  /** A workspace socket of this agent closed; the last one starts the grace period. */
  closed(agentId: string): void {
    if (this.stopped) return;
    const held = this.sockets.get(agentId);
    if (!held) return;
    if (held.count > 1) return void held.count--;
    this.sockets.delete(agentId);
    const timer = setTimeout(() => {
      this.leaving.delete(agentId);
      if (this.stopped || this.sockets.has(agentId)) return;
      this.track(releasePresence(this.db, this.nodeId, agentId));
    }, this.opts.graceMs);
    timer.unref();
    this.leaving.set(agentId, timer);
  }

  private async beat(): Promise<void> {
    const held = [...this.sockets].map(([agentId, h]) => ({ agentId, workspaceId: h.workspaceId }));
    await touchPresence(this.db, this.nodeId, held);
    const offline = await expirePresence(this.db, new Date(Date.now() - this.opts.staleMs));
    if (offline.length) this.log.info({ agents: offline.length }, 'agents offline: their server stopped and they did not reconnect');
  }

  private track(p: Promise<unknown>): void {
    const tracked = p.catch((err) => this.log.warn({ err }, 'agent presence not recorded'));
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }
}
