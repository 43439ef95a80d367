// Realtime benchmark: N customer WebSockets on one node (real Postgres), each customer in a
// live chat with an agent, sending messages over HTTP for D seconds; an agent socket receives
// every message. Prints
// messages/s and p50/p99 latency from send to the agent socket receiving it, and losses.
//
//   npx tsx bench/realtime.ts [--customers 500] [--seconds 60] [--rate 330] [--database-url postgres://...] [--profile DIR]
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { apiClient, login, seedWorkspace, TestSocket, wsUrl } from '../test/support/baton.ts';
import { spawnServer } from '../test/support/processes.ts';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '60' },
    rate: { type: 'string', default: '330' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    // Writes a V8 CPU profile of the server process into this folder (open it in Chrome DevTools).
    profile: { type: 'string' },
  },
});
const benchStart = performance.now();
const customers = Number(values.customers);
const seconds = Number(values.seconds);
const rate = Number(values.rate);

// A database of its own, dropped at the end.
const serverUrl = values['database-url']!;
const name = `baton_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const database = await openDatabase({ url: url.toString() });
await migrateToLatest(database);
const ws = await seedWorkspace(database.db, 'bench');
await database.close();

// Every bench client comes from 127.0.0.1: lift the per-address limit on starting conversations.
const server = await spawnServer({ DATABASE_URL: url.toString(), LOG_LEVEL: 'warn', RATE_LIMIT_START_PER_MINUTE: String(customers * 2) },
  values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [],
);
try {
  const api = apiClient(server.url);
  const agentToken = await login(server.url, ws.agent.email, ws.agent.password);
  const agent = await TestSocket.open(wsUrl(server.url, '/api/v1/ws', agentToken));
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  agent.ws.on('message', (raw) => {
    const push = JSON.parse(raw.toString());
    if (push.type !== 'message.created' || push.data.author !== 'customer') return;
    const t0 = sentAt.get(push.data.text);
    if (t0 !== undefined) {
      latencies.push(performance.now() - t0);
      if (process.env.BENCH_TRACE) console.error(Math.round(t0 - benchStart), Math.round(performance.now() - t0));
      sentAt.delete(push.data.text);
    }
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
        const accepted = await api('POST', `/api/v1/conversations/${id}/accept`, { token: agentToken });
        if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
        const socket = await TestSocket.open(wsUrl(server.url, '/api/v1/widget/ws', started.body.token));
        socket.ws.removeAllListeners('message');
        return { id, token: started.body.token, socket };
      }),
    );
    sessions.push(...batch);
  }

  process.stderr.write(`sending at ${rate} messages/s for ${seconds} s...\n`);
  let sent = 0;
  let failed = 0;
  const failures: Record<number, number> = {};
  const inflight = new Set<Promise<void>>();
  const started = performance.now();
  const end = started + seconds * 1000;
  let next = started;
  let progressAt = started + 10_000;
  while (performance.now() < end) {
    const now = performance.now();
    if (now < next) {
      await new Promise((r) => setTimeout(r, Math.max(0, next - now)));
      continue;
    }
    next += 1000 / rate;
    const session = sessions[sent % sessions.length]!;
    const text = `bench ${sent} ${session.id}`;
    sent++;
    sentAt.set(text, performance.now());
    const p = api('POST', `/api/v1/widget/conversations/${session.id}/messages`, { token: session.token, body: { text } })
      .then((res) => {
        if (res.status !== 201) {
          failed++;
          failures[res.status] = (failures[res.status] ?? 0) + 1;
        }
      })
      .catch(() => void failed++)
      .finally(() => inflight.delete(p));
    inflight.add(p);
    if (now > progressAt) {
      process.stderr.write(`  ${Math.round((now - started) / 1000)} s: sent ${sent}, received ${latencies.length}\n`);
      progressAt += 10_000;
    }
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - started) / 1000;
  const drainUntil = performance.now() + 5000;
  while (sentAt.size > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 50));

  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  console.log(
    JSON.stringify(
      {
        customers,
        seconds: Number(elapsed.toFixed(1)),
        sent,
        received_by_agent: latencies.length,
        lost: sentAt.size,
        http_failures: failed,
        failures_by_status: failures,
        messages_per_second: Number((latencies.length / elapsed).toFixed(1)),
        latency_ms: { p50: Number(pct(50).toFixed(1)), p99: Number(pct(99).toFixed(1)), max: Number((latencies.at(-1) ?? NaN).toFixed(1)) },
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
