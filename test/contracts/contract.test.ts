import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { buildApp } from '../../src/server/app.ts';
import { createContext } from '../../src/app/runtime.ts';
import { loadEnv } from '../../src/config/env.ts';
import { generateKey, keyringFromEnv } from '../../src/pii/index.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { scriptedEngineFactory } from '../support/scripted-engine.ts';
import { CONTRACT_FILES, contractFiles } from '../../scripts/contract.ts';

describe('contracts/', () => {
  it('is what the server publishes now (run `npm run contract` after changing a route)', async () => {
    const files = await contractFiles();
    expect(await readFile(CONTRACT_FILES.document, 'utf8')).toBe(files.document);
    expect(await readFile(CONTRACT_FILES.types, 'utf8')).toBe(files.types);
  }, 300_000);

  it('documents every API operation with an operationId, a tag, its answers and the error envelope', async () => {
    const doc = JSON.parse(await readFile(CONTRACT_FILES.document, 'utf8')) as {
      paths: Record<string, Record<string, Record<string, any>>>;
    };
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path.startsWith('/api/v1/'), path).toBe(true);
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.operationId, where).toBeTruthy();
        expect(ids.has(op.operationId), `${where}: operationId ${op.operationId} twice`).toBe(false);
        ids.add(op.operationId);
        expect(op.tags?.length, where).toBeGreaterThan(0);
        expect(op.responses['4XX'].content['application/json'].schema.$ref, where).toBe('#/components/schemas/ErrorEnvelope');
        expect(
          Object.keys(op.responses).some((code) => /^2\d\d$/.test(code)),
          where,
        ).toBe(true);
        expect(op.security, where).toBeDefined();
      }
    }
    expect(doc.paths['/api/v1/auth/login']!.post!.security).toEqual([]);
    expect(doc.paths['/api/v1/widget/conversations']!.post!.responses['201']).toBeDefined();
  });
});

// The server checks its own answers: one that leaves its schema is a 500 in the error envelope,
// logged, never sent as it was.
describe('a response that leaves its schema', () => {
  let tdb: TestDatabase;
  const logged: string[] = [];
  let url: string;
  let close: () => Promise<unknown>;

  beforeAll(async () => {
    tdb = await openTestDatabase();
    const sink = new Writable({ write: (chunk, _enc, done) => (logged.push(String(chunk)), done()) });
    const ctx = createContext({
      env: loadEnv({ LOG_LEVEL: 'error' }),
      log: pino({ level: 'error' }, sink),
      database: tdb.database,
      keyring: keyringFromEnv({ BATON_VAULT_KEY: generateKey() }),
      engineFactory: scriptedEngineFactory,
    });
    const app = await buildApp(ctx);
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/v1/test/broken',
      {
        schema: { tags: ['ops'], operationId: 'broken', response: { 200: z.object({ count: z.number() }) } },
        config: { access: { kind: 'public' } },
      },
      // What a handler that drifted from its schema would send.
      async () => JSON.parse('{"count": "three", "secret": "leak"}') as { count: number },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    close = () => app.close();
  });
  afterAll(async () => {
    await close?.();
    await tdb?.dispose();
  });

  it('is a 500 in the error envelope, and logged', async () => {
    const res = await fetch(`${url}/api/v1/test/broken`);
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side.' } });
    expect(body).not.toContain('leak');
    expect(logged.join('')).toMatch(/Response doesn't match the schema|FST_ERR_RESPONSE_SERIALIZATION/);
  });

  it('still answers the routes that keep to theirs', async () => {
    const res = await fetch(`${url}/api/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: tdb.database.kind });
  });
});
