import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { TEST_VAULT_KEY } from '../support/baton.ts';
import { loadEnv } from '../../src/config/env.ts';
import { startBaton, type RunningBaton } from '../../src/app/runtime.ts';
import { scriptedEngineFactory } from '../support/scripted-engine.ts';

// The console at LOG_LEVEL=info: one line for each request worth a look (not 2xx/3xx, or
// slow), and routine requests only at debug, once each.
describe('request logging', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  const lines: { level: number; msg: string; status?: number; url?: string; ms?: number; slow?: boolean }[] = [];

  beforeAll(async () => {
    tdb = await openTestDatabase();
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const env = loadEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', BATON_VAULT_KEY: TEST_VAULT_KEY, SLOW_REQUEST_MS: '1000' });
    baton = await startBaton({ env, engineFactory: scriptedEngineFactory, database: tdb.database, log: pino({ level: 'debug' }, sink) });
  }, 60_000);

  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
  });

  const about = (path: string) => lines.filter((l) => typeof l.url === 'string' && l.url.startsWith(path));
  const DEBUG = 20;
  const INFO = 30;

  it('logs a successful request once, at debug', async () => {
    expect((await fetch(`${baton.url}/api/v1/health`)).status).toBe(200);
    await expect.poll(() => about('/api/v1/health').length).toBe(1);
    const [line] = about('/api/v1/health');
    expect(line).toMatchObject({ level: DEBUG, status: 200, msg: expect.stringMatching(/^GET \/api\/v1\/health 200 \d+ms$/) });
    // Fastify's own pair of lines per request is off.
    expect(lines.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed')).toEqual([]);
  });

  it('logs an answer that is not 2xx/3xx at info, with secrets in the query redacted', async () => {
    expect((await fetch(`${baton.url}/api/v1/no-such-route?token=ct_secret`)).status).toBe(404);
    await expect.poll(() => about('/api/v1/no-such-route').length).toBe(1);
    const [line] = about('/api/v1/no-such-route');
    expect(line).toMatchObject({ level: INFO, status: 404, url: '/api/v1/no-such-route?token=[redacted]' });
    expect(JSON.stringify(lines)).not.toContain('ct_secret');
  });

  it('logs a slow request at info even when it succeeds', async () => {
    // A body that arrives in two parts, a little over SLOW_REQUEST_MS apart: the request
    // cannot have taken less.
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${baton.url}/api/v1/auth/login`,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('{"email":"nobody@example.test",');
      setTimeout(() => req.end('"password":"wrong password here"}'), 1100);
    });
    expect(status).toBe(401);
    await expect.poll(() => about('/api/v1/auth/login').length).toBe(1);
    expect(about('/api/v1/auth/login')[0]).toMatchObject({ level: INFO, slow: true, msg: expect.stringMatching(/\(slow\)$/) });

    // And a quick, successful one after it stays at debug.
    expect((await fetch(`${baton.url}/favicon.svg`)).status).toBe(200);
    await expect.poll(() => about('/favicon.svg').length).toBe(1);
    expect(about('/favicon.svg')[0]).toMatchObject({ level: DEBUG, status: 200 });
  });
});
