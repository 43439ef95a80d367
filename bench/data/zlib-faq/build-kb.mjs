// Builds bench/data/zlib-faq/kb.jsonl: the zlib FAQ (FAQ.txt next to this script, copied from
// zlib 1.2.13 as packaged by Debian, /usr/share/doc/zlib1g-dev/FAQ.gz) as help-centre knowledge:
// one article per numbered question, the question as its title, the answer as its body, no
// example questions. Text (c) 1995-2013 Jean-loup Gailly and Mark Adler, zlib licence (LICENSE).
// Run from the repository root: node bench/data/zlib-faq/build-kb.mjs
import { readFileSync, writeFileSync } from 'node:fs';
const dir = 'bench/data/zlib-faq';
const text = readFileSync(`${dir}/FAQ.txt`, 'utf8');
// An entry opens with its number at the line start ("12. Can zlib ..."); the question runs to the
// first blank line, the answer to the next entry.
const parts = text.split(/^ ?(\d{1,2})\. /m).slice(1);
const out = [];
for (let i = 0; i < parts.length; i += 2) {
  const n = Number(parts[i]);
  const [q, ...rest] = parts[i + 1].split(/\n\s*\n/);
  const title = q.replace(/\s+/g, ' ').trim();
  const body = rest
    .map((p) => p.replace(/^ {4}/gm, '').trim())
    .filter(Boolean)
    .join('\n\n');
  out.push({ id: `zf-${String(n).padStart(2, '0')}`, title, body });
}
writeFileSync(`${dir}/kb.jsonl`, out.map((a) => JSON.stringify(a)).join('\n') + '\n');
console.log(`${out.length} articles`);
