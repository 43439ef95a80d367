// Realtime benchmark on one node (real Postgres), at offered rates stepped up until it saturates.
//
// Agent path (default): N customer WebSockets, each customer in a live chat with an agent,
// sending lines over HTTP; an agent socket receives every line. Latency: from send to the
// agent's socket receiving the line.
// Bot path (--bot): N customers chat with the bot on a workspace with knowledge loaded (the
// demo's, or a knowledge file given with --data, e.g. CLINC150's kb.jsonl); each line is one of
// the articles' example questions. Latency: from send to the bot's answer arriving on the
// customer's own socket.
//
// Per step: lines/s, p50/p99/max latency, losses (acknowledged lines whose push had not
// arrived 5 s after the step's last send), lines the bot left unanswered, handoffs, and the
// latency of the customer's HTTP answer (which waits for the line to be on disk). Then pgbench
// runs the same path's writes (bench/pgbench/) on the same database for --pgbench-seconds, and
// the bench prints the ratio of the highest rate sustained at p99 < 100 ms with nothing lost
// to pgbench's rate.
//
//   npx tsx bench/realtime.ts [--bot] [--data kb.jsonl] [--customers 500] [--rates 100,200,400]
//     [--seconds 60] [--warmup 10] [--pgbench-seconds 20] [--pgbench-clients 8]
//     [--nodes 1] [--database-url postgres://...] [--profile DIR] [--async-commit] [--queued]
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { syncArticles } from '../src/db/repositories/knowledge.ts';
import { loadKnowledge } from '../src/knowledge/index.ts';
import { apiClient, login, seedWorkspace, TestSocket, wsUrl } from '../test/support/baton.ts';
import { spawnServer } from '../test/support/processes.ts';
import { poster } from './support/poster.ts';
import { runPgbench } from './support/pgbench.ts';
import { printTopSelfTime } from './support/cpu-profile.ts';
import { printAllocations } from './support/alloc-profile.ts';
import { cpuPerLine, sampleCpu } from './support/cpu-time.ts';

const { values } = parseArgs({
  options: {
    bot: { type: 'boolean', default: false },
    // Knowledge for --bot: a JSONL file or folder as `baton ingest` reads it (docs/formats.md).
    data: { type: 'string', default: fileURLToPath(new URL('../demo/knowledge.jsonl', import.meta.url)) },
    customers: { type: 'string', default: '500' },
    // Server processes on the same database; customers are spread over them, the agent's
    // socket is on the last, so lines cross nodes through LISTEN/NOTIFY (docs/scaling.md).
    nodes: { type: 'string', default: '1' },
    // Staff sockets open on the last node (an inbox open in each agent's browser): every one of
    // them hears the workspace's lines, so the fan-out grows with this.
    agents: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '60' },
    // Offered lines per second, one step each; --rate is the one-step form.
    rates: { type: 'string' },
    rate: { type: 'string', default: '330' },
    // Sent at the first rate before the first step (JIT, pools and caches warm up); its
    // figures are printed too, apart.
    warmup: { type: 'string', default: '10' },
    'pgbench-seconds': { type: 'string', default: '20' },
    'pgbench-clients': { type: 'string', default: '8' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    // Writes a V8 CPU profile of the server process into this folder (open it in Chrome
    // DevTools) and prints its top functions by self time.
    profile: { type: 'string' },
    // Writes a sampling allocation profile of each server's main thread over the measured steps
    // (warm-up left out) into this folder and prints where the bytes went, and how many a line.
    'alloc-profile': { type: 'string' },
    // Node or V8 flags for the server processes, space-separated (e.g. "--single-threaded-gc"):
    // for trying a runtime setting against the same build.
    'server-flags': { type: 'string', default: '' },
    // Diagnosis only: the bench database does not wait for the WAL flush at commit, which shows
    // how much of the tail is the disk's fsync latency (Baton's own default stays durable).
    'async-commit': { type: 'boolean', default: false },
    // Agent path only. Nobody accepts: every conversation waits in the queue (an outage, a
    // rush), so each line takes the locked path and updates its handoff's brief.
    queued: { type: 'boolean', default: false },
  },
});
const benchStart = performance.now();
const startedAt = Date.now();
const botPath = values.bot;
const ALLOC_SAMPLING = fileURLToPath(new URL('./support/alloc-sampling.mjs', import.meta.url));
const customers = Number(values.customers);
const seconds = Number(values.seconds);
const rates = (values.rates ?? values.rate!).split(',').map(Number);
const warmup = Number(values.warmup);
/** The latency a rate must keep at p99 to count as sustained. */
const SUSTAINED_P99_MS = 100;

