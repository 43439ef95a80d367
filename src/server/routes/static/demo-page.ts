import { FAVICON_LINK } from './favicon.ts';

// The demo host page at /demo: a pretend shop with loud CSS of its own, to show that the
// widget's shadow DOM keeps styles apart. ?workspace= and ?lang= pick what the widget uses.

const SLUG = /^[a-z0-9][a-z0-9_-]{0,99}$/i;
const LANG = /^[a-z]{2}(-[a-z0-9]{2,8})?$/i;

export function demoPage(query: { workspace?: unknown; lang?: unknown }): string {
  const workspace = typeof query.workspace === 'string' && SLUG.test(query.workspace) ? query.workspace : 'demo';
  const lang = typeof query.lang === 'string' && LANG.test(query.lang) ? query.lang : null;
  // Both values passed the patterns above: no quote, angle bracket or ampersand can get through.
  const langAttr = lang ? ` data-lang="${lang}"` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo Shop · Baton widget demo</title>
${FAVICON_LINK}
<style>
  body { font-family: Georgia, serif; margin: 0; background: #fdf6e3; color: #3b2f1e; }
  header { background: #7c2d12; color: #fff; padding: 16px 24px; }
  main { max-width: 760px; margin: 0 auto; padding: 24px; }
  /* Deliberately hostile rules: none of them reaches inside the widget. */
  button { background: hotpink !important; font-size: 30px !important; }
  div, p { letter-spacing: 2px; }
  code { background: #eee8d5; padding: 2px 4px; }
</style>
</head>
<body>
<header><h1>Demo Shop</h1></header>
<main>
  <p>This page stands for your website. The chat button at the bottom right is the Baton widget,
  added with one script tag. Ask about refunds, shipping or your account; ask for a person at any time.</p>
  <p>Agents answer in the <a href="/app/">agent workspace</a> (demo login <code>admin@demo.baton.local</code> / <code>baton-demo</code>).</p>
  <p>Install snippet: <code>&lt;script src="https://your-baton-host/widget.js" data-workspace="${workspace}" async&gt;&lt;/script&gt;</code></p>
  <p><button type="button" onclick="window.Baton && window.Baton.open()">Open the chat</button></p>
</main>
<script src="/widget.js" data-workspace="${workspace}"${langAttr} async></script>
</body>
</html>
`;
}
