import type { Database } from '../db/database.ts';
import { EventDispatcher } from './dispatcher.ts';
import type { Outbound } from './outbound.ts';
import { connectorReactor } from './reactor.ts';
import { webhookReactor } from '../webhooks/reactor.ts';

/** Starts the event dispatcher that feeds connectors and webhooks; returns its stop. */
export async function startOutbound(out: Outbound, database: Database): Promise<{ stop(): Promise<void> }> {
  const dispatcher = new EventDispatcher(
    out.db,
    [connectorReactor(out), webhookReactor(out)],
    out.log,
    out.settings.BATON_DISPATCH_INTERVAL_MS,
  );
  await dispatcher.start(database);
  return { stop: () => dispatcher.stop() };
}
