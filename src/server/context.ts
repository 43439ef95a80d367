import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import type { Schema } from '../db/schema.ts';
import type { ConversationService } from '../conversations/service.ts';
import type { BotSeat } from '../conversations/ports.ts';
import type { RealtimeHub } from './realtime/hub.ts';
import type { Env } from './env.ts';
import type { JobQueue } from '../jobs/queue.ts';

/** What route modules are given: named parts, no service locator. */
export interface AppContext {
  env: Env;
  log: Logger;
  database: Database;
  db: Kysely<Schema>;
  conversations: ConversationService;
  bot: BotSeat;
  hub: RealtimeHub;
  /** Durable background work (webhooks, connectors, SLA timers, retention). */
  jobs: JobQueue;
}
