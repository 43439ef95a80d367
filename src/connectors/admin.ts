import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { ConnectorOpRow, ConnectorRow, ConnectorThreadRow, Schema } from '../db/schema.ts';
import { transaction } from '../db/transaction.ts';
import { appendEvent } from '../db/repositories/events.ts';
import {
  deleteConnector,
  findConnector,
  findThread,
  listConnectors,
  listOps,
  listThreads,
  upsertConnector,
} from '../db/repositories/connectors.ts';
import type { FailedJob } from '../db/repositories/jobs.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { actorRef, type Actor } from '../conversations/actor.ts';
import { checkTargetUrl, OutboundError } from '../webhooks/safe-http.ts';
import { connectorDefinition } from './registry.ts';
import { Outbound } from './outbound.ts';
import { connectorSyncJob } from './sync-job.ts';
import type { SetupResult } from './types.ts';

// The admin's commands and queries on a workspace's helpdesk connectors.

type Jobs = Pick<JobQueue, 'failed' | 'retry'>;

export interface ConnectorSettings {
  enabled: boolean;
  config: Record<string, unknown>;
  /** Omitted keeps the stored ones. */
  credentials?: Record<string, unknown>;
  allow_clear_text: boolean;
}

const issues = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));

export const connectorsOf = (db: Kysely<Schema>, workspaceId: string): Promise<ConnectorRow[]> => listConnectors(db, workspaceId);

/** The workspace's connector to `vendor`, or not_found. */
export async function connectorOf(db: Kysely<Schema>, workspaceId: string, vendor: string): Promise<ConnectorRow> {
  const row = await findConnector(db, workspaceId, vendor);
  if (!row) throw new AppError('not_found');
  return row;
}

/** Creates or replaces the connector to `vendor`, its credentials sealed, with its event. */
export async function configureConnector(
  db: Kysely<Schema>,
  out: Outbound,
  actor: Actor,
  vendor: string,
  body: ConnectorSettings,
): Promise<ConnectorRow> {
  const def = connectorDefinition(vendor)!;
  const config = def.configSchema.safeParse(body.config);
  if (!config.success) throw new AppError('invalid_request', 'config does not fit this helpdesk', issues(config.error));
  const existing = await findConnector(db, actor.workspaceId, def.vendor);
  let credentialsEnc = existing?.credentials_enc ?? null;
  if (body.credentials) {
    const creds = def.credentialsSchema.safeParse(body.credentials);
    if (!creds.success) throw new AppError('invalid_request', 'credentials do not fit this helpdesk', issues(creds.error));
    credentialsEnc = await out.seal(
      JSON.stringify(creds.data),
      Outbound.aad.connector({ workspace_id: actor.workspaceId, vendor: def.vendor }),
    );
  }
  const allowPrivate = (config.data as { allow_private_network?: boolean }).allow_private_network === true;
  try {
    await checkTargetUrl(def.baseUrl(config.data), allowPrivate);
  } catch (err) {
    if (err instanceof OutboundError && !err.retryable) throw new AppError('invalid_request', `base URL refused: ${err.message}`);
  }
  return transaction(db, async (tx) => {
    const saved = await upsertConnector(tx, {
      id: existing?.id ?? randomUUID(),
      workspaceId: actor.workspaceId,
      vendor: def.vendor,
      enabled: body.enabled,
      config: config.data as Record<string, unknown>,
      credentialsEnc,
      allowClearText: body.allow_clear_text,
    });
    // Who configured what is on record; the values of secrets are not.
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      conversationId: null,
      type: 'connector.configured',
      actor: actorRef(actor),
      data: {
        vendor: def.vendor,
        enabled: body.enabled,
        credentials_changed: !!body.credentials,
        allow_clear_text: body.allow_clear_text,
        allow_private_network: allowPrivate,
      },
    });
    return saved;
  });
}

export async function removeConnector(db: Kysely<Schema>, workspaceId: string, vendor: string): Promise<void> {
  if (!(await deleteConnector(db, workspaceId, vendor))) throw new AppError('not_found');
}

