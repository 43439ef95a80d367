import { FAVICON_LINK } from './favicon.ts';

// The page at /: what a person sees first after `npm start` prints "Baton is running". It
// says what this server is and where to go next; nothing on it is secret or per-workspace.

/** The page's only style block: the landing page's Content-Security-Policy allows it by hash. */
export const LANDING_STYLE = `
  :root { color-scheme: light dark; --fg: #111827; --muted: #4b5563; --bg: #f3f4f6; --panel: #fff; --line: #d1d5db; --accent: #1d4ed8; --ok: #047857; }
  @media (prefers-color-scheme: dark) { :root { --fg: #f3f4f6; --muted: #9ca3af; --bg: #111827; --panel: #1f2937; --line: #374151; --accent: #93c5fd; --ok: #6ee7b7; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--fg); background: var(--bg); }
  main { max-width: 920px; margin: 0 auto; padding: 56px 24px 40px; }
  .brand { display: flex; align-items: center; gap: 14px; }
  .brand img { width: 48px; height: 48px; }
  h1 { font-size: 2rem; line-height: 1.2; margin: 0; }
  .lead { font-size: 1.125rem; color: var(--muted); max-width: 680px; margin: 16px 0 8px; }
  .status { display: inline-flex; align-items: center; gap: 8px; font-size: 0.875rem; color: var(--muted); margin: 0 0 32px; }
  .status::before { content: ''; width: 8px; height: 8px; border-radius: 50%; background: var(--ok); }
  ul { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
  @media (max-width: 640px) { ul { grid-template-columns: 1fr; } }
  li a { display: block; height: 100%; padding: 20px 22px; background: var(--panel); border: 1px solid var(--line); border-radius: 10px; color: inherit; text-decoration: none; }
  li a:hover { border-color: var(--accent); }
  li a:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  li h2 { font-size: 1.125rem; margin: 0 0 6px; color: var(--accent); }
  li p { margin: 0; color: var(--muted); font-size: 0.9375rem; }
  li code { font-size: 0.8125rem; }
  .embed { margin-top: 32px; padding: 16px 20px; border-radius: 10px; border: 1px dashed var(--line); font-size: 0.9375rem; }
  .embed p { margin: 0 0 8px; }
  .embed code { display: block; overflow-x: auto; white-space: pre; font-size: 0.8125rem; }
  footer { margin-top: 32px; font-size: 0.8125rem; color: var(--muted); }
`;

const LINKS = [
  {
    href: '/app/',
    title: 'Agent workspace',
    text: 'Log in to take handed-off conversations with their brief, reply and resolve. Admins set up knowledge, routing, teams and the widget here.',
  },
  {
    href: '/demo',
    title: 'Widget demo',
    text: 'A sample shop with the chat widget on it. Chat as a customer, ask for a person, and see the handoff arrive in the workspace.',
  },
  {
    href: '/api/v1/openapi.json',
    title: 'API reference',
    text: 'The REST API described in OpenAPI 3.1 (JSON): conversations, the widget, admin, webhooks. Load it into any OpenAPI viewer.',
  },
  {
    href: '/api/v1/health',
    title: 'Health check',
    text: 'Liveness and database reachability as JSON, for a load balancer or monitoring: <code>GET /api/v1/health</code>.',
  },
];

export function landingPage(opts: { database: 'pglite' | 'postgres' }): string {
  const database = opts.database === 'postgres' ? 'Postgres' : 'embedded database (PGlite)';
  const items = LINKS.map((l) => `    <li><a href="${l.href}"><h2>${l.title}</h2><p>${l.text}</p></a></li>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Baton · AI customer support with a human handoff</title>
${FAVICON_LINK}
<style>${LANDING_STYLE}</style>
</head>
<body>
<main>
  <div class="brand"><img src="/favicon.svg" alt=""><h1>Baton</h1></div>
  <p class="lead">Self-hosted AI customer support. The bot answers from your knowledge base; when it should not, it hands the conversation to a person, with a brief of what the customer needs.</p>
  <p class="status">Running on ${database}</p>
  <ul>
${items}
  </ul>
  <section class="embed" aria-label="Add the widget to your site">
    <p>Add the chat widget to your own site with one tag (your workspace's slug is on the Admin › Widget page):</p>
    <code>&lt;script src="https://your-baton-host/widget.js" data-workspace="your-workspace" async&gt;&lt;/script&gt;</code>
  </section>
  <footer>Baton serves the workspace at <code>/app</code>, the widget at <code>/widget.js</code> and the API under <code>/api/v1</code>.</footer>
</main>
</body>
</html>
`;
}
