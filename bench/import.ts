// Streams 100,000 generated tickets through `baton import` readers (Zendesk JSON document,
// Intercom NDJSON, CSV) into normalized JSONL, each in a child process with a small V8 heap
// cap, and prints wall time and peak RSS: memory stays flat whatever the file size.
//   npx tsx bench/import.ts [count]
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConversations, type ImportFormat } from '../src/import/index.ts';

const run = promisify(execFile);
const SELF = fileURLToPath(import.meta.url);

const PHRASES = [
  'I was charged twice for order #{n} and would like a refund please.',
  'My package for order {n} has not arrived yet, the tracking has not moved in a week.',
  'I cannot log in to my account, the reset e-mail never comes to customer{n}@example.com.',
  'How do I change the delivery address on my order {n}?',
  'The app crashes when I open the settings page on Android.',
];

function conversationText(i: number) {
  const p = PHRASES[i % PHRASES.length]!.replace('{n}', String(100000 + i));
  return {
    customer: p,
    bot: 'Here is an article that may help: https://help.example.com/a/' + (i % 97),
    agent: `Hi, thanks for waiting. I am looking at ${i % 2 ? 'your order' : 'this'} now.`,
  };
}

async function write(path: string, gen: () => Generator<string>) {
  const out = createWriteStream(path);
  for (const s of gen()) if (!out.write(s)) await once(out, 'drain');
  await new Promise<void>((resolve) => out.end(resolve));
}

const t0 = Date.UTC(2025, 0, 1) / 1000;

function* zendesk(n: number) {
  yield '{"tickets": [\n';
  for (let i = 0; i < n; i++) {
    const t = conversationText(i);
    const at = t0 + i * 60;
    const ticket = {
      id: i + 1,
      created_at: new Date(at * 1000).toISOString(),
      subject: `Ticket ${i + 1}`,
      requester_id: 5000 + i,
      status: 'solved',
      tags: ['bench'],
      comments: [
        { author_id: 5000 + i, body: t.customer, public: true, created_at: new Date(at * 1000).toISOString() },
        { author_id: 7, body: t.bot, public: true, created_at: new Date((at + 5) * 1000).toISOString(), via: { channel: 'answer_bot' } },
        { author_id: 9, body: 'internal note', public: false, created_at: new Date((at + 30) * 1000).toISOString() },
        { author_id: 9, body: t.agent, public: true, created_at: new Date((at + 300) * 1000).toISOString() },
      ],
    };
    yield (i ? ',\n' : '') + JSON.stringify(ticket);
  }
  yield '\n], "next_page": null, "count": ' + n + '}\n';
}

function* intercom(n: number) {
  for (let i = 0; i < n; i++) {
    const t = conversationText(i);
    const at = t0 + i * 60;
    yield (
      JSON.stringify({
        type: 'conversation',
        id: String(i + 1),
        created_at: at,
        state: 'closed',
        source: { type: 'conversation', body: `<p>${t.customer}</p>`, author: { type: 'user', id: `u${i}` } },
        conversation_parts: {
          type: 'conversation_part.list',
          conversation_parts: [
            { part_type: 'comment', body: `<p>${t.bot}</p>`, created_at: at + 5, author: { type: 'bot', id: 'fin' } },
            { part_type: 'comment', body: `<p>${t.agent}</p>`, created_at: at + 300, author: { type: 'admin', id: 'a1' } },
          ],
        },
      }) + '\n'
    );
  }
}

function* csv(n: number) {
  yield 'conversation_id,created_at,role,text\n';
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  for (let i = 0; i < n; i++) {
    const t = conversationText(i);
    const at = (t0 + i * 60) * 1000;
    yield `c${i},${new Date(at).toISOString()},customer,${q(t.customer)}\nc${i},${new Date(at + 5000).toISOString()},bot,${q(t.bot)}\nc${i},${new Date(at + 300000).toISOString()},agent,${q(t.agent)}\n`;
  }
}

/** The child: the CLI's read-and-write path, then its peak RSS. */
async function child(file: string, format: ImportFormat, outPath: string) {
  const start = performance.now();
  const out = createWriteStream(outPath);
  let ok = 0;
  let problems = 0;
  for await (const item of readConversations(file, format)) {
    if (!item.ok) {
      problems++;
      continue;
    }
    ok++;
    if (!out.write(JSON.stringify(item.conversation) + '\n')) await once(out, 'drain');
  }
  await new Promise<void>((resolve) => out.end(resolve));
  process.stdout.write(
    JSON.stringify({ ok, problems, seconds: (performance.now() - start) / 1000, max_rss_mb: process.resourceUsage().maxRSS / 1024 }),
  );
}

async function main() {
  if (process.argv[2] === '--child') return child(process.argv[3]!, process.argv[4] as ImportFormat, process.argv[5]!);
  const n = Number(process.argv[2] ?? 100_000);
  const dir = await mkdtemp(join(tmpdir(), 'baton-import-bench-'));
  try {
    const files: [ImportFormat, string, (n: number) => Generator<string>][] = [
      ['zendesk', join(dir, 'zendesk.json'), zendesk],
      ['intercom', join(dir, 'intercom.ndjson'), intercom],
      ['csv', join(dir, 'tickets.csv'), csv],
    ];
    console.log(`${n} tickets per file; each import runs in a child with --max-old-space-size=96`);
    console.log('format    file MB  seconds  conv/s   peak RSS MB  imported');
    for (const [format, path, gen] of files) {
      await write(path, () => gen(n));
      const mb = (await stat(path)).size / 1e6;
      const { stdout } = await run(
        process.execPath,
        ['--max-old-space-size=96', '--import', 'tsx', SELF, '--child', path, format, join(dir, `${format}.out.jsonl`)],
        { maxBuffer: 1e6 },
      );
      const r = JSON.parse(stdout) as { ok: number; problems: number; seconds: number; max_rss_mb: number };
      console.log(
        `${format.padEnd(9)} ${mb.toFixed(1).padStart(7)}  ${r.seconds.toFixed(1).padStart(7)}  ${Math.round(r.ok / r.seconds)
          .toString()
          .padStart(6)}  ${r.max_rss_mb.toFixed(0).padStart(11)}  ${r.ok}${r.problems ? ` (${r.problems} problems)` : ''}`,
      );
      await rm(path);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
