import { randomUUID } from 'node:crypto';
import type { EventRow, WebhookSubscriptionRow } from '../db/schema.ts';
import { insertDelivery, listEnabledSubscriptions } from '../db/repositories/webhooks.ts';
import type { Reactor } from '../connectors/dispatcher.ts';
import type { Outbound } from '../connectors/outbound.ts';
import { matchSubscription } from './events.ts';
import { workspacesOf } from '../connectors/dispatcher.ts';
import { webhookDeliveryJob } from './deliver-job.ts';

/** Webhook side of the outbox: one delivery row and one job per (subscription, event). */
export function webhookReactor(out: Outbound): Reactor {
  return {
    name: 'webhooks',
    async prepare(tx, events) {
      const byWorkspace = new Map<string, WebhookSubscriptionRow[]>();
      for (const s of await listEnabledSubscriptions(tx, workspacesOf(events)))
        byWorkspace.set(s.workspace_id, [...(byWorkspace.get(s.workspace_id) ?? []), s]);
      return async (e: EventRow) => {
        for (const sub of byWorkspace.get(e.workspace_id) ?? []) {
          const type = matchSubscription(sub.event_types, e);
          if (!type) continue;
          const delivery = await insertDelivery(tx, {
            id: randomUUID(),
            workspaceId: e.workspace_id,
            subscriptionId: sub.id,
            eventId: e.id,
            eventType: type,
          });
          if (delivery) await out.jobs.enqueue(webhookDeliveryJob, { deliveryId: delivery.id, attempt: 1, subscriptionId: sub.id }, { tx });
        }
      };
    },
  };
}
