import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { Schema } from '../../db/schema.ts';
import type { Database } from '../../db/database.ts';
import { EVENTS_CHANNEL, type EventNotice } from '../../db/repositories/events.ts';
import { findMessage } from '../../db/repositories/messages.ts';
import { findConversation } from '../../db/repositories/conversations.ts';
import { RecentMessages } from '../../conversations/recent-messages.ts';
import { findOpenHandoff } from '../../db/repositories/handoffs.ts';
import { AUTH_CHANNEL, credentialHolds, type RevokedCredential } from '../../db/repositories/auth.ts';
import type { QueuePlace } from '../../handoff/queue-place.ts';
import { sendBatched } from './batched-frames.ts';
import { presentConversation, presentConversationForCustomer, presentHandoff, presentMessage } from '../../presenters/index.ts';

interface Subscriber {
  socket: WebSocket;
  workspaceId: string;
  /** Customers follow one conversation; agents follow their whole workspace. */
  conversationId: string | null;
  /** What a staff socket was opened with: when it is given up or taken away, the socket closes. */
  credential: RevokedCredential | null;
  /** Customers: the queue place last pushed (JSON), so only a change is pushed. */
  queue?: string;
}

/** Where queued customers stand (handoff/queue-place.ts), for many conversations at once. */
export interface QueuePlaceReader {
  of(workspaceId: string, conversationIds: string[]): Promise<Map<string, QueuePlace>>;
}

/** The close code a socket gets when its session ends or its key is revoked (4000-4999: the application's own). */
export const CREDENTIAL_ENDED = 4001;

/** How often every staff socket's credential is checked again (an expired session; a notice that never came). */
const RECHECK_MS = 30_000;

export interface Push {
  type: string;
  data: unknown;
}

/**
 * Fans events out to the sockets on this node. Every node LISTENs to the same channel, so a
 * change committed through node A reaches sockets held by node B. Notices carry ids; the
 * node reads what it pushes, in the REST shapes.
 */