// Lines to send: on the bot path, the knowledge's example questions (so the bot answers).
let lines = ['bench message from a customer'];
let articles: Awaited<ReturnType<typeof loadKnowledge>>['articles'] = [];
if (botPath) {
  const loaded = await loadKnowledge(values.data!);
  if (loaded.errors.length > 0) throw new Error(`knowledge ${values.data}: ${JSON.stringify(loaded.errors.slice(0, 3))}`);
  articles = loaded.articles;
  lines = articles.flatMap((a) => a.examples ?? []);
  if (lines.length === 0) throw new Error(`knowledge ${values.data} has no example questions to send`);
}

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
if (botPath) await syncArticles(database.db, ws.id, articles, { prune: true });
await database.close();
// Table statistics are per database: the bench's own reads them.
const inBenchDatabase = new pg.Client({ connectionString: url.toString() });
await inBenchDatabase.connect();

const nodeCount = Number(values.nodes);
const servers = await Promise.all(
  Array.from({ length: nodeCount }, () =>
    spawnServer(
      {
        DATABASE_URL: url.toString(),
        LOG_LEVEL: 'warn',
        // Every bench client comes from 127.0.0.1, and a customer may send more than a person types.
        RATE_LIMIT_START_PER_MINUTE: String(customers * 2),
        RATE_LIMIT_CUSTOMER_PER_MINUTE: '100000',
        ...(values['alloc-profile'] ? { BENCH_ALLOC_PROFILE: values['alloc-profile'] } : {}),
      },
      [
        ...values['server-flags']!.split(' ').filter(Boolean),
        ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []),
        ...(values['alloc-profile'] ? ['--import', ALLOC_SAMPLING] : []),
      ],
      botPath ? fileURLToPath(new URL('./support/bot-server.ts', import.meta.url)) : undefined,
    ),
  ),
);
const staffNode = servers.at(-1)!;
const serverPids = servers.map((s) => s.child.pid!);

type Timed = { at: number; ms: number };
/** A customer: its conversation, token and socket, and its node's sender. */
interface Session {
  id: string;
  token: string;
  socket: TestSocket;
  post: ReturnType<typeof poster>;
  node: number;
}
/** One offered rate's figures; a line belongs to the step it was sent in. */
interface Step {
  rate: number;
  start: number;
  sent: number;
  failed: number;
  failures: Record<number, number>;
  /** The bot's turn gave no answer (a newer line from the same customer came first). */
  unanswered: number;
  /** Lines the bot answered by handing the conversation to a person (not timed). */
  handoffs: number;
  /** Per awaited push id: when it was sent, until it arrives. */
  waiting: Map<string, number>;
  arrivals: Timed[];
  acks: Timed[];
}
const newStep = (rate: number, start: number): Step => ({
  rate,
  start,
  sent: 0,
  failed: 0,
  failures: {},
  unanswered: 0,
  handoffs: 0,
  waiting: new Map(),
  arrivals: [],
  acks: [],
});

const stats = (rows: { ms: number }[]) => {
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  const pct = (p: number) => Number((ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))] ?? NaN).toFixed(1));
  return { p50: pct(50), p99: pct(99), max: Number((ms.at(-1) ?? NaN).toFixed(1)) };
};

