import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { redact } from './index.ts';
import type { PiiSettingsInput } from './settings.ts';

/**
 * The `baton redact` contract (shared/contracts/redact.md) as stream plumbing: one JSON
 * line in, one JSON line out, in order, memory bounded by the longest line.
 */

export interface RedactStats {
  lines: number;
  failed: number;
  bytes: number;
  seconds: number;
}

/**
 * One input line to one output line. Other fields pass through; `redacted` and
 * `entities` are (re)written. Each line starts a fresh token state, so numbering is per
 * line and no mapping leaks between lines.
 */
export function redactLine(line: string, lineNumber: number, settings: PiiSettingsInput): { output: string; ok: boolean } {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (cause) {
    return failure(lineNumber, `not valid JSON: ${(cause as Error).message}`);
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return failure(lineNumber, 'expected a JSON object');
  const text = (record as { text?: unknown }).text;
  if (typeof text !== 'string') return failure(lineNumber, 'missing string field "text"');
  const result = redact(text, settings);
  const entities = result.entities.map(({ type, start, end }) => ({ type, start, end }));
  return { output: JSON.stringify({ ...record, redacted: result.redacted, entities }), ok: true };
}

function failure(line: number, message: string): { output: string; ok: boolean } {
  return { output: JSON.stringify({ error: { line, message } }), ok: false };
}

/** Streams JSON Lines through the shield, respecting the output's backpressure. */
export async function redactJsonLines(input: Readable, output: Writable, settings: PiiSettingsInput): Promise<RedactStats> {
  const started = process.hrtime.bigint();
  const stats: RedactStats = { lines: 0, failed: 0, bytes: 0, seconds: 0 };
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    stats.lines++;
    stats.bytes += Buffer.byteLength(line) + 1;
    const { output: out, ok } = redactLine(line, stats.lines, settings);
    if (!ok) stats.failed++;
    if (!output.write(`${out}\n`)) await once(output, 'drain');
  }
  stats.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return stats;
}

export function formatStats(stats: RedactStats): string {
  const perSecond = stats.seconds > 0 ? stats.lines / stats.seconds : 0;
  const mb = stats.bytes / 1e6;
  return (
    `redacted ${stats.lines} lines (${stats.failed} failed) in ${stats.seconds.toFixed(2)} s: ` +
    `${Math.round(perSecond)} lines/s, ${(stats.seconds > 0 ? mb / stats.seconds : 0).toFixed(2)} MB/s`
  );
}
