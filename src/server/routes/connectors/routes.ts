import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../../errors.ts';
import { staffActor } from '../../plugins/auth.ts';
import { actorRef } from '../../../conversations/actor.ts';
import { appendEvent } from '../../../db/repositories/events.ts';
import { deleteConnector, findConnector, findThread, listConnectors, listOps, listThreads, upsertConnector } from '../../../db/repositories/connectors.ts';
import { connectorDefinition, listConnectorDefinitions } from '../../../connectors/registry.ts';
import { Outbound } from '../../../connectors/outbound.ts';
import { connectorSyncJob } from '../../../connectors/sync-job.ts';
import { checkTargetUrl, OutboundError } from '../../../webhooks/safe-http.ts';
import type { AppContext } from '../../context.ts';
import { NoContent } from '../responses.ts';
import { ConnectorDeadLetters, ConnectorResponse, ConnectorsResponse, JobParams, PutConnectorBody, SetupBody, SetupResponse, TestResponse, ThreadsResponse, VendorParams } from './schema.ts';
import { z } from 'zod';
import { presentConnector, presentThread } from './present.ts';
import { inboundRoutes } from './inbound.ts';

const admin = { access: { kind: 'staff' as const, role: 'admin' as const } };
const tags = ['connectors'];

const issues = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));

