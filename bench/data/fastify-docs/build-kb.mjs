// Builds bench/data/fastify-docs/kb.jsonl: the Fastify reference documentation (from the installed
// fastify package, version 5.12.8: node_modules/fastify/docs/Reference/), split into one article
// per "## " section, as passage-only knowledge, no example questions.
// Text: Fastify documentation, MIT licence, copyright (c) 2016-present The Fastify team
// (see LICENSE-fastify-docs next to this script).
// Run once from the repository root: node bench/data/fastify-docs/build-kb.mjs
import { readFileSync, writeFileSync } from 'node:fs';
const files = ['Server', 'Routes', 'Reply', 'Request', 'Hooks', 'Logging', 'Validation-and-Serialization', 'Errors',
  'Plugins', 'Decorators', 'ContentTypeParser', 'HTTP2', 'Encapsulation', 'Lifecycle'];
const dir = 'node_modules/fastify/docs/Reference';
// The document's "# " heading, ignoring "# " lines inside ``` code fences (shell comments in examples).
// These files have none (they open with an HTML <h1>Fastify</h1>), so the file name is the fallback.
function docTitle(text, f) {
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    else if (!fenced && /^# /.test(line)) return line.slice(2).trim();
  }
  return f.replace(/-/g, ' ');
}
const out = [];
for (const f of files) {
  const text = readFileSync(`${dir}/${f}.md`, 'utf8');
  const doc = docTitle(text, f);
  const stem = f.toLowerCase();
  const parts = text.split(/^## /m);
  parts.forEach((part, i) => {
    const heading = i === 0 ? doc : part.split('\n')[0].trim();
    const body = (i === 0 ? part.replace(/^# .+$/m, '') : part.split('\n').slice(1).join('\n')).trim();
    if (body.split(/\s+/).length < 15) return;
    out.push({ id: `${stem}-${i}`, title: i === 0 ? doc : `${doc}: ${heading}`, body, url: `fastify/docs/Reference/${f}.md` });
  });
}
writeFileSync('bench/data/fastify-docs/kb.jsonl', out.map((a) => JSON.stringify(a)).join('\n') + '\n');
console.log(out.length, 'articles');
