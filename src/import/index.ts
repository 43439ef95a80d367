// `baton import` without the CLI: stream a file of historical conversations in one of the
// supported formats and yield normalized conversations (or problems), one at a time.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Transform } from 'node:stream';
import { jsonRecords } from './json-stream.ts';
import { csvRecords } from './csv.ts';
import { fromJsonlRecord } from './formats/jsonl.ts';
import { ZendeskMapper } from './formats/zendesk.ts';
import { fromIntercomRecord } from './formats/intercom.ts';
import { CsvMapper } from './formats/csv.ts';
import type { ImportedConversation, ImportItem } from './types.ts';

export const IMPORT_FORMATS = ['jsonl', 'zendesk', 'intercom', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ReadOptions {
  /** Zendesk: author ids or names that are the bot. */
  botAuthors?: string[];
  /** A byte counter (the progress bar) the file flows through. */
  meter?: Transform;
}

const why = (e: unknown): string => {
  const err = e as { issues?: { path: PropertyKey[]; message: string }[]; message?: string };
  if (Array.isArray(err.issues)) return err.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; ');
  return err.message ?? String(e);
};

function open(path: string, meter?: Transform): Readable {
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  return meter ? file.pipe(meter) : file;
}

function attempt(at: number, fn: () => ImportedConversation): ImportItem {
  try {
    return { ok: true, conversation: fn() };
  } catch (e) {
    return { ok: false, problem: { at, why: why(e) } };
  }
}

async function* jsonl(path: string, opts: ReadOptions): AsyncGenerator<ImportItem> {
  const lines = createInterface({ input: open(path, opts.meter), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    if (!raw.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      yield { ok: false, problem: { at: n, why: `invalid JSON: ${(e as Error).message}` } };
      continue;
    }
    yield attempt(n, () => fromJsonlRecord(value));
  }
}

async function* jsonExport(
  path: string,
  opts: ReadOptions,
  map: (v: unknown) => ImportedConversation,
  onSideload?: (key: string, v: unknown) => void,
): AsyncGenerator<ImportItem> {
  let last = 0;
  try {
    for await (const e of jsonRecords(open(path, opts.meter), onSideload ? ['users'] : [])) {
      if (e.kind === 'sideload') {
        onSideload?.(e.key, e.value);
        continue;
      }
      last = e.index;
      yield attempt(e.index, () => map(e.value));
    }
  } catch (err) {
    yield { ok: false, problem: { at: last + 1, why: `unreadable JSON: ${(err as Error).message}` } };
  }
}

async function* csv(path: string, opts: ReadOptions): AsyncGenerator<ImportItem> {
  const mapper = new CsvMapper();
  try {
    for await (const r of csvRecords(open(path, opts.meter))) yield* mapper.push(r.line, r.fields);
  } catch (err) {
    yield* mapper.flush();
    yield { ok: false, problem: { at: 0, why: (err as Error).message } };
    return;
  }
  yield* mapper.flush();
}

/** Normalized conversations from `path`, streamed; problems are yielded in place, never thrown. */
export function readConversations(path: string, format: ImportFormat, opts: ReadOptions = {}): AsyncGenerator<ImportItem> {
  switch (format) {
    case 'jsonl':
      return jsonl(path, opts);
    case 'zendesk': {
      const mapper = new ZendeskMapper({ botAuthors: opts.botAuthors });
      return jsonExport(
        path,
        opts,
        (v) => mapper.map(v),
        (key, v) => key === 'users' && mapper.addUsers(v),
      );
    }
    case 'intercom':
      return jsonExport(path, opts, fromIntercomRecord);
    case 'csv':
      return csv(path, opts);
  }
}

export * from './types.ts';