export class RealtimeHub {
  private readonly subscribers = new Set<Subscriber>();
  /**
   * The same sockets by audience (a workspace's staff, a conversation's customer): every node
   * hears every notice, so finding who cares must not cost a pass over all of this node's sockets.
   */
  private readonly audiences = new Map<string, Set<Subscriber>>();
  private unlisten: (() => Promise<void>) | null = null;
  private unlistenAuth: (() => Promise<void>) | null = null;
  private recheck: NodeJS.Timeout | null = null;
  // Notices are read in parallel (each needs a row or two) but sent one at a time, in the
  // order they were heard, so pushes keep commit order without waiting on each other's reads.
  private queue: Promise<void> = Promise.resolve();
  /** Workspaces whose customers' queue places are to be read again (one read in flight per burst). */
  private readonly queueRefreshDue = new Set<string>();

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly log: Logger,
    /** Puts a conversation's own values back into text shown to its customer. */
    private readonly restoreForCustomer: (text: string, sealed: string | null) => string,
    /** Messages this node wrote itself: pushed without reading them back. */
    private readonly written: RecentMessages = new RecentMessages(),
    /** When set, queued customers are pushed `queue.updated` each time their queue moves. */
    private readonly queuePlaces: QueuePlaceReader | null = null,
    private readonly recheckMs = RECHECK_MS,
  ) {}

  async start(database: Database): Promise<void> {
    this.unlisten = await database.listen(EVENTS_CHANNEL, (payload) => {
      let notice: EventNotice;
      try {
        notice = JSON.parse(payload) as EventNotice;
      } catch (err) {
        // Read once here for both uses below; a notice that is not ours is skipped, as a failed read is.
        this.log.error({ err }, 'realtime notice is not JSON');
        return;
      }
      const prepared = this.prepare(notice);
      // A failed read is logged and skipped; it must not stop the pushes after it.
      prepared.catch(() => {});
      this.queue = this.queue.then(async () => (await prepared)()).catch((err) => this.log.error({ err }, 'realtime fan-out failed'));
      // A conversation changed state (queued, accepted, resolved, moved): the line may have moved.
      if (notice.type !== 'message.created') this.refreshQueues(notice.workspaceId);
    });
    // Logout and key revocation on any node close the sockets opened with that credential here.
    this.unlistenAuth = await database.listen(AUTH_CHANNEL, (payload) => this.closeWhere(JSON.parse(payload) as RevokedCredential));
    this.recheck = setInterval(() => void this.recheckCredentials(), this.recheckMs);
    this.recheck.unref();
  }

  /** Closes the sockets opened with `credential` (on this node). */
  closeWhere(credential: RevokedCredential): void {
    for (const s of this.subscribers) {
      const c = s.credential;
      if (!c || c.kind !== credential.kind) continue;
      if (c.kind === 'session' ? c.tokenHash === (credential as typeof c).tokenHash : c.id === (credential as typeof c).id) this.end(s);
    }
  }

  private end(s: Subscriber): void {
    this.remove(s);
    s.socket.close(CREDENTIAL_ENDED, 'credential ended');
  }

  private async recheckCredentials(): Promise<void> {
    const now = new Date();
    for (const s of [...this.subscribers]) {
      if (!s.credential) continue;
      try {
        if (!(await credentialHolds(this.db, s.credential, now))) this.end(s);
      } catch (err) {
        // The database is away: keep the socket and look again next time.
        this.log.warn({ err }, 'could not re-check a socket credential');
        return;
      }
    }
  }

  async stop(): Promise<void> {
    if (this.recheck) clearInterval(this.recheck);
    await this.unlistenAuth?.();
    await this.unlisten?.();
    await this.queue;
    for (const s of this.subscribers) s.socket.close(1001, 'server shutting down');
    this.subscribers.clear();
    this.audiences.clear();
  }

  subscribe(
    socket: WebSocket,
    workspaceId: string,
    conversationId: string | null,
    credential: RevokedCredential | null = null,
  ): () => void {
    const sub: Subscriber = { socket, workspaceId, conversationId, credential };
    this.subscribers.add(sub);
    const key = audienceKey(workspaceId, conversationId);
    let audience = this.audiences.get(key);
    if (!audience) this.audiences.set(key, (audience = new Set()));
    audience.add(sub);
    // A customer who (re)connects while queued hears where they stand straight away.
    if (conversationId) this.refreshQueues(workspaceId);
    return () => this.remove(sub);
  }

  private remove(sub: Subscriber): void {
    this.subscribers.delete(sub);
    const key = audienceKey(sub.workspaceId, sub.conversationId);
    const audience = this.audiences.get(key);
    audience?.delete(sub);
    if (audience?.size === 0) this.audiences.delete(key);
  }

  /**
   * Reads the queue place of every customer of `workspaceId` on this node and pushes
   * `queue.updated` to those whose place changed (null: no longer queued). Runs in the push
   * order, after the change that caused it; a burst of changes costs one read.
   */
  private refreshQueues(workspaceId: string): void {
    const reader = this.queuePlaces;
    if (!reader || this.queueRefreshDue.has(workspaceId)) return;
    this.queueRefreshDue.add(workspaceId);
    this.queue = this.queue
      .then(async () => {
        this.queueRefreshDue.delete(workspaceId);
        const customers = [...this.subscribers].filter((s) => s.workspaceId === workspaceId && s.conversationId !== null);
        if (customers.length === 0) return;
        const places = await reader.of(workspaceId, [...new Set(customers.map((s) => s.conversationId!))]);
        for (const s of customers) {
          const place = places.get(s.conversationId!) ?? null;
          const text = JSON.stringify(place);
          // Nothing to say to a customer who was never queued; a change (or the end of the wait) is pushed.
          if (text === s.queue || (place === null && s.queue === undefined)) continue;
          s.queue = text;
          if (s.socket.readyState === s.socket.OPEN) s.socket.send(JSON.stringify({ type: 'queue.updated', data: place }));
        }
      })
      .catch((err) => {
        this.queueRefreshDue.delete(workspaceId);
        this.log.error({ err }, 'queue places could not be read');
      });
  }

  /** Sockets of one kind that care about this workspace (and conversation, for customers), as they are now. */
  private audience(notice: EventNotice, kind: 'staff' | 'customer'): ReadonlySet<Subscriber> {
    if (kind === 'customer' && !notice.conversationId) return NOBODY;
    return this.audiences.get(audienceKey(notice.workspaceId, kind === 'staff' ? null : notice.conversationId)) ?? NOBODY;
  }

  /** Reads what a notice pushes; resolves with the function that sends it. */
  private async prepare(notice: EventNotice): Promise<() => void> {
    const wantsCustomer = this.audience(notice, 'customer').size > 0;
    if (this.audience(notice, 'staff').size === 0 && !wantsCustomer) return () => {};
    const pushes = await this.render(notice, wantsCustomer);
    return () => {
      // Audiences are taken again at send time: a socket may have come or gone meanwhile.
      for (const [kind, push] of [
        ['staff', pushes.staff],
        ['customer', pushes.customer],
      ] as const) {
        const audience = this.audience(notice, kind);
        if (!push || audience.size === 0) continue;
        const text = JSON.stringify(push);
        for (const s of audience) if (s.socket.readyState === s.socket.OPEN) sendBatched(s.socket, text);
      }
    };
  }

  private async render(notice: EventNotice, wantsCustomer: boolean): Promise<{ staff: Push | null; customer: Push | null }> {
    const { workspaceId, conversationId } = notice;
    if (!conversationId) return { staff: null, customer: null };
    if (notice.type === 'message.created') {
      if (!notice.messageId) return { staff: null, customer: null };
      // A notice can arrive before the result of the statement that sent it: wait for this node's writes in flight.
      const local = await this.written.settled(conversationId, notice.messageId);
      const message = local?.message ?? (await findMessage(this.db, workspaceId, notice.messageId));
      if (!message) return { staff: null, customer: null };
      let customer: Push | null = null;
      if (!message.internal && wantsCustomer) {
        const piiState = local ? local.piiState : ((await findConversation(this.db, workspaceId, conversationId))?.pii_state ?? null);
        const restore = (text: string) => this.restoreForCustomer(text, piiState);
        customer = { type: 'message.created', data: presentMessage(message, 'customer', restore) };
      }
      return { staff: { type: 'message.created', data: presentMessage(message, 'staff') }, customer };
    }
    const conversation = await findConversation(this.db, workspaceId, conversationId);
    if (!conversation) return { staff: null, customer: null };
    if (notice.type === 'conversation.handoff') {
      const handoff = await findOpenHandoff(this.db, workspaceId, conversationId);
      return {
        staff: {
          type: 'conversation.handoff',
          data: { conversation: presentConversation(conversation), handoff: handoff ? presentHandoff(handoff) : null },
        },
        customer: null,
      };
    }
    return {
      staff: { type: 'conversation.updated', data: presentConversation(conversation) },
      customer: { type: 'conversation.updated', data: presentConversationForCustomer(conversation) },
    };
  }
}

const NOBODY: ReadonlySet<Subscriber> = new Set();

/** Staff sockets follow a workspace (no conversation); customer sockets one conversation (ids are UUIDs, never empty). */
const audienceKey = (workspaceId: string, conversationId: string | null): string => `${workspaceId}/${conversationId ?? ''}`;