// Helpdesk connectors, per workspace (admin only); and the vendors' inbound webhooks.
export function connectorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const out = (): Outbound => ctx.outbound;
  inboundRoutes(app, ctx);

  r.get('/api/v1/connectors', { schema: { tags, operationId: 'listConnectors', summary: 'Available helpdesks and this workspace\'s connectors', response: { 200: ConnectorsResponse } }, config: admin }, async (request) => {
    const actor = staffActor(request);
    return {
      vendors: listConnectorDefinitions().map((d) => ({ vendor: d.vendor, display_name: d.displayName, capabilities: d.capabilities })),
      connectors: (await listConnectors(ctx.db, actor.workspaceId)).map(presentConnector),
    };
  });

  r.get('/api/v1/connectors/:vendor', { schema: { tags, operationId: 'getConnector', summary: 'One connector', params: VendorParams, response: { 200: ConnectorResponse } }, config: admin }, async (request) => {
    const row = await findConnector(ctx.db, staffActor(request).workspaceId, request.params.vendor);
    if (!row) throw new AppError('not_found');
    return { connector: presentConnector(row) };
  });

  r.put(
    '/api/v1/connectors/:vendor',
    { schema: { tags, operationId: 'configureConnector', summary: 'Configure a connector (credentials are stored encrypted and never returned)', params: VendorParams, body: PutConnectorBody, response: { 200: ConnectorResponse } }, config: admin },
    async (request) => {
      const actor = staffActor(request);
      const def = connectorDefinition(request.params.vendor)!;
      const body = request.body;
      const config = def.configSchema.safeParse(body.config);
      if (!config.success) throw new AppError('invalid_request', 'config does not fit this helpdesk', issues(config.error));
      const existing = await findConnector(ctx.db, actor.workspaceId, def.vendor);
      let credentialsEnc = existing?.credentials_enc ?? null;
      if (body.credentials) {
        const creds = def.credentialsSchema.safeParse(body.credentials);
        if (!creds.success) throw new AppError('invalid_request', 'credentials do not fit this helpdesk', issues(creds.error));
        credentialsEnc = await seal(out(), { workspace_id: actor.workspaceId, vendor: def.vendor }, creds.data);
      }
      const allowPrivate = (config.data as { allow_private_network?: boolean }).allow_private_network === true;
      try {
        await checkTargetUrl(def.baseUrl(config.data), allowPrivate);
      } catch (err) {
        if (err instanceof OutboundError && !err.retryable) throw new AppError('invalid_request', `base URL refused: ${err.message}`);
      }
      const row = await ctx.db.transaction().execute(async (tx) => {
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
          data: { vendor: def.vendor, enabled: body.enabled, credentials_changed: !!body.credentials, allow_clear_text: body.allow_clear_text, allow_private_network: allowPrivate },
        });
        return saved;
      });
      return { connector: presentConnector(row) };
    },
  );

  r.delete('/api/v1/connectors/:vendor', { schema: { tags, operationId: 'deleteConnector', summary: 'Remove a connector', params: VendorParams, response: { 204: NoContent } }, config: admin }, async (request, reply) => {
    const actor = staffActor(request);
    if (!(await deleteConnector(ctx.db, actor.workspaceId, request.params.vendor))) throw new AppError('not_found');
    reply.status(204);
  });

  r.post('/api/v1/connectors/:vendor/test', { schema: { tags, operationId: 'testConnector', summary: 'Test the connection with the stored settings', params: VendorParams, response: { 200: TestResponse } }, config: admin }, async (request) => {
    const row = await findConnector(ctx.db, staffActor(request).workspaceId, request.params.vendor);
    if (!row) throw new AppError('not_found');
    try {
      return await (await out().instance(row)).testConnection();
    } catch (err) {
      return { ok: false, detail: err instanceof OutboundError ? err.message : 'the connector could not be reached with these settings' };
    }
  });

  r.post(
    '/api/v1/connectors/:vendor/setup',
    { schema: { tags, operationId: 'setUpConnector', summary: 'Register the webhooks the helpdesk lets us register; list the manual steps', params: VendorParams, body: SetupBody, response: { 200: SetupResponse } }, config: admin },
    async (request) => {
      const actor = staffActor(request);
      const row = await findConnector(ctx.db, actor.workspaceId, request.params.vendor);
      if (!row) throw new AppError('not_found');
      const def = connectorDefinition(row.vendor)!;
      const webhookUrl = `${request.body.public_url.replace(/\/$/, '')}/api/v1/connectors/${row.vendor}/webhook/${row.workspace_id}`;
      let result;
      try {
        result = await (await out().instance(row)).setup(webhookUrl);
      } catch (err) {
        if (err instanceof OutboundError) throw new AppError('conflict', `set-up failed: ${err.message}`);
        throw err;
      }
      if (result.credentials || result.config) {
        const creds = { ...(await out().credentialsOf(row)), ...(result.credentials ?? {}) };
        await upsertConnector(ctx.db, {
          id: row.id,
          workspaceId: row.workspace_id,
          vendor: row.vendor,
          enabled: row.enabled,
          config: def.configSchema.parse({ ...row.config, ...(result.config ?? {}) }) as Record<string, unknown>,
          credentialsEnc: await seal(out(), row, def.credentialsSchema.parse(creds)),
          allowClearText: row.allow_clear_text,
        });
      }
      return { webhook_url: webhookUrl, registered: result.registered, manual_steps: result.manualSteps };
    },
  );

  r.get('/api/v1/connectors/:vendor/threads', { schema: { tags, operationId: 'listConnectorThreads', summary: 'Tickets this connector made, with their pending work', params: VendorParams, response: { 200: ThreadsResponse } }, config: admin }, async (request) => {
    const actor = staffActor(request);
    const row = await findConnector(ctx.db, actor.workspaceId, request.params.vendor);
    if (!row) throw new AppError('not_found');
    const threads = await listThreads(ctx.db, actor.workspaceId, row.id);
    return { threads: await Promise.all(threads.map(async (t) => presentThread(t, await listOps(ctx.db, t.id)))) };
  });

  r.get('/api/v1/connectors/dead-letters', { schema: { tags, operationId: 'listConnectorDeadLetters', summary: 'Connector calls that used up their retries', response: { 200: ConnectorDeadLetters } }, config: admin }, async (request) => {
    const actor = staffActor(request);
    const failed = await ctx.jobs.failed(connectorSyncJob.name, 500);
    const rows = [];
    for (const job of failed) {
      const thread = await findThread(ctx.db, String((job.data as { threadId?: string }).threadId));
      if (!thread || thread.workspace_id !== actor.workspaceId) continue;
      const ops = await listOps(ctx.db, thread.id);
      const stuck = ops.find((o) => o.state === 'pending');
      rows.push({
        id: job.id,
        thread_id: thread.id,
        conversation_id: thread.conversation_id,
        external_id: thread.external_id,
        op: stuck?.kind ?? null,
        attempts: stuck?.attempts ?? null,
        error: stuck?.last_error ?? null,
        failed_at: job.completed_on ? new Date(job.completed_on).toISOString() : null,
      });
    }
    return { dead_letters: rows };
  });

  r.post('/api/v1/connectors/dead-letters/:id/retry', { schema: { tags, operationId: 'retryConnectorDeadLetter', summary: 'Run a dead-lettered connector call again', params: JobParams, response: { 200: z.object({ retried: z.string() }) } }, config: admin }, async (request) => {
    const actor = staffActor(request);
    const job = (await ctx.jobs.failed(connectorSyncJob.name, 1000)).find((j) => j.id === request.params.id);
    const thread = job && (await findThread(ctx.db, String((job.data as { threadId?: string }).threadId)));
    if (!job || !thread || thread.workspace_id !== actor.workspaceId) throw new AppError('not_found');
    await ctx.jobs.retry(connectorSyncJob.name, job.id);
    return { retried: job.id };
  });
}

async function seal(out: Outbound, row: { workspace_id: string; vendor: string }, credentials: unknown): Promise<string> {
  let box;
  try {
    box = await out.box();
  } catch (err) {
    throw new AppError('unavailable', (err as Error).message);
  }
  return box.seal(JSON.stringify(credentials), Outbound.aad.connector(row));
}