/** Tries the stored settings against the helpdesk; a failure is an answer, not an error. */
export async function testConnector(
  db: Kysely<Schema>,
  out: Outbound,
  workspaceId: string,
  vendor: string,
): Promise<{ ok: boolean; detail: string }> {
  const row = await connectorOf(db, workspaceId, vendor);
  try {
    return await (await out.instance(row)).testConnection();
  } catch (err) {
    return { ok: false, detail: err instanceof OutboundError ? err.message : 'the connector could not be reached with these settings' };
  }
}

/** Registers Baton's webhook with the helpdesk and keeps any settings the helpdesk handed back. */
export async function setUpConnector(
  db: Kysely<Schema>,
  out: Outbound,
  workspaceId: string,
  vendor: string,
  publicUrl: string,
): Promise<{ webhookUrl: string } & Pick<SetupResult, 'registered' | 'manualSteps'>> {
  const row = await connectorOf(db, workspaceId, vendor);
  const def = connectorDefinition(row.vendor)!;
  const webhookUrl = `${publicUrl.replace(/\/$/, '')}/api/v1/connectors/${row.vendor}/webhook/${row.workspace_id}`;
  let result;
  try {
    result = await (await out.instance(row)).setup(webhookUrl);
  } catch (err) {
    if (err instanceof OutboundError) throw new AppError('conflict', `set-up failed: ${err.message}`);
    throw err;
  }
  if (result.credentials || result.config) {
    const creds = { ...(await out.credentialsOf(row)), ...(result.credentials ?? {}) };
    await upsertConnector(db, {
      id: row.id,
      workspaceId: row.workspace_id,
      vendor: row.vendor,
      enabled: row.enabled,
      config: def.configSchema.parse({ ...row.config, ...(result.config ?? {}) }) as Record<string, unknown>,
      credentialsEnc: await out.seal(JSON.stringify(def.credentialsSchema.parse(creds)), Outbound.aad.connector(row)),
      allowClearText: row.allow_clear_text,
    });
  }
  return { webhookUrl, registered: result.registered, manualSteps: result.manualSteps };
}

/** The tickets the connector made, each with its queued work. */
export async function connectorThreads(
  db: Kysely<Schema>,
  workspaceId: string,
  vendor: string,
): Promise<{ thread: ConnectorThreadRow; ops: ConnectorOpRow[] }[]> {
  const row = await connectorOf(db, workspaceId, vendor);
  const threads = await listThreads(db, workspaceId, row.id);
  return Promise.all(threads.map(async (thread) => ({ thread, ops: await listOps(db, thread.id) })));
}

/** The workspace's connector calls that used up their retries, with the op that is stuck. */
export async function connectorDeadLetters(
  db: Kysely<Schema>,
  jobs: Jobs,
  workspaceId: string,
): Promise<{ job: FailedJob; thread: ConnectorThreadRow; stuck: ConnectorOpRow | undefined }[]> {
  const rows = [];
  for (const job of await jobs.failed(connectorSyncJob.name, 500)) {
    const thread = await threadOf(db, job);
    if (!thread || thread.workspace_id !== workspaceId) continue;
    const ops = await listOps(db, thread.id);
    rows.push({ job, thread, stuck: ops.find((o) => o.state === 'pending') });
  }
  return rows;
}

/** Runs a dead-lettered connector call of the workspace again; returns its job id. */
export async function retryConnectorDeadLetter(db: Kysely<Schema>, jobs: Jobs, workspaceId: string, jobId: string): Promise<string> {
  const job = (await jobs.failed(connectorSyncJob.name, 1000)).find((j) => j.id === jobId);
  const thread = job && (await threadOf(db, job));
  if (!job || !thread || thread.workspace_id !== workspaceId) throw new AppError('not_found');
  await jobs.retry(connectorSyncJob.name, job.id);
  return job.id;
}

const threadOf = (db: Kysely<Schema>, job: FailedJob) => findThread(db, String((job.data as { threadId?: string }).threadId));
