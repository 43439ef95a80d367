import { readFileSync } from 'node:fs';
import type pg from 'pg';

/**
 * CPU time spent by the processes of a run, read from /proc (Linux): what a line costs the
 * server, Postgres and the load generator, a figure a busy neighbour barely moves (latency and
 * throughput move with it). Null where /proc is missing.
 */
export interface CpuSample {
  server: number;
  /** The servers' main threads only (HTTP, sockets, SQL); the rest of `server` is the engine thread, GC and libuv's pool. */
  serverMain: number;
  /** Each backend's CPU so far, by pid: backends come and go (pools close idle connections), so a step counts each one's own growth. */
  backends: Map<number, number>;
  bench: number;
  /** Transactions the bench database has committed or rolled back (every statement outside a transaction is one). */
  transactions: number;
  /** Updates of `conversations` so far, and how many of them were heap-only (no index entry written). */
  conversationUpdates: { all: number; heapOnly: number };
}

/** Linux reports utime and stime in clock ticks of USER_HZ, 100 per second on every common build. */
const MS_PER_TICK = 10;

/** CPU of a process (`/proc/PID/stat`) or of one of its threads (`/proc/PID/task/TID/stat`; the main thread's TID is the PID). */
function processMs(pid: number, thread?: number): number {
  try {
    const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return 0; // the process ended
  }
}

/**
 * A sample of the servers' processes, the database's backends and this process. `inDatabase` is a
 * client connected to the bench database itself (table statistics are per database).
 */
export async function sampleCpu(
  serverPids: number[],
  admin: pg.Client,
  database: string,
  inDatabase: pg.Client,
): Promise<CpuSample | null> {
  if (!readableProc()) return null;
  const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
  // Backends report their counts when idle or at most once a second: a step of several seconds sees them.
  const xacts = await admin.query<{ n: string }>('select xact_commit + xact_rollback as n from pg_stat_database where datname = $1', [
    database,
  ]);
  const updates = await inDatabase.query<{ all: string; hot: string }>(
    "select n_tup_upd as all, n_tup_hot_upd as hot from pg_stat_user_tables where relname = 'conversations'",
  );
  const usage = process.cpuUsage();
  return {
    server: serverPids.reduce((sum, pid) => sum + processMs(pid), 0),
    serverMain: serverPids.reduce((sum, pid) => sum + processMs(pid, pid), 0),
    backends: new Map(rows.map((r) => [r.pid, processMs(r.pid)])),
    bench: (usage.user + usage.system) / 1000,
    transactions: Number(xacts.rows[0]?.n ?? 0),
    conversationUpdates: { all: Number(updates.rows[0]?.all ?? 0), heapOnly: Number(updates.rows[0]?.hot ?? 0) },
  };
}

/**
 * CPU milliseconds per line between two samples, and the database's transactions per line (round
 * trips that commit: statements, flushes, notices). Postgres: what each backend alive at the end
 * spent since the first sample (or since it started); a backend that ended meanwhile is not
 * counted. (Summing the backends of each sample instead went negative when one ended.)
 */
export function cpuPerLine(before: CpuSample | null, after: CpuSample | null, lines: number) {
  if (!before || !after || lines === 0) return null;
  const per = (ms: number) => Number((ms / lines).toFixed(3));
  let postgres = 0;
  for (const [pid, ms] of after.backends) postgres += ms - (before.backends.get(pid) ?? 0);
  return {
    server: per(after.server - before.server),
    // Which of the server's cores is short: the main thread, or the engine thread beside it.
    server_main_thread: per(after.serverMain - before.serverMain),
    postgres: per(postgres),
    bench: per(after.bench - before.bench),
    transactions: per(after.transactions - before.transactions),
    // Heap-only updates write no index entries (decisions/0005, sixth pass): the share of the step's conversation updates.
    heap_only_updates: share(
      after.conversationUpdates.heapOnly - before.conversationUpdates.heapOnly,
      after.conversationUpdates.all - before.conversationUpdates.all,
    ),
  };
}

const share = (part: number, whole: number) => (whole > 0 ? Number((part / whole).toFixed(3)) : null);

const readableProc = (): boolean => {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
};
