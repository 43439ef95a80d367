import type { AppContext } from '../server/context.ts';
import { EventDispatcher } from './dispatcher.ts';
import { outboundFor } from './outbound.ts';
import { connectorReactor } from './reactor.ts';
import { webhookReactor } from '../webhooks/reactor.ts';

/** Starts the event dispatcher that feeds connectors and webhooks; returns its stop. */
export async function startOutbound(ctx: AppContext): Promise<{ stop(): Promise<void> }> {
  const out = outboundFor(ctx);
  const dispatcher = new EventDispatcher(ctx.db, [connectorReactor(out), webhookReactor(out)], ctx.log, out.settings.BATON_DISPATCH_INTERVAL_MS);
  await dispatcher.start(ctx.database);
  return { stop: () => dispatcher.stop() };
}
