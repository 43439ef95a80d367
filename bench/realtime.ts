// Realtime benchmark: N customer WebSockets on one node (real Postgres), each customer in a
// live chat with an agent, sending messages over HTTP for D seconds; an agent socket receives
// every message. Prints
// messages/s and p50/p99 latency from send to the agent socket receiving it, and losses
// (acknowledged messages the agent's socket had not received 5 s after the last send); also
// the latency of the customer's HTTP answer, which waits for the line to be on disk.
//
//   npx tsx bench/realtime.ts [--customers 500] [--seconds 60] [--rate 330] [--warmup 10] [--database-url postgres://...] [--profile DIR] [--async-commit] [--queued]
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { apiClient, login, seedWorkspace, TestSocket, wsUrl } from '../test/support/baton.ts';
import { spawnServer } from '../test/support/processes.ts';
import { poster } from './support/poster.ts';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '60' },
    rate: { type: 'string', default: '330' },
    // Sent at the same rate before the measured window (JIT, pools and caches warm up); its
    // figures are printed too, apart.
    warmup: { type: 'string', default: '10' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    // Writes a V8 CPU profile of the server process into this folder (open it in Chrome DevTools).
    profile: { type: 'string' },
    // Diagnosis only: the bench database does not wait for the WAL flush at commit, which shows
    // how much of the tail is the disk's fsync latency (Baton's own default stays durable).
    'async-commit': { type: 'boolean', default: false },
    // Nobody accepts: every conversation waits in the queue (an outage, a rush), so each line
    // takes the locked path and updates its handoff's brief.
    queued: { type: 'boolean', default: false },
  },
});
const benchStart = performance.now();
const customers = Number(values.customers);
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const warmup = Number(values.warmup);

// A database of its own, dropped at the end.
const serverUrl = values['database-url']!;
const name = `baton_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${name}`);
if (values['async-commit']) await admin.query(`alter database ${name} set synchronous_commit = off`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const database = await openDatabase({ url: url.toString() });
await migrateToLatest(database);
const ws = await seedWorkspace(database.db, 'bench');
await database.close();

// Every bench client comes from 127.0.0.1: lift the per-address limit on starting conversations.
const server = await spawnServer(
  { DATABASE_URL: url.toString(), LOG_LEVEL: 'warn', RATE_LIMIT_START_PER_MINUTE: String(customers * 2) },
  values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [],
);
try {
  const api = apiClient(server.url);
  const post = poster(server.url);
  const agentToken = await login(server.url, ws.agent.email, ws.agent.password);
  const agent = await TestSocket.open(wsUrl(server.url, '/api/v1/ws', agentToken));
  // Matched by message id, not text: the PII shield may rewrite what was sent. A push can
  // arrive before the HTTP answer that names its id, so both sides are kept until they meet.
  const sentAt = new Map<string, number>();
  const arrivedAt = new Map<string, number>();
  /** Send time (relative to the window's start) and latency of each message that arrived. */
  const arrivals: { at: number; ms: number }[] = [];
  /** The same for the customer's HTTP answer (201: the line is on disk). */
  const acks: { at: number; ms: number }[] = [];
  let windowStart = 0;
  const meet = (id: string) => {
    const t0 = sentAt.get(id);
    const t1 = arrivedAt.get(id);
    if (t0 === undefined || t1 === undefined) return;
    arrivals.push({ at: t0 - windowStart, ms: t1 - t0 });
    if (process.env.BENCH_TRACE) console.error(Math.round(t0 - benchStart), Math.round(t1 - t0));
    sentAt.delete(id);
    arrivedAt.delete(id);
  };
  agent.ws.on('message', (raw) => {
    const push = JSON.parse(raw.toString());
    if (push.type !== 'message.created' || push.data.author !== 'customer') return;
    arrivedAt.set(push.data.id, performance.now());
    meet(push.data.id);
  });
  // The agent's socket keeps only what the bench reads.
  agent.received.length = 0;

  process.stderr.write(`opening ${customers} customer conversations and sockets...\n`);
  const sessions: { id: string; token: string; socket: TestSocket }[] = [];
  for (let i = 0; i < customers; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, customers - i) }, async () => {
        const started = await api('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug } });
        if (started.status !== 201) throw new Error(`start failed: ${started.status} ${JSON.stringify(started.body)}`);
        const id = started.body.conversation.id;
        // Live chat: the customer asks for a person and the agent takes the conversation, so
        // the timed phase measures customer -> agent messages (no bot turn, no waiting queue).
        await api('POST', `/api/v1/widget/conversations/${id}/handoff`, { token: started.body.token });
        if (!values.queued) {
          const accepted = await api('POST', `/api/v1/conversations/${id}/accept`, { token: agentToken });
          if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
        }
        const socket = await TestSocket.open(wsUrl(server.url, '/api/v1/widget/ws', started.body.token));
        socket.ws.removeAllListeners('message');
        return { id, token: started.body.token, socket };
      }),
    );
    sessions.push(...batch);
  }

  process.stderr.write(`sending at ${rate} messages/s: ${warmup} s warm-up, then ${seconds} s measured...\n`);
  let sent = 0;
  let failed = 0;
  const failures: Record<number, number> = {};
  const inflight = new Set<Promise<void>>();
  const started = performance.now() + warmup * 1000;
  windowStart = started;
  const end = started + seconds * 1000;
  let next = performance.now();
  let progressAt = next + 10_000;
  while (performance.now() < end) {
    const now = performance.now();
    if (now < next) {
      await new Promise((r) => setTimeout(r, Math.max(0, next - now)));
      continue;
    }
    next += 1000 / rate;
    const session = sessions[sent % sessions.length]!;
    const text = `bench message ${sent} from a customer`;
    sent++;
    const t0 = performance.now();
    const p = post(`/api/v1/widget/conversations/${session.id}/messages`, session.token, { text })
      .then((res) => {
        if (res.status !== 201) {
          failed++;
          failures[res.status] = (failures[res.status] ?? 0) + 1;
          return;
        }
        acks.push({ at: t0 - windowStart, ms: performance.now() - t0 });
        sentAt.set(res.body.message.id, t0);
        meet(res.body.message.id);
      })
      .catch(() => void failed++)
      .finally(() => inflight.delete(p));
    inflight.add(p);
    if (now > progressAt) {
      process.stderr.write(`  ${Math.round((now - started) / 1000)} s: sent ${sent}, received ${arrivals.length}\n`);
      progressAt += 10_000;
    }
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - started) / 1000;
  const drainUntil = performance.now() + 5000;
  while (sentAt.size > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 50));

  const measured = arrivals.filter((a) => a.at >= 0);
  const stats = (rows: { ms: number }[]) => {
    const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
    const pct = (p: number) => Number((ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))] ?? NaN).toFixed(1));
    return { p50: pct(50), p99: pct(99), max: Number((ms.at(-1) ?? NaN).toFixed(1)) };
  };
  console.log(
    JSON.stringify(
      {
        customers,
        warmup_seconds: warmup,
        seconds: Number(elapsed.toFixed(1)),
        sent,
        received_by_agent: arrivals.length,
        lost: sentAt.size,
        http_failures: failed,
        failures_by_status: failures,
        messages_per_second: Number((measured.length / elapsed).toFixed(1)),
        latency_ms: stats(measured),
        warmup_latency_ms: stats(arrivals.filter((a) => a.at < 0)),
        acknowledged_ms: stats(acks.filter((a) => a.at >= 0)),
      },
      null,
      2,
    ),
  );
  for (const s of sessions) s.socket.close();
  agent.close();
} finally {
  await server.kill();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
