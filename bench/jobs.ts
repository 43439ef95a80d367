// Background-job benchmark: one server node on a real Postgres, a webhook subscriber on
// loopback (every message.created), customers sending lines at a steady rate. Prints webhook
// deliveries per second while the lines arrive, the backlog (deliveries not yet made) when
// sending stops, and how fast that backlog drains afterwards.
//
//   npx tsx bench/jobs.ts [--rate 100] [--seconds 60] [--drain 15] [--receiver-ms 0] [--database-url postgres://...]
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { apiClient, login, seedWorkspace } from '../test/support/baton.ts';
import { spawnServer } from '../test/support/processes.ts';
import { poster } from './support/poster.ts';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '60' },
    // After sending stops, watch the backlog drain for at most this long.
    drain: { type: 'string', default: '10' },
    // How long the subscriber takes to answer (a real endpoint is not instant).
    'receiver-ms': { type: 'string', default: '0' },
    conversations: { type: 'string', default: '200' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const drainSeconds = Number(values.drain);
const receiverMs = Number(values['receiver-ms']);
const conversationCount = Number(values.conversations);

// A database of its own, dropped at the end.
const serverUrl = values['database-url']!;
const name = `baton_bench_jobs_${Date.now()}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const database = await openDatabase({ url: url.toString() });
await migrateToLatest(database);
const ws = await seedWorkspace(database.db, 'bench');
await database.close();

let delivered = 0;
const receiver = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    delivered++;
    setTimeout(() => res.writeHead(204).end(), receiverMs);
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));

const server = await spawnServer({
  DATABASE_URL: url.toString(),
  LOG_LEVEL: 'warn',
  BATON_SECRET_KEY: randomBytes(32).toString('hex'),
  RATE_LIMIT_START_PER_MINUTE: String(conversationCount * 2),
  RATE_LIMIT_CUSTOMER_PER_MINUTE: '100000',
});
const counts = new pg.Client({ connectionString: url.toString() });
await counts.connect();
/** Deliveries the server has recorded and not yet made (the outbox writes one per subscriber and event). */
const backlog = async () => Number((await counts.query(`select count(*) as n from webhook_deliveries where status = 'pending'`)).rows[0].n);
try {
  const api = apiClient(server.url);
  const post = poster(server.url);
  const adminToken = await login(server.url, ws.admin.email, ws.admin.password);
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const sub = await api('POST', '/api/v1/webhooks', {
    token: adminToken,
    body: { url: hookUrl, event_types: ['message.created'], allow_private: true },
  });
  if (sub.status !== 201) throw new Error(`webhook subscription: ${sub.status} ${JSON.stringify(sub.body)}`);

  process.stderr.write(`opening ${conversationCount} conversations...\n`);
  const conversations: { id: string; token: string }[] = [];
  for (let i = 0; i < conversationCount; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, conversationCount - i) }, async () => {
        const res = await api('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug } });
        if (res.status !== 201) throw new Error(`start: ${res.status}`);
        return { id: res.body.conversation.id, token: res.body.token };
      }),
    );
    conversations.push(...batch);
  }
  // Conversations start quietly (no events to deliver); wait for anything they caused.
  await new Promise((r) => setTimeout(r, 2000));
  delivered = 0;

  process.stderr.write(`sending ${rate} lines/s for ${seconds} s...\n`);
  let sent = 0;
  let failed = 0;
  // A server that cannot keep up is not buried under its own backlog: a tick with this many
  // lines unanswered is skipped (and counted), so the figures say what it managed.
  const maxInFlight = rate * 2;
  let skipped = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const pending = new Set<Promise<unknown>>();
  const perSecond: number[] = [];
  let lastDelivered = 0;
  const ticker = setInterval(() => {
    perSecond.push(delivered - lastDelivered);
    lastDelivered = delivered;
  }, 1000);
  for (let next = start; next < end; next += 1000 / rate) {
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (pending.size >= maxInFlight) {
      skipped++;
      continue;
    }
    const c = conversations[sent % conversations.length]!;
    sent++;
    const p = post(`/api/v1/widget/conversations/${c.id}/messages`, c.token, { text: `line ${sent}: where is my parcel?` }).then(
      (r) => void (r.status !== 201 && failed++),
      () => void failed++,
    );
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }
  await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 10_000))]);
  const sendSeconds = (performance.now() - start) / 1000;
  const deliveredWhileSending = delivered;
  const backlogAtEnd = await backlog();

  const drainStart = performance.now();
  const deliveredBeforeDrain = delivered;
  let left = backlogAtEnd;
  while (left > 0 && performance.now() - drainStart < drainSeconds * 1000) {
    await new Promise((r) => setTimeout(r, 500));
    left = await backlog();
  }
  const drainTime = (performance.now() - drainStart) / 1000;
  clearInterval(ticker);

  const sorted = [...perSecond].sort((a, b) => a - b);
  const lines = [
    `lines sent: ${sent} in ${sendSeconds.toFixed(1)} s (${(sent / sendSeconds).toFixed(1)}/s), ${failed} failed, ${skipped} skipped (server behind)`,
    `webhook deliveries while sending: ${deliveredWhileSending} (${(deliveredWhileSending / sendSeconds).toFixed(1)}/s; per-second median ${sorted[Math.floor(sorted.length / 2)] ?? 0})`,
    `backlog when sending stopped: ${backlogAtEnd} deliveries pending`,
    `${left === 0 ? 'backlog drained' : `${left} still pending`} after ${drainTime.toFixed(1)} s without new lines: ${delivered - deliveredBeforeDrain} delivered (${((delivered - deliveredBeforeDrain) / drainTime).toFixed(1)}/s)`,
  ];
  console.log(lines.join('\n'));
} finally {
  await counts.end();
  await server.kill();
  receiver.close();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
