import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, normalize, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { errorBody } from '../../../errors.ts';
import { demoPage } from './demo-page.ts';
import { landingPage } from './landing-page.ts';
import { FAVICON_SVG } from './favicon.ts';
// The agent workspace's policy is defined once, with the other response headers.
import { APP_CSP } from '../../plugins/security.ts';
import type { AppContext } from '../../context.ts';
import { PINNED_WIDGET_FILE, WIDGET_DIST } from './widget-build.ts';

/** Where `npm run build` puts the agent workspace. */
export const WEB_DIST = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));

/**
 * Cache-Control per kind of file. Names with a content hash (Vite's assets/, the pinned widget)
 * never change: a year, immutable. The stable /widget.js follows upgrades within minutes. The
 * rest (index.html, unhashed files) is revalidated each time (its ETag makes that cheap).
 */
const CACHE = {
  hashed: 'public, max-age=31536000, immutable',
  widget: 'public, max-age=300',
  revalidate: 'no-cache',
} as const;

/** The precompressed copies (.br, .gz) are sent in place of their file, never by their own name. */
const COMPRESSED_COPY = /\.(?:br|gz)$/;

/**
 * Sends a built file, or its .br/.gz copy when Accept-Encoding allows (@fastify/static's
 * preCompressed); caches keep one copy per encoding (Vary).
 */
function sendBuilt(reply: FastifyReply, file: string, root: string, cacheControl: string) {
  return reply.header('cache-control', cacheControl).header('vary', 'accept-encoding').sendFile(file, root);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function notBuilt(reply: FastifyReply, what: string) {
  return reply
    .status(503)
    .type('text/plain; charset=utf-8')
    .send(`The ${what} is not built yet. Run \`npm run build\` (npm start does it for you), then reload.\n`);
}

/**
 * Serves the landing page at /, the icon, the built web app at /app (history-API routes fall
 * back to index.html), the widget at /widget.js and /widget.<hash>.js, and the demo host page at
 * /demo. None of these is under /api/v1, so none is compressed on the fly
 * (plugins/compression.ts): the build's .br/.gz are sent.
 */
export function staticRoutes(app: FastifyInstance, ctx: AppContext): void {
  // The widget runs on customers' own sites: its (token-authenticated, cookie-free) API and
  // nothing else answers cross-origin requests.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/v1/widget/')) return;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'content-type');
    if (request.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
      reply.header('access-control-allow-headers', 'authorization, content-type, x-conversation-token');
      reply.header('access-control-max-age', '600');
      return reply.status(204).send();
    }
  });
  app.options('/api/v1/widget/*', { schema: { hide: true }, config: { access: { kind: 'public' } } }, async (_request, reply) =>
    reply.status(204).send(),
  );

  void app.register(async (scope) => {
    // cacheControl: false leaves Cache-Control to sendBuilt (also when preCompressed falls back to the plain file).
    await scope.register(fastifyStatic, { root: WEB_DIST, serve: false, preCompressed: true, cacheControl: false });

    scope.get('/', async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(landingPage({ database: ctx.database.kind })),
    );

    for (const path of ['/favicon.svg', '/favicon.ico'])
      scope.get(path, async (_request, reply) =>
        reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON_SVG),
      );

    scope.get('/app', async (_request, reply) => reply.redirect('/app/', 302));

    scope.get('/app/*', async (request, reply) => {
      const wanted = (request.params as { '*': string })['*'] ?? '';
      const rel = normalize(decodeURIComponent(wanted.split('?')[0] ?? '')).replace(/^([/\\])+/, '');
      const inside = !rel.startsWith('..') && !rel.includes(`${sep}..${sep}`);
      if (inside && rel && !COMPRESSED_COPY.test(rel) && (await isFile(join(WEB_DIST, rel)))) {
        // Vite names everything under assets/ by its content hash.
        return sendBuilt(reply, rel, WEB_DIST, rel.startsWith(`assets${sep}`) ? CACHE.hashed : CACHE.revalidate);
      }
      // A file-looking path that is not there is a real 404; any other path is a client route.
      if (/\.[a-z0-9]{1,8}$/i.test(rel)) return reply.status(404).send(errorBody('not_found', 'No such file.'));
      if (!(await isFile(join(WEB_DIST, 'index.html')))) return notBuilt(reply, 'agent workspace');
      reply.header('content-security-policy', APP_CSP);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'same-origin');
      return sendBuilt(reply, 'index.html', WEB_DIST, CACHE.revalidate);
    });

    // CORS lets a host page load it with crossorigin="anonymous", which `integrity` requires.
    scope.get('/widget.js', async (_request, reply) => {
      if (!(await isFile(join(WIDGET_DIST, 'widget.js')))) return notBuilt(reply, 'chat widget');
      reply.header('access-control-allow-origin', '*');
      return sendBuilt(reply, 'widget.js', WIDGET_DIST, CACHE.widget);
    });

    // The pinned widget: the bytes of one build under their hash (docs/widget.md, "Pinning a version").
    scope.get('/widget.:hash.js', async (request, reply) => {
      const file = `widget.${(request.params as { hash: string }).hash}.js`;
      if (!PINNED_WIDGET_FILE.test(file) || !(await isFile(join(WIDGET_DIST, file))))
        return reply
          .status(404)
          .send(errorBody('not_found', 'No such widget build: use /widget.js, or the pinned URL the admin API gives.'));
      reply.header('access-control-allow-origin', '*');
      return sendBuilt(reply, file, WIDGET_DIST, CACHE.hashed);
    });

    scope.get('/demo', async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(demoPage(request.query as Record<string, unknown>)),
    );
  });
}
