import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const SCRIPTS = fileURLToPath(new URL('../pgbench/', import.meta.url));

/** The path's writes as pgbench scripts (bench/pgbench/): one customer line per transaction, or a line and the bot's reply. */
export type PgbenchScript = 'agent-line' | 'bot-line';

/** The script pgbench runs: customer-line.sql, which both paths begin with, then the path's own part (pgbench has no include). */
export const pgbenchScript = async (script: PgbenchScript): Promise<string> =>
  (await readFile(`${SCRIPTS}customer-line.sql`, 'utf8')) + (await readFile(`${SCRIPTS}${script}.sql`, 'utf8'));

export type PgbenchResult = { tps: number; transactions: number; failed: number; latencyMs: number } | { missing: string };

/** pgbench on PATH, else PostgreSQL's own bin folders (Debian keeps it there). */
export function findPgbench(): string | undefined {
  const candidates = [
    ...(process.env.PATH ?? '').split(':').map((d) => `${d}/pgbench`),
    ...['17', '16', '15', '14', '13'].map((v) => `/usr/lib/postgresql/${v}/bin/pgbench`),
  ];
  return candidates.find((p) => existsSync(p));
}

/**
 * Runs pgbench for `seconds` with `clients` connections on the bench's database, which must
 * already hold Baton's tables and the conversations to write into (bench/pgbench/setup.sql
 * numbers them). Answers `missing` with a sentence when pgbench is not installed.
 */
export async function runPgbench(
  databaseUrl: string,
  script: PgbenchScript,
  opts: { seconds: number; clients: number },
): Promise<PgbenchResult> {
  const given = process.env.PGBENCH;
  const bin = given ? (existsSync(given) ? given : undefined) : findPgbench();
  if (!bin) {
    return {
      missing: given
        ? `pgbench not found at PGBENCH=${given}: no ratio to the database`
        : 'pgbench not found (looked on PATH and in /usr/lib/postgresql/*/bin; set PGBENCH=/path/to/pgbench): no ratio to the database',
    };
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let convs: number;
  try {
    await client.query(await readFile(`${SCRIPTS}setup.sql`, 'utf8'));
    convs = Number((await client.query('select count(*) as n from pgbench_lines')).rows[0].n);
  } finally {
    await client.end();
  }
  if (convs === 0) throw new Error('pgbench: no conversations to write into');
  const args = [
    '--no-vacuum',
    `--client=${opts.clients}`,
    `--jobs=${Math.min(opts.clients, 2)}`,
    `--time=${opts.seconds}`,
    `--define=convs=${convs}`,
    '--file=-',
    databaseUrl,
  ];
  const text = await pgbenchScript(script);
  const out = await new Promise<string>((resolve, reject) => {
    const child = execFile(bin, args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`pgbench failed: ${stderr || err.message}`)) : resolve(stdout),
    );
    child.stdin?.end(text);
  });
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN);
  return {
    tps: num(/tps = ([\d.]+)/),
    transactions: num(/number of transactions actually processed: (\d+)/),
    failed: num(/number of failed transactions: (\d+)/) || 0,
    latencyMs: num(/latency average = ([\d.]+) ms/),
  };
}
