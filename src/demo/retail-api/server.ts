// The stand-in company's HTTP API: tau-bench's retail back office in memory, for tests, the
// demo and `baton eval --tools` (docs/retail-demo.md). Besides the operations it serves
// GET /openapi.json, and two test hooks outside the document: POST /__reset puts the records
// back as loaded, GET /__state shows them as they are now.
import Fastify, { type FastifyInstance } from 'fastify';
import { loadRetailData, type RetailData } from './data.ts';
import { RetailError } from './errors.ts';
import { retailOpenApiDocument } from './openapi.ts';
import { RETAIL_OPERATIONS } from './operations/index.ts';
import { RetailStore } from './store.ts';

export interface RetailApiOptions {
  /** The records to serve; else read from `dataDir` (default: the bundled subset). */
  data?: RetailData;
  dataDir?: string;
  logger?: boolean;
}

export interface RetailApi {
  app: FastifyInstance;
  store: RetailStore;
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The server, not listening yet (call `app.listen`, or use startRetailApi). */
export async function buildRetailApi(options: RetailApiOptions = {}): Promise<RetailApi> {
  const store = new RetailStore(options.data ?? (await loadRetailData(options.dataDir)));
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
      handler: async (request) => {
        // One argument object, whichever part of the request each argument came in.
        const parsed = op.input.safeParse({ ...asObject(request.query), ...asObject(request.body), ...asObject(request.params) });
        if (!parsed.success) {
          const why = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
          throw new RetailError(400, why.join('; '));
        }
        return op.run(store, parsed.data);
      },
    });
  }

  app.get('/openapi.json', async (request) => retailOpenApiDocument(`${request.protocol}://${request.host}`));
  app.post('/__reset', async (_request, reply) => {
    store.reset();
    return reply.code(204).send();
  });
  app.get('/__state', async () => store.snapshot());
  return { app, store };
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
