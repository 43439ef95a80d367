// Builds bench/data/baton-docs/kb.jsonl: this repository's user documentation (a frozen copy,
// split into one article per "## " section) as passage-only knowledge, no example questions.
// Run once from the repository root: node bench/data/baton-docs/build-kb.mjs
import { readFileSync, writeFileSync } from 'node:fs';
const files = ['widget', 'webhooks', 'pii', 'routing', 'security', 'audit', 'connectors', 'llm', 'brief', 'import', 'analytics', 'workspace'];
const out = [];
for (const f of files) {
  const text = readFileSync(`docs/${f}.md`, 'utf8');
  const doc = (text.match(/^# (.+)$/m)?.[1] ?? f).trim();
  const parts = text.split(/^## /m);
  parts.forEach((part, i) => {
    const heading = i === 0 ? doc : part.split('\n')[0].trim();
    const body = (i === 0 ? part.replace(/^# .+$/m, '') : part.split('\n').slice(1).join('\n')).trim();
    if (body.split(/\s+/).length < 15) return;
    out.push({ id: `${f}-${i}`, title: i === 0 ? doc : `${doc}: ${heading}`, body, url: `docs/${f}.md` });
  });
}
writeFileSync('bench/data/baton-docs/kb.jsonl', out.map((a) => JSON.stringify(a)).join('\n') + '\n');
console.log(out.length, 'articles');
