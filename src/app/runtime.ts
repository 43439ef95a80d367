import pino, { type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ConversationKernel } from '../conversations/kernel.ts';
import { CustomerMessages } from '../conversations/customer-messages.ts';
import { Handoffs } from '../handoff/handoffs.ts';
import { slaTimerOn } from '../handoff/routing/sla.ts';
import { Outbound } from '../connectors/outbound.ts';
import { loadOutboundSettings } from '../connectors/settings.ts';
import { EngineBotSeat } from '../conversations/bot-seat.ts';
import type { ActionsPort, BotSeat } from '../conversations/ports.ts';
import { LiveActions } from '../conversations/actions-turn.ts';
import { cachedActions, modelActionRunner, storedActions, type RunActions } from './actions.ts';
import type { LlmConfig } from '../engine/llm/config.ts';
import { runActionTurn } from '../actions/playbooks/runner.ts';
import { ConversationPrivacy } from '../conversations/privacy.ts';
import { loadKeyring } from '../config/keyring.ts';
import type { Keyring } from '../pii/index.ts';
import { EVENTS_CHANNEL, type EventNotice } from '../db/repositories/events.ts';
import { onAnnounced } from '../db/transaction.ts';
import type { EngineFactory } from '../engine/types.ts';
import { RealtimeHub } from '../server/realtime/hub.ts';
import { JobQueue } from '../jobs/queue.ts';
import { registerJobs } from './jobs.ts';
import { buildApp } from '../server/app.ts';
import { LOG_SERIALIZERS } from '../server/plugins/security.ts';
import { startOutbound } from '../connectors/start.ts';
import type { Env } from '../config/env.ts';
import type { AppContext } from '../server/context.ts';
import { QueuePlaces } from '../handoff/queue-place.ts';
import { Presence } from '../auth/presence.ts';

export interface RunningBaton {
  app: FastifyInstance;
  url: string;
  ctx: AppContext;
  stop(): Promise<void>;
  /** The part of `stop` under way, if one is (named in the log when a stop overruns its deadline). */
  stopping(): string | null;
}

export interface StartOptions {
  env: Env;
  engineFactory: EngineFactory;
  log?: Logger;
  /** An already open database (tests share one per file); otherwise opened from env. */
  database?: Database;
  /** Replace the engine seat entirely (tests of the core). */
  bot?: BotSeat;
  /** Workspaces' actions for live conversations; default: each workspace's stored document, run by `runActions`. */
  actions?: ActionsPort;
  /** The playbook runner behind the stored documents (default: src/actions/playbooks/runner.ts). */
  runActions?: RunActions;
  /** A model for actions (BATON_LLM_*): workspaces' tools become its function calls instead of playbooks. */
  actionsModel?: LlmConfig | null;
}

interface Parts {
  env: Env;
  log: Logger;
  database: Database;
  keyring: Keyring;
  engineFactory: EngineFactory;
  bot?: BotSeat;
  actions?: ActionsPort;
  runActions?: RunActions;
  /** What a workspace needs for its actions to run: playbooks, or (with a model) tools. */
  actionsNeed?: 'playbooks' | 'tools';
}

/** Builds the services over one database, each given the narrow parts it uses; nothing runs yet. */
function wire(o: Parts): { ctx: AppContext; handoffs: Handoffs; forgetActions: (workspaceId: string) => void } {
  const { env, log, database } = o;
  const bot = o.bot ?? new EngineBotSeat(database.db, o.engineFactory, log);
  const privacy = new ConversationPrivacy(o.keyring);
  const conversations = new ConversationKernel(database.db, privacy);
  const jobs = new JobQueue(database, log);
  const handoffs = new Handoffs(conversations, slaTimerOn(jobs));
  const outbound = new Outbound(loadOutboundSettings(), database.db, jobs, conversations, log);
  const stored =
    !o.actions && o.runActions ? cachedActions(storedActions(database.db, () => outbound.box(), o.runActions, o.actionsNeed)) : null;
  const port = o.actions ?? stored;
  const actions = port ? new LiveActions(database.db, conversations, port) : null;
  const customerMessages = new CustomerMessages(database.db, conversations, bot, handoffs, actions);
  const queuePlaces = new QueuePlaces(database.db);
  const hub = new RealtimeHub(database.db, log, (text, sealed) => privacy.restore(text, sealed), conversations.written, queuePlaces);
  const presence = new Presence(database.db, log, { graceMs: env.PRESENCE_GRACE_MS, staleMs: env.PRESENCE_STALE_MS });
  return {
    ctx: { env, log, database, db: database.db, conversations, customerMessages, bot, hub, jobs, outbound, queuePlaces, presence, actions },
    handoffs,
    forgetActions: (workspaceId) => stored?.forget(workspaceId),
  };
}

/** The services over one database, wired but not started (the OpenAPI document, tests of the app). */
export function createContext(o: Parts): AppContext {
  return wire(o).ctx;
}

/**
 * The composition root: opens the database, migrates, builds the services (each given the
 * narrow parts it uses), registers the jobs, starts the event dispatcher and listens.
 */
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
  const { ctx, handoffs, forgetActions } = wire({
    env,
    log,
    database,
    keyring: await loadKeyring(env, log),
    engineFactory: opts.engineFactory,
    bot: opts.bot,
    actions: opts.actions,
    runActions: opts.runActions ?? (opts.actionsModel ? modelActionRunner(opts.actionsModel) : runActionTurn),
    actionsNeed: !opts.runActions && opts.actionsModel ? 'tools' : 'playbooks',
  });
  const { bot, hub, jobs, outbound, presence } = ctx;
  await hub.start(database);
  presence.start();
  // Knowledge changed on any node: every node drops what it learned from the old knowledge.
  // Any admin change (a conversation-less event): every node drops its copy of the workspace's
  // actions and policy; this node at once, from its own announcement, before the admin's answer.
  const onNotice = (notice: EventNotice) => {
    if (notice.type === 'knowledge.updated') bot.invalidate(notice.workspaceId);
    if (notice.conversationId !== null) return;
    forgetActions(notice.workspaceId);
    // The policy kept with each conversation of the workspace, too.
    ctx.customerMessages.kept.dropWorkspace(notice.workspaceId);
  };
  const unlistenKnowledge = await database.listen(EVENTS_CHANNEL, (payload) => onNotice(JSON.parse(payload) as EventNotice));
  const unobserve = onAnnounced(database.db, (n) => n.channel === EVENTS_CHANNEL && onNotice(JSON.parse(n.payload) as EventNotice));
  registerJobs(jobs, { db: database.db, log, outbound, handoffs });
  await jobs.start();
  const dispatcher = await startOutbound(outbound, database);
  const app = await buildApp(ctx);
  await app.listen({ port: env.PORT, host: env.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  let stage: string | null = null;
  return {
    app,
    ctx,
    url: `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`,
    stop: async () => {
      const step = async (name: string, fn: () => Promise<void> | void) => {
        stage = name;
        await fn();
      };
      // Presence first: the sockets the hub closes next must not mark their agents offline
      // (they reconnect to a running node; those that do not, expire).
      await step('presence', () => presence.stop());
      await step('realtime hub', () => hub.stop());
      await step('event dispatcher', () => dispatcher.stop());
      await step('job queue', () => jobs.stop());
      await step('knowledge listener', () => unlistenKnowledge());
      unobserve();
      await step('http server', () => app.close());
      if (ownsDatabase) await step('database', () => database.close());
      stage = null;
    },
    stopping: () => stage,
  };
}