let report: Record<string, unknown> = {};
try {
  const nodes = servers.map((s) => ({ url: s.url, api: apiClient(s.url), post: poster(s.url) }));
  const agentToken = await login(staffNode.url, ws.agent.email, ws.agent.password);

  // Matched by id, not text: the PII shield may rewrite what was sent. A push can arrive
  // before the HTTP answer that names its id, so both sides are kept until they meet.
  const arrivedAt = new Map<string, number>();
  const owner = new Map<string, Step>();
  const meet = (id: string) => {
    const step = owner.get(id);
    const t1 = arrivedAt.get(id);
    if (!step || t1 === undefined) return;
    const t0 = step.waiting.get(id)!;
    step.arrivals.push({ at: t0 - step.start, ms: t1 - t0 });
    if (process.env.BENCH_TRACE) console.error(Math.round(t0 - benchStart), Math.round(t1 - t0));
    step.waiting.delete(id);
    owner.delete(id);
    arrivedAt.delete(id);
  };
  // Agent path: the agent's socket hears customers' lines; bot path: each customer's socket hears the bot.
  const awaitedAuthor = botPath ? 'bot' : 'customer';
  const listen = (socket: TestSocket) => {
    socket.ws.removeAllListeners('message');
    socket.ws.on('message', (raw) => {
      const push = JSON.parse(raw.toString());
      if (push.type !== 'message.created' || push.data.author !== awaitedAuthor) return;
      arrivedAt.set(push.data.id, performance.now());
      meet(push.data.id);
    });
  };
  const agent = await TestSocket.open(wsUrl(staffNode.url, '/api/v1/ws', agentToken));
  // Bot path: the inbox's socket only listens, as the other agents' do (kept parsing and holding
  // every staff push, it cost the load generator CPU and memory the server's cores share).
  if (botPath) agent.ws.removeAllListeners('message');
  else listen(agent);
  // The other agents' sockets only listen (their frames are read and dropped).
  const otherAgents = await Promise.all(
    Array.from({ length: Math.max(0, Number(values.agents) - 1) }, () => TestSocket.open(wsUrl(staffNode.url, '/api/v1/ws', agentToken))),
  );
  for (const s of otherAgents) s.ws.removeAllListeners('message');

  /** A customer's conversation with its socket open, on the next node in turn. */
  let opened = 0;
  const open = async (): Promise<Session> => {
    const index = opened++ % nodes.length;
    const node = nodes[index]!;
    const { api } = node;
    const started = await api('POST', '/api/v1/widget/conversations', { body: { workspace: ws.slug } });
    if (started.status !== 201) throw new Error(`start failed: ${started.status} ${JSON.stringify(started.body)}`);
    const id = started.body.conversation.id;
    if (!botPath) {
      // Live chat: the customer asks for a person and the agent takes the conversation, so
      // the timed phase measures customer -> agent messages (no bot turn, no waiting queue).
      await api('POST', `/api/v1/widget/conversations/${id}/handoff`, { token: started.body.token });
      if (!values.queued) {
        const accepted = await api('POST', `/api/v1/conversations/${id}/accept`, { token: agentToken });
        if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
      }
    }
    const socket = await TestSocket.open(wsUrl(node.url, '/api/v1/widget/ws', started.body.token));
    if (botPath) listen(socket);
    else socket.ws.removeAllListeners('message');
    const session = { id, token: started.body.token, socket, post: node.post, node: index };
    sessions.push(session);
    return session;
  };
  process.stderr.write(`opening ${customers} customer conversations and sockets...\n`);
  const sessions: Session[] = [];
  for (let i = 0; i < customers; i += 50) await Promise.all(Array.from({ length: Math.min(50, customers - i) }, open));
  /**
   * Customers talking to the bot, in a fixed order (so each customer's lines stay evenly
   * spaced). One the bot hands to a person leaves, and a new customer takes its place (as on
   * a real site); the place is skipped until the new conversation is open.
   */
  const rotation: (Session | null)[] = [...sessions];
  if (botPath) {
    // Each node builds the workspace's engine on its first bot turn (seconds on a busy
    // machine): one untimed line per node first, so no step waits behind a build.
    process.stderr.write(`priming the bot on ${nodes.length} node(s)...\n`);
    await Promise.all(
      nodes.map((_, i) => {
        const first = sessions.find((c) => c.node === i)!;
        return first.post(`/api/v1/widget/conversations/${first.id}/messages`, first.token, { text: lines[0] });
      }),
    );
  }

  // Counted across steps: each customer's next line is a question it has not just asked (the
  // bot hands off a customer who repeats one), and each customer keeps its place in the turn.
  let turn = 0;
  let lineNo = 0;
  /** Sends at `rate` for `duration` seconds into `step`, then waits for its pushes (5 s at most). */
  const run = async (step: Step, rate: number, duration: number) => {
    const inflight = new Set<Promise<void>>();
    const end = step.start + duration * 1000;
    let next = performance.now();
    let progressAt = next + 10_000;
    while (performance.now() < end) {
      const now = performance.now();
      if (now < next) {
        await new Promise((r) => setTimeout(r, Math.max(0, next - now)));
        continue;
      }
      next += 1000 / rate;
      let session: Session | null = null;
      for (let tries = 0; !session && tries < rotation.length; tries++) session = rotation[turn++ % rotation.length] ?? null;
      if (!session) continue; // every customer was handed off and new ones are on their way
      const customer = session;
      const text = botPath ? lines[lineNo++ % lines.length]! : `bench message ${lineNo++} from a customer`;
      step.sent++;
      const t0 = performance.now();
      const p = session
        .post(`/api/v1/widget/conversations/${session.id}/messages`, session.token, { text })
        .then((res) => {
          if (res.status !== 201) {
            step.failed++;
            step.failures[res.status] = (step.failures[res.status] ?? 0) + 1;
            return;
          }
          step.acks.push({ at: t0 - step.start, ms: performance.now() - t0 });
          const awaited: { id: string; author: string } | undefined = botPath
            ? res.body.replies.find((m: { author: string }) => m.author === 'bot')
            : res.body.message;
          if (botPath && res.body.conversation.status !== 'bot') {
            step.handoffs++;
            if (process.env.BENCH_DEBUG)
              console.error(
                'handoff',
                text,
                JSON.stringify(res.body.replies.map((m: any) => m.text.slice(0, 50))),
                res.body.conversation.status,
              );
            const at = rotation.indexOf(customer);
            if (at !== -1) {
              rotation[at] = null;
              void open().then(
                (s) => (rotation[at] = s),
                () => void step.failed++,
              );
            }
            return;
          }
          if (!awaited) {
            step.unanswered++;
            return;
          }
          step.waiting.set(awaited.id, t0);
          owner.set(awaited.id, step);
          meet(awaited.id);
        })
        .catch(() => void step.failed++)
        .finally(() => inflight.delete(p));
      inflight.add(p);
      if (now > progressAt) {
        process.stderr.write(`  ${Math.round((now - step.start) / 1000)} s: sent ${step.sent}, received ${step.arrivals.length}\n`);
        progressAt += 10_000;
      }
    }
    await Promise.all(inflight);
    const elapsed = (performance.now() - step.start) / 1000;
    const drainUntil = performance.now() + 5000;
    while (step.waiting.size > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 50));
    return elapsed;
  };

  const steps: Record<string, unknown>[] = [];
  let warmupLatency: ReturnType<typeof stats> | null = null;
  if (warmup > 0) {
    process.stderr.write(`warming up at ${rates[0]} lines/s for ${warmup} s...\n`);
    const w = newStep(rates[0]!, performance.now());
    await run(w, rates[0]!, warmup);
    warmupLatency = stats(w.arrivals);
  }
  if (values['alloc-profile']) for (const pid of serverPids) process.kill(pid, 'SIGUSR2');
  for (const rate of rates) {
    process.stderr.write(`sending at ${rate} lines/s for ${seconds} s...\n`);
    const step = newStep(rate, performance.now());
    const cpuBefore = await sampleCpu(serverPids, admin, name, inBenchDatabase);
    const elapsed = await run(step, rate, seconds);
    const cpu = cpuPerLine(cpuBefore, await sampleCpu(serverPids, admin, name, inBenchDatabase), step.arrivals.length);
    const latency = stats(step.arrivals);
    const row = {
      offered_per_second: rate,
      seconds: Number(elapsed.toFixed(1)),
      sent: step.sent,
      delivered: step.arrivals.length,
      lines_per_second: Number((step.arrivals.length / elapsed).toFixed(1)),
      lost: step.waiting.size,
      http_failures: step.failed,
      failures_by_status: step.failures,
      ...(botPath ? { unanswered: step.unanswered, handoffs: step.handoffs } : {}),
      latency_ms: latency,
      acknowledged_ms: stats(step.acks),
      cpu_ms_per_line: cpu,
    };
    steps.push(row);
    process.stderr.write(`  ${JSON.stringify(row)}\n`);
    // Past saturation every further step only queues more: stop at a second-long p99.
    if (!(latency.p99 < 1000)) {
      process.stderr.write('  saturated (p99 >= 1 s): no higher rate\n');
      break;
    }
    // Drop the step's leftovers so the next one starts clean.
    for (const id of step.waiting.keys()) owner.delete(id);
  }
  for (const s of sessions) s.socket.close();
  agent.close();
  for (const s of otherAgents) s.close();

  // The highest offered rate kept at p99 < 100 ms with nothing lost, nothing failed, nothing unanswered.
  const sustained = Math.max(
    0,
    ...steps
      .filter((s: any) => s.latency_ms.p99 < SUSTAINED_P99_MS && s.lost === 0 && s.http_failures === 0 && !s.unanswered)
      .map((s: any) => s.lines_per_second as number),
  );
  const script = botPath ? 'bot-line' : 'agent-line';
  process.stderr.write(`pgbench: ${script} for ${values['pgbench-seconds']} s...\n`);
  const pgbench = await runPgbench(url.toString(), script, {
    seconds: Number(values['pgbench-seconds']),
    clients: Number(values['pgbench-clients']),
  });
  if ('missing' in pgbench) process.stderr.write(`${pgbench.missing}\n`);
  report = {
    path: botPath ? 'bot' : 'agent',
    ...(botPath ? { knowledge: values.data, articles: articles.length, questions: lines.length } : {}),
    customers,
    nodes: nodeCount,
    agents: Number(values.agents),
    ...(values['server-flags'] ? { server_flags: values['server-flags'] } : {}),
    warmup_seconds: warmup,
    warmup_latency_ms: warmupLatency,
    steps,
    sustained_lines_per_second: sustained,
    sustained_means: `p99 < ${SUSTAINED_P99_MS} ms, none lost${botPath ? ', every line answered' : ''}`,
    pgbench:
      'missing' in pgbench
        ? pgbench.missing
        : { script: `bench/pgbench/${script}.sql`, clients: Number(values['pgbench-clients']), ...pgbench },
    ratio_to_pgbench: 'missing' in pgbench ? null : Number((sustained / pgbench.tps).toFixed(3)),
  };
} finally {
  await Promise.all(servers.map((s) => s.kill()));
  await inBenchDatabase.end();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
console.log(JSON.stringify(report, null, 2));
if (values.profile) await printTopSelfTime(values.profile, startedAt);
if (values['alloc-profile'] && report) {
  await printAllocations(
    values['alloc-profile'],
    (report.steps as { sent: number }[]).reduce((n, s) => n + s.sent, 0),
  );
}
