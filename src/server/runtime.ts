import pino, { type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ConversationService } from '../conversations/service.ts';
import { EngineBotSeat } from '../conversations/bot-seat.ts';
import type { BotSeat } from '../conversations/ports.ts';
import { ConversationPrivacy } from '../conversations/privacy.ts';
import { loadKeyring } from './keyring.ts';
import { EVENTS_CHANNEL, type EventNotice } from '../db/repositories/events.ts';
import type { EngineFactory } from '../engine/types.ts';
import { RealtimeHub } from './realtime/hub.ts';
import { JobQueue } from '../jobs/queue.ts';
import { registerJobs } from '../jobs/registry.ts';
import { buildApp } from './app.ts';
import { LOG_SERIALIZERS } from './plugins/security.ts';
import { startOutbound } from '../connectors/start.ts';
import type { Env } from './env.ts';
import type { AppContext } from './context.ts';

export interface RunningBaton {
  app: FastifyInstance;
  url: string;
  ctx: AppContext;
  stop(): Promise<void>;
}

export interface StartOptions {
  env: Env;
  engineFactory: EngineFactory;
  log?: Logger;
  /** An already open database (tests share one per file); otherwise opened from env. */
  database?: Database;
  /** Replace the engine seat entirely (tests of the core). */
  bot?: BotSeat;
}

/** Opens the database, migrates, wires the services and listens. */
export async function startBaton(opts: StartOptions): Promise<RunningBaton> {
  const { env } = opts;
  // Errors are logged without the values a database driver puts in them (plugins/security.ts).
  const log = (opts.log ?? pino({ level: env.LOG_LEVEL })).child({}, { serializers: LOG_SERIALIZERS });
  const ownsDatabase = !opts.database;
  const database =
    opts.database ??
    (await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.BATON_DATA_DIR }, {
      onConnectionError: (err, connection) => log.warn({ err, connection }, 'database connection lost; reconnecting'),
    }));
  await migrateToLatest(database);
  const bot = opts.bot ?? new EngineBotSeat(database.db, opts.engineFactory, log);
  const privacy = new ConversationPrivacy(await loadKeyring(env, log));
  const conversations = new ConversationService(database.db, bot, privacy);
  const hub = new RealtimeHub(database.db, log, (text, sealed) => privacy.restore(text, sealed), conversations.written);
  await hub.start(database);
  // Knowledge changed on any node: every node drops what it learned from the old knowledge.
  const unlistenKnowledge = await database.listen(EVENTS_CHANNEL, (payload) => {
    const notice = JSON.parse(payload) as EventNotice;
    if (notice.type === 'knowledge.updated') bot.invalidate(notice.workspaceId);
  });
  const jobs = new JobQueue(database, log);
  const ctx: AppContext = { env, log, database, db: database.db, conversations, bot, hub, jobs };
  registerJobs(jobs, ctx);
  await jobs.start();
  const outbound = await startOutbound(ctx);
  const app = await buildApp(ctx);
  await app.listen({ port: env.PORT, host: env.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  return {
    app,
    ctx,
    url: `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`,
    stop: async () => {
      await hub.stop();
      await outbound.stop();
      await jobs.stop();
      await unlistenKnowledge();
      await app.close();
      if (ownsDatabase) await database.close();
    },
  };
}
