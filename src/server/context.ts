import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import type { Schema } from '../db/schema.ts';
import type { ConversationKernel } from '../conversations/kernel.ts';
import type { CustomerMessages } from '../conversations/customer-messages.ts';
import type { BotSeat } from '../conversations/ports.ts';
import type { LiveActions } from '../conversations/actions-turn.ts';
import type { Outbound } from '../connectors/outbound.ts';
import type { RealtimeHub } from './realtime/hub.ts';
import type { Env } from '../config/env.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { QueuePlaces } from '../handoff/queue-place.ts';
import type { Presence } from '../auth/presence.ts';

/** What route modules are given (built by the composition root, src/app/runtime.ts): named parts, no service locator. */
export interface AppContext {
  env: Env;
  log: Logger;
  database: Database;
  db: Kysely<Schema>;
  conversations: ConversationKernel;
  /** A customer writes or asks for a person (the bot's turn and the handoff behind it). */
  customerMessages: CustomerMessages;
  bot: BotSeat;
  hub: RealtimeHub;
  /** Durable background work (webhooks, connectors, SLA timers, retention). */
  jobs: JobQueue;
  /** Connectors and webhooks: settings, secret box, live vendor instances. */
  outbound: Outbound;
  /** A queued customer's place in line and expected wait. */
  queuePlaces: QueuePlaces;
  /** Which agents have the workspace open (their sockets, on every node). */
  presence: Presence;
  /** Workspaces' tools in live conversations (an agent re-runs a read); null when none is configured. */
  actions: LiveActions | null;
}
