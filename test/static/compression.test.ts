import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { apiClient, login, seedWorkspace, startTestBaton, wsUrl, type SeededWorkspace } from '../support/baton.ts';
import { ROOT } from '../support/paths.ts';
import type { RunningBaton } from '../../src/app/runtime.ts';
import { COMPRESS_THRESHOLD } from '../../src/server/plugins/compression.ts';
import { ensureBuilt } from '../browser/build.ts';

// What goes over the wire, byte for byte: node:http, which (unlike fetch) neither asks for nor
// undoes any compression, against a real Baton on loopback serving a real build.

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The body as the client reads it once Content-Encoding is undone. */
function decoded(res: Raw): Buffer {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(res.body);
  if (encoding === 'gzip') return gunzipSync(res.body);
  expect(encoding).toBeUndefined();
  return res.body;
}

const varies = (res: Raw) => String(res.headers.vary ?? '').toLowerCase();

describe('static assets precompressed, API answers compressed, hashed files cached for good', () => {
  let tdb: TestDatabase;
  let baton: RunningBaton;
  let ws: SeededWorkspace;
  let admin: string;
  let widget: Buffer;

  beforeAll(async () => {
    const built = ensureBuilt();
    tdb = await openTestDatabase();
    baton = await startTestBaton(tdb.database);
    ws = await seedWorkspace(tdb.database.db);
    admin = await login(baton.url, ws.admin.email, ws.admin.password);
    await built;
    widget = await readFile(join(ROOT, 'widget/dist/widget.js'));
  }, 180_000); // builds the app and the widget when their sources changed

  afterAll(async () => {
    await baton?.stop();
    await tdb?.dispose();
  });

  describe('/widget.js', () => {
    it('goes out as brotli when the client takes it, and decodes to the built bytes', async () => {
      const res = await get(`${baton.url}/widget.js`, { 'accept-encoding': 'gzip, deflate, br' });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['content-type']).toMatch(/^(application|text)\/javascript/);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(res.body.length).toBeLessThan(widget.length / 2);
      expect(decoded(res).equals(widget)).toBe(true);
      expect(varies(res)).toContain('accept-encoding');
      // The stable name follows upgrades: a short cache, still loadable from any site.
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    });

    it('goes out as gzip to a client without brotli', async () => {
      const res = await get(`${baton.url}/widget.js`, { 'accept-encoding': 'gzip, deflate' });
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.body.length).toBeLessThan(widget.length / 2);
      expect(decoded(res).equals(widget)).toBe(true);
      expect(varies(res)).toContain('accept-encoding');
    });

    it('honours q-values: brotli refused means gzip', async () => {
      const res = await get(`${baton.url}/widget.js`, { 'accept-encoding': 'br;q=0, gzip' });
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(decoded(res).equals(widget)).toBe(true);
    });

    it('goes out as it is without Accept-Encoding, or with identity only', async () => {
      for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
        const res = await get(`${baton.url}/widget.js`, headers);
        expect(res.status).toBe(200);
        expect(res.headers['content-encoding']).toBeUndefined();
        expect(res.body.equals(widget)).toBe(true);
        // A shared cache must still keep the encodings apart.
        expect(varies(res)).toContain('accept-encoding');
      }
    });

    it('gives each encoding its own ETag, and 304 to a client that has it', async () => {
      const br = await get(`${baton.url}/widget.js`, { 'accept-encoding': 'br' });
      const plain = await get(`${baton.url}/widget.js`);
      expect(br.headers.etag).toBeTruthy();
      expect(br.headers.etag).not.toBe(plain.headers.etag);
      const again = await get(`${baton.url}/widget.js`, { 'accept-encoding': 'br', 'if-none-match': br.headers.etag! });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    });
  });

  describe('the pinned widget', () => {
    it('is published with its integrity by the admin API and serves the same script, cached for a year', async () => {
      const { status, body } = await apiClient(baton.url)('GET', '/api/v1/admin/widget-snippet', { token: admin });
      expect(status).toBe(200);
      const pinned = body.pinned as { script_url: string; integrity: string; snippet: string };
      expect(pinned.script_url).toMatch(new RegExp(`^${baton.url}/widget\\.[0-9a-f]{16}\\.js$`));
      // The integrity is the SRI value of the bytes /widget.js serves, computed here on our own.
      expect(pinned.integrity).toBe(`sha384-${createHash('sha384').update(widget).digest('base64')}`);
      expect(pinned.snippet).toBe(
        `<script src="${pinned.script_url}" integrity="${pinned.integrity}" crossorigin="anonymous" data-workspace="${ws.slug}" async></script>`,
      );

      for (const encoding of ['br', 'gzip', 'identity']) {
        const res = await get(pinned.script_url, { 'accept-encoding': encoding });
        expect(res.status).toBe(200);
        expect(res.headers['content-encoding']).toBe(encoding === 'identity' ? undefined : encoding);
        const bytes = decoded(res);
        expect(bytes.equals(widget)).toBe(true);
        expect(`sha384-${createHash('sha384').update(bytes).digest('base64')}`).toBe(pinned.integrity);
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(varies(res)).toContain('accept-encoding');
        // crossorigin="anonymous" (which integrity needs) makes it a CORS request.
        expect(res.headers['access-control-allow-origin']).toBe('*');
        expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
      }
    });

    it('answers 404 for a hash that is not this build, and never serves the .br/.gz files by name', async () => {
      for (const path of ['/widget.0123456789abcdef.js', '/widget.nothex.js', '/widget..js', '/widget.js.br', '/widget.manifest.json']) {
        expect((await get(`${baton.url}${path}`)).status, path).toBe(404);
      }
    });
  });

  describe('the agent workspace', () => {
    async function firstLoad(encoding: string): Promise<{ html: Raw; assets: Raw[] }> {
      const html = await get(`${baton.url}/app/`, { 'accept-encoding': encoding });
      const refs = [
        ...decoded(html)
          .toString('utf8')
          .matchAll(/(?:src|href)="(\/app\/assets\/[^"]+)"/g),
      ].map((m) => m[1]!);
      expect(refs.length).toBeGreaterThanOrEqual(2); // the entry script and its stylesheet
      return { html, assets: await Promise.all(refs.map((ref) => get(`${baton.url}${ref}`, { 'accept-encoding': encoding }))) };
    }

    it('sends hashed assets precompressed and cached for a year, index.html revalidated', async () => {
      const { html, assets } = await firstLoad('gzip, deflate, br');
      expect(html.headers['cache-control']).toBe('no-cache');
      expect(html.headers['content-security-policy']).toContain("script-src 'self'");
      for (const asset of assets) {
        expect(asset.status).toBe(200);
        expect(asset.headers['content-encoding']).toBe('br');
        expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(varies(asset)).toContain('accept-encoding');
      }
      // Decoded, each is the file the build wrote.
      const plain = await firstLoad('identity');
      for (const [i, asset] of assets.entries()) expect(decoded(asset).equals(plain.assets[i]!.body)).toBe(true);
      const wire = (load: { html: Raw; assets: Raw[] }) => [load.html, ...load.assets].reduce((n, r) => n + r.body.length, 0);
      expect(wire({ html, assets })).toBeLessThan(wire(plain) / 3);
    });

    it('answers 404 for a .br or .gz copy asked for by name', async () => {
      const { assets } = await firstLoad('identity');
      expect(assets.length).toBeGreaterThan(0);
      const html = await get(`${baton.url}/app/`);
      const entry = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html.body.toString('utf8'))![1]!;
      expect((await get(`${baton.url}${entry}.br`)).status).toBe(404);
      expect((await get(`${baton.url}${entry}.gz`)).status).toBe(404);
    });
  });

  describe('API answers', () => {
    it('compresses a large answer with the encoding the client prefers', async () => {
      const plain = await get(`${baton.url}/api/v1/openapi.json`);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(COMPRESS_THRESHOLD);
      for (const encoding of ['br', 'gzip']) {
        const res = await get(`${baton.url}/api/v1/openapi.json`, { 'accept-encoding': `${encoding}, deflate` });
        expect(res.status).toBe(200);
        expect(res.headers['content-encoding']).toBe(encoding);
        expect(varies(res)).toContain('accept-encoding');
        expect(res.body.length).toBeLessThan(plain.body.length / 4);
        expect(JSON.parse(decoded(res).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));
      }
    });

    it('compresses an authenticated JSON answer over the threshold too', async () => {
      const res = await get(`${baton.url}/api/v1/admin/widget-snippet`, { authorization: `Bearer ${admin}`, 'accept-encoding': 'br' });
      expect(res.status).toBe(200);
      const body = decoded(res);
      expect(body.length).toBeGreaterThan(COMPRESS_THRESHOLD);
      expect(res.headers['content-encoding']).toBe('br');
      expect(JSON.parse(body.toString('utf8')).workspace).toBe(ws.slug);
    });

    it('sends a small answer as it is', async () => {
      const res = await get(`${baton.url}/api/v1/health`, { 'accept-encoding': 'br, gzip' });
      expect(res.status).toBe(200);
      expect(res.body.length).toBeLessThan(COMPRESS_THRESHOLD);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ ok: true });
    });

    it('leaves WebSocket upgrades alone, whatever the client accepts', async () => {
      const socket = new WebSocket(wsUrl(baton.url, '/api/v1/ws', admin), { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      const first = await new Promise<{ type: string }>((resolve, reject) => {
        socket.once('message', (raw) => resolve(JSON.parse(String(raw)) as { type: string }));
        socket.once('error', reject);
      });
      socket.close();
      expect(first.type).toBe('ready');
    });
  });
});
