import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolDefinitionSchema, type CallTool, type ToolDefinition } from '../types.ts';
import { createToolCaller, keepFields } from './call.ts';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let base: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const path = req.url!.split('?')[0]!.replace(/^\/api/, '');
      if (path === '/slow') return void setTimeout(() => json(200, { late: true }), 2000);
      if (path === '/fail') return json(409, { error: 'order is not pending' });
      if (path === '/fail-detail') return json(422, { detail: 'zip code does not match' });
      if (path === '/fail-plain') {
        res.writeHead(500, { 'content-type': 'text/html' });
        return void res.end('<html>oops</html>');
      }
      if (path === '/text') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return void res.end('user_123');
      }
      if (path.startsWith('/orders/')) {
        return json(200, {
          order_id: decodeURIComponent(path.slice('/orders/'.length)),
          user_id: 'u1',
          status: 'pending',
          address: { city: 'Austin', zip: '78701' },
          items: [
            { name: 'Lamp', price: 10, item_id: 'i1' },
            { name: 'Desk', price: 300, item_id: 'i2' },
          ],
        });
      }
      json(200, { echo: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const tool = (t: Partial<ToolDefinition> & { name: string; path: string }): ToolDefinition =>
  toolDefinitionSchema.parse({ kind: 'read', method: 'GET', input: { type: 'object', properties: {} }, ...t });

const getOrder = tool({
  name: 'get_order',
  path: '/orders/{order_id}',
  input: { type: 'object', properties: { order_id: { type: 'string' }, verbose: { type: 'boolean' } }, required: ['order_id'] },
  auth: { type: 'header', header: 'X-Api-Key' },
});

describe('createToolCaller', () => {
  // `base` is known only once the server listens (after this block is collected).
  const call: CallTool = (t, args) => createToolCaller({ apiBase: base, secret: 's3cret', allowPrivate: true })(t, args);

  it('puts path arguments in the path (encoded), the rest in the query, the secret in the named header', async () => {
    seen.length = 0;
    const out = await call(getOrder, { order_id: '#W 1/2', verbose: true });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.status).toBe(200);
    expect((out.data as { order_id: string }).order_id).toBe('#W 1/2');
    expect(out.durationMs).toBeGreaterThanOrEqual(0);
    expect(seen[0]!.method).toBe('GET');
    expect(seen[0]!.url).toBe('/api/orders/%23W%201%2F2?verbose=true');
    expect(seen[0]!.headers['x-api-key']).toBe('s3cret');
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  it('sends the other arguments of a write as a JSON body, with a bearer secret', async () => {
    seen.length = 0;
    const cancel = tool({
      name: 'cancel_order',
      kind: 'write',
      method: 'POST',
      path: '/orders/{order_id}/cancel',
      input: {
        type: 'object',
        properties: { order_id: { type: 'string' }, reason: { type: 'string' }, item_ids: { type: 'array' } },
        required: ['order_id', 'reason'],
      },
      auth: { type: 'bearer' },
    });
    const out = await call(cancel, { order_id: 'W1', reason: 'no longer needed', item_ids: ['a', 'b'] });
    expect(out.ok).toBe(true);
    expect(seen[0]!.url).toBe('/api/orders/W1/cancel');
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(seen[0]!.headers.authorization).toBe('Bearer s3cret');
    expect(JSON.parse(seen[0]!.body)).toEqual({ reason: 'no longer needed', item_ids: ['a', 'b'] });
  });

  it('sends no secret when the tool declares no auth', async () => {
    seen.length = 0;
    await call(tool({ name: 'ping', path: '/ping' }), {});
    expect(seen[0]!.headers['x-api-key']).toBeUndefined();
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  it('refuses bad arguments without a request', async () => {
    seen.length = 0;
    const missing = await call(getOrder, { verbose: true });
    expect(missing).toMatchObject({ ok: false, error: 'invalid' });
    expect(!missing.ok && missing.message).toContain('order_id');
    const wrongType = await call(getOrder, { order_id: 'W1', verbose: 'yes' });
    expect(wrongType).toMatchObject({ ok: false, error: 'invalid' });
    expect(!wrongType.ok && wrongType.message).toContain('verbose');
    const unknown = await call(getOrder, { order_id: 'W1', refund_amount: 1000 });
    expect(unknown).toMatchObject({ ok: false, error: 'invalid' });
    expect(!unknown.ok && unknown.message).toContain('unknown argument "refund_amount"');
    const choice = tool({
      name: 'c',
      path: '/c',
      input: { type: 'object', properties: { reason: { type: 'string', enum: ['no longer needed', 'ordered by mistake'] } }, required: [] },
    });
    expect(await call(choice, { reason: 'because' })).toMatchObject({ ok: false, error: 'invalid' });
    const integer = tool({ name: 'n', path: '/n', input: { type: 'object', properties: { n: { type: 'integer' } }, required: [] } });
    expect(await call(integer, { n: 1.5 })).toMatchObject({ ok: false, error: 'invalid' });
    expect(seen).toHaveLength(0);
  });

  it('keeps only the declared output fields, through arrays', async () => {
    const slim = { ...getOrder, output: ['status', 'address.city', 'items.name', 'missing.field'] };
    const out = await call(slim, { order_id: 'W9' });
    expect(out).toMatchObject({ ok: true });
    expect(out.ok && out.data).toEqual({ status: 'pending', address: { city: 'Austin' }, items: [{ name: 'Lamp' }, { name: 'Desk' }] });
  });

  it('always keeps the fields the guard rails read (owner, verified identity), listed or not', async () => {
    const out = await call({ ...getOrder, output: ['status'], ownerField: 'user_id' }, { order_id: 'W9' });
    expect(out.ok && out.data).toEqual({ status: 'pending', user_id: 'u1' });
    const verifier = await call({ ...getOrder, output: ['status'], verifies: { resultField: 'order_id' } }, { order_id: 'W9' });
    expect(verifier.ok && verifier.data).toEqual({ status: 'pending', order_id: 'W9' });
  });

  it('refuses a secret or header it cannot send, without a request', async () => {
    seen.length = 0;
    const broken = createToolCaller({ apiBase: base, secret: 'line\nbreak', allowPrivate: true });
    expect(await broken(getOrder, { order_id: 'W1' })).toMatchObject({ ok: false, error: 'invalid' });
    const badHeader = { ...getOrder, auth: { type: 'header' as const, header: 'X Api Key' } };
    expect(await call(badHeader, { order_id: 'W1' })).toMatchObject({ ok: false, error: 'invalid' });
    expect(seen).toHaveLength(0);
  });

  it('keeps a plain-text result as the text', async () => {
    const out = await call(tool({ name: 'find_user', path: '/text' }), {});
    expect(out).toMatchObject({ ok: true, data: 'user_123' });
  });

  it("reports the API's own error message and status", async () => {
    expect(await call(tool({ name: 'f', path: '/fail' }), {})).toMatchObject({
      ok: false,
      error: 'http',
      status: 409,
      message: 'order is not pending',
    });
    expect(await call(tool({ name: 'f', path: '/fail-detail' }), {})).toMatchObject({
      error: 'http',
      status: 422,
      message: 'zip code does not match',
    });
    const plain = await call(tool({ name: 'f', path: '/fail-plain' }), {});
    expect(plain).toMatchObject({ ok: false, error: 'http', status: 500 });
    expect(!plain.ok && plain.message).toContain('500');
    expect(!plain.ok && plain.message).not.toContain('oops');
  });

  it('gives up at the tool deadline', async () => {
    const out = await call(tool({ name: 'slow', path: '/slow', timeoutMs: 200 }), {});
    expect(out).toMatchObject({ ok: false, error: 'timeout' });
  });

  it('reports a closed port as a network error', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const out = await createToolCaller({ apiBase: `http://127.0.0.1:${port}`, allowPrivate: true })(tool({ name: 'x', path: '/x' }), {});
    expect(out).toMatchObject({ ok: false, error: 'network' });
  });

  it('refuses a loopback API unless private addresses are allowed', async () => {
    seen.length = 0;
    const guarded = createToolCaller({ apiBase: base, secret: 's3cret', allowPrivate: false });
    const out = await guarded(getOrder, { order_id: 'W1' });
    expect(out).toMatchObject({ ok: false, error: 'ssrf' });
    const byName = createToolCaller({ apiBase: base.replace('127.0.0.1', 'localhost'), allowPrivate: false });
    expect(await byName(getOrder, { order_id: 'W1' })).toMatchObject({ ok: false, error: 'ssrf' });
    expect(seen).toHaveLength(0);
  });

  it('reports an unusable API base as invalid', async () => {
    const out = await createToolCaller({ apiBase: 'not a url', allowPrivate: true })(getOrder, { order_id: 'W1' });
    expect(out).toMatchObject({ ok: false, error: 'invalid' });
  });
});

describe('keepFields', () => {
  it('filters a top-level array element by element and keeps a whole subtree by its name', () => {
    expect(
      keepFields(
        [
          { a: 1, b: { c: 2, d: 3 } },
          { a: 4, b: { c: 5 } },
        ],
        ['b'],
      ),
    ).toEqual([{ b: { c: 2, d: 3 } }, { b: { c: 5 } }]);
    expect(keepFields({ a: [[{ x: 1, y: 2 }]] }, ['a.x'])).toEqual({ a: [[{ x: 1 }]] });
  });
});
