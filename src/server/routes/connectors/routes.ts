import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { staffActor } from '../../plugins/auth.ts';
import { listConnectorDefinitions } from '../../../connectors/registry.ts';
import {
  configureConnector,
  connectorDeadLetters,
  connectorOf,
  connectorsOf,
  connectorThreads,
  removeConnector,
  retryConnectorDeadLetter,
  setUpConnector,
  testConnector,
} from '../../../connectors/admin.ts';
import type { AppContext } from '../../context.ts';
import { NoContent } from '../responses.ts';
import {
  ConnectorDeadLetters,
  ConnectorResponse,
  ConnectorsResponse,
  JobParams,
  PutConnectorBody,
  SetupBody,
  SetupResponse,
  TestResponse,
  ThreadsResponse,
  VendorParams,
} from './schema.ts';
import { z } from 'zod';
import { presentConnector, presentThread } from './present.ts';
import { inboundRoutes } from './inbound.ts';

const admin = { access: { kind: 'staff' as const, role: 'admin' as const } };
const tags = ['connectors'];

// Helpdesk connectors, per workspace (admin only); and the vendors' inbound webhooks.
export function connectorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  inboundRoutes(app, ctx);

  r.get(
    '/api/v1/connectors',
    {
      schema: {
        tags,
        operationId: 'listConnectors',
        summary: "Available helpdesks and this workspace's connectors",
        response: { 200: ConnectorsResponse },
      },
      config: admin,
    },
    async (request) => {
      const actor = staffActor(request);
      return {
        vendors: listConnectorDefinitions().map((d) => ({ vendor: d.vendor, display_name: d.displayName, capabilities: d.capabilities })),
        connectors: (await connectorsOf(ctx.db, actor.workspaceId)).map(presentConnector),
      };
    },
  );

  r.get(
    '/api/v1/connectors/:vendor',
    {
      schema: { tags, operationId: 'getConnector', summary: 'One connector', params: VendorParams, response: { 200: ConnectorResponse } },
      config: admin,
    },
    async (request) => ({
      connector: presentConnector(await connectorOf(ctx.db, staffActor(request).workspaceId, request.params.vendor)),
    }),
  );

  r.put(
    '/api/v1/connectors/:vendor',
    {
      schema: {
        tags,
        operationId: 'configureConnector',
        summary: 'Configure a connector (credentials are stored encrypted and never returned)',
        params: VendorParams,
        body: PutConnectorBody,
        response: { 200: ConnectorResponse },
      },
      config: admin,
    },
    async (request) => ({
      connector: presentConnector(await configureConnector(ctx.db, ctx.outbound, staffActor(request), request.params.vendor, request.body)),
    }),
  );

  r.delete(
    '/api/v1/connectors/:vendor',
    {
      schema: { tags, operationId: 'deleteConnector', summary: 'Remove a connector', params: VendorParams, response: { 204: NoContent } },
      config: admin,
    },
    async (request, reply) => {
      await removeConnector(ctx.db, staffActor(request).workspaceId, request.params.vendor);
      reply.status(204);
    },
  );

  r.post(
    '/api/v1/connectors/:vendor/test',
    {
      schema: {
        tags,
        operationId: 'testConnector',
        summary: 'Test the connection with the stored settings',
        params: VendorParams,
        response: { 200: TestResponse },
      },
      config: admin,
    },
    async (request) => testConnector(ctx.db, ctx.outbound, staffActor(request).workspaceId, request.params.vendor),
  );

  r.post(
    '/api/v1/connectors/:vendor/setup',
    {
      schema: {
        tags,
        operationId: 'setUpConnector',
        summary: 'Register the webhooks the helpdesk lets us register; list the manual steps',
        params: VendorParams,
        body: SetupBody,
        response: { 200: SetupResponse },
      },
      config: admin,
    },
    async (request) => {
      const result = await setUpConnector(
        ctx.db,
        ctx.outbound,
        staffActor(request).workspaceId,
        request.params.vendor,
        request.body.public_url,
      );
      return { webhook_url: result.webhookUrl, registered: result.registered, manual_steps: result.manualSteps };
    },
  );

  r.get(
    '/api/v1/connectors/:vendor/threads',
    {
      schema: {
        tags,
        operationId: 'listConnectorThreads',
        summary: 'Tickets this connector made, with their pending work',
        params: VendorParams,
        response: { 200: ThreadsResponse },
      },
      config: admin,
    },
    async (request) => ({
      threads: (await connectorThreads(ctx.db, staffActor(request).workspaceId, request.params.vendor)).map(({ thread, ops }) =>
        presentThread(thread, ops),
      ),
    }),
  );

  r.get(
    '/api/v1/connectors/dead-letters',
    {
      schema: {
        tags,
        operationId: 'listConnectorDeadLetters',
        summary: 'Connector calls that used up their retries',
        response: { 200: ConnectorDeadLetters },
      },
      config: admin,
    },
    async (request) => ({
      dead_letters: (await connectorDeadLetters(ctx.db, ctx.jobs, staffActor(request).workspaceId)).map(({ job, thread, stuck }) => ({
        id: job.id,
        thread_id: thread.id,
        conversation_id: thread.conversation_id,
        external_id: thread.external_id,
        op: stuck?.kind ?? null,
        attempts: stuck?.attempts ?? null,
        error: stuck?.last_error ?? null,
        failed_at: job.completed_on ? new Date(job.completed_on).toISOString() : null,
      })),
    }),
  );

  r.post(
    '/api/v1/connectors/dead-letters/:id/retry',
    {
      schema: {
        tags,
        operationId: 'retryConnectorDeadLetter',
        summary: 'Run a dead-lettered connector call again',
        params: JobParams,
        response: { 200: z.object({ retried: z.string() }) },
      },
      config: admin,
    },
    async (request) => ({
      retried: await retryConnectorDeadLetter(ctx.db, ctx.jobs, staffActor(request).workspaceId, request.params.id),
    }),
  );
}
