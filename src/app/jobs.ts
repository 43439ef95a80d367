import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Schema } from '../db/schema.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Outbound } from '../connectors/outbound.ts';
import type { Handoffs } from '../handoff/handoffs.ts';
import { makeConnectorSyncJob } from '../connectors/sync-job.ts';
import { makeWebhookDeliveryJob } from '../webhooks/deliver-job.ts';
import { makeSlaOverflowJob } from '../handoff/routing/sla.ts';
import { retentionJob } from '../privacy/retention.ts';

/**
 * Every background job Baton runs, registered on the queue at start. A feature adds its job
 * with one line here, handing it the parts it uses.
 */
export function registerJobs(queue: JobQueue, parts: { db: Kysely<Schema>; log: Logger; outbound: Outbound; handoffs: Handoffs }): void {
  queue.register(makeConnectorSyncJob(parts.outbound));
  queue.register(makeWebhookDeliveryJob(parts.outbound));
  queue.register(makeSlaOverflowJob(parts.handoffs));
  queue.register(retentionJob(parts));
}
