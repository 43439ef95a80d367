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

/** Where `npm run build` puts the agent workspace and the widget. */
export const WEB_DIST = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));
export const WIDGET_DIST = fileURLToPath(new URL('../../../../widget/dist/', import.meta.url));

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
 * back to index.html), the widget at /widget.js and the demo host page at /demo. None of these
 * is under /api/v1.
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
    await scope.register(fastifyStatic, { root: WEB_DIST, serve: false });

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
      if (inside && rel && (await isFile(join(WEB_DIST, rel)))) {
        const immutable = rel.startsWith(`assets${sep}`);
        return reply.sendFile(rel, WEB_DIST, { maxAge: immutable ? 31_536_000_000 : 0, immutable });
      }
      // A file-looking path that is not there is a real 404; any other path is a client route.
      if (/\.[a-z0-9]{1,8}$/i.test(rel)) return reply.status(404).send(errorBody('not_found', 'No such file.'));
      if (!(await isFile(join(WEB_DIST, 'index.html')))) return notBuilt(reply, 'agent workspace');
      reply.header('content-security-policy', APP_CSP);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'same-origin');
      return reply.header('cache-control', 'no-cache').sendFile('index.html', WEB_DIST, { maxAge: 0 });
    });

    scope.get('/widget.js', async (_request, reply) => {
      if (!(await isFile(join(WIDGET_DIST, 'widget.js')))) return notBuilt(reply, 'chat widget');
      reply.header('access-control-allow-origin', '*');
      return reply.sendFile('widget.js', WIDGET_DIST, { maxAge: 300_000 });
    });

    scope.get('/demo', async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(demoPage(request.query as Record<string, unknown>)),
    );
  });
}
