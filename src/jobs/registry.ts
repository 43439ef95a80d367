import type { AppContext } from '../server/context.ts';
import type { JobQueue } from './queue.ts';
import { makeConnectorSyncJob } from '../connectors/sync-job.ts';
import { makeWebhookDeliveryJob } from '../webhooks/deliver-job.ts';
import { slaOverflowJob } from '../handoff/routing/sla.ts';
import { retentionJob } from '../privacy/retention.ts';

/**
 * Every background job Baton runs, registered on the queue at start. A feature adds its
 * jobs with one line here; each job module exports a function `(ctx) => JobDefinition`.
 */
export function registerJobs(queue: JobQueue, ctx: AppContext): void {
  const jobs: ((ctx: AppContext) => Parameters<JobQueue['register']>[0])[] = [makeConnectorSyncJob, makeWebhookDeliveryJob, slaOverflowJob, retentionJob];
  for (const make of jobs) queue.register(make(ctx));
}
