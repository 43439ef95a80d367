// The stand-in company's HTTP API: tau-bench's retail back office in memory, for tests, the
// demo and `baton eval --tools` (docs/retail-demo.md). Besides the operations it serves
// GET /openapi.json, and test hooks outside the document: POST /__reset puts the records back
// as loaded, GET /__state shows them as they are now, POST /__expected-state replays calls on a
// fresh copy (the state a correct conversation leaves), POST /__faults makes the next calls of
// an operation fail or stall.
import { createHash, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { loadRetailData, type RetailData } from './data.ts';
import { invalidArguments, RetailError } from './errors.ts';
import { faultSchema, Faults } from './faults.ts';
import { retailOpenApiDocument } from './openapi.ts';
import { RETAIL_OPERATIONS } from './operations/index.ts';
import { replayOnFresh, runOperation } from './run.ts';
import { RetailStore } from './store.ts';

export interface RetailApiOptions {
  /** The records to serve; else read from `dataDir` (default: the bundled subset). */
  data?: RetailData;
  dataDir?: string;
  logger?: boolean;
  /** Required of every operation when set: as `Authorization: Bearer <key>` or `X-Api-Key: <key>`. */
  apiKey?: string;
}

export interface RetailApi {
  app: FastifyInstance;
  store: RetailStore;
  faults: Faults;
}

const replaySchema = z.object({ actions: z.array(z.object({ name: z.string(), args: z.record(z.string(), z.unknown()) })) });

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The key the request presents, compared in constant time. */
function presentsKey(request: FastifyRequest, key: string): boolean {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const header = request.headers['x-api-key'];
  const given = bearer ?? (typeof header === 'string' ? header : undefined);
  return given !== undefined && timingSafeEqual(digest(given), digest(key));
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The server, not listening yet (call `app.listen`, or use startRetailApi). */
export async function buildRetailApi(options: RetailApiOptions = {}): Promise<RetailApi> {
  const store = new RetailStore(options.data ?? (await loadRetailData(options.dataDir)));
  const faults = new Faults();
  const app = Fastify({ logger: options.logger ?? false });

  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    if (error instanceof RetailError) return reply.code(error.status).send({ error: error.message });
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    return reply.code(status).send({ error: status === 500 ? 'internal error' : error.message });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: `no operation at ${request.method} ${request.url}` }));

  for (const op of RETAIL_OPERATIONS) {
    app.route({
      method: op.method,
      url: op.path.replace(/\{([^}]+)\}/g, ':$1'),
      handler: async (request, reply) => {
        if (options.apiKey !== undefined && !presentsKey(request, options.apiKey))
          return reply.code(401).send({ error: 'missing or wrong API key' });
        const fault = faults.take(op.name);
        if (fault?.delay_ms) await sleep(fault.delay_ms);
        if (fault?.status) return reply.code(fault.status).send({ error: `injected fault: ${fault.status}` });
        // One argument object, whichever part of the request each argument came in.
        return runOperation(store, op, { ...asObject(request.query), ...asObject(request.body), ...asObject(request.params) });
      },
    });
  }

  app.get('/openapi.json', async (request) =>
    retailOpenApiDocument(`${request.protocol}://${request.host}`, { auth: options.apiKey !== undefined }),
  );
  app.post('/__reset', async (_request, reply) => {
    store.reset();
    faults.clear();
    return reply.code(204).send();
  });
  app.get('/__state', async () => store.snapshot());
  app.post('/__expected-state', async (request) => {
    const parsed = replaySchema.safeParse(request.body);
    if (!parsed.success) throw invalidArguments(parsed.error);
    return replayOnFresh(store, parsed.data.actions);
  });
  app.post('/__faults', async (request, reply) => {
    const parsed = faultSchema.safeParse(request.body);
    if (!parsed.success) throw invalidArguments(parsed.error);
    if (!RETAIL_OPERATIONS.some((op) => op.name === parsed.data.operation)) throw new RetailError(404, 'no such operation');
    faults.add(parsed.data);
    return reply.code(204).send();
  });
  return { app, store, faults };
}

export interface RunningRetailApi extends RetailApi {
  /** e.g. http://127.0.0.1:4010 */
  url: string;
  close(): Promise<void>;
}

/** Builds the server and listens (port 0: any free port) on loopback unless told otherwise. */
export async function startRetailApi(options: RetailApiOptions & { port?: number; host?: string } = {}): Promise<RunningRetailApi> {
  const api = await buildRetailApi(options);
  const host = options.host ?? '127.0.0.1';
  await api.app.listen({ port: options.port ?? 0, host });
  const address = api.app.server.address();
  const port = address && typeof address === 'object' ? address.port : options.port;
  return { ...api, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, close: () => api.app.close() };
}
