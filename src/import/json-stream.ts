// Streams the records out of a JSON export without holding the file in memory:
//  - a root array:                [ {...}, {...} ]
//  - a root object with a list:   {"tickets": [ {...}, ... ], "next_page": ...}
//    (keys: tickets, conversations, items, data, results, records)
//  - NDJSON / concatenated JSON:  {...}\n{...}
// Each record's text is cut out by a small scanner (strings, escapes, depth) and parsed on its
// own, so memory holds one record at a time. Other root keys named in `sideloads` (e.g. Zendesk
// "users") are captured when they come before the list.

const LIST_KEYS = new Set(['tickets', 'conversations', 'items', 'data', 'results', 'records']);

export type JsonEvent = { kind: 'record'; index: number; text: string } | { kind: 'sideload'; key: string; text: string };

interface Capture {
  kind: 'record' | 'sideload' | 'root';
  key: string;
  /** Depth the captured value closes at. */
  depth: number;
  start: number;
  parts: string[];
}

export class JsonRecordScanner {
  private depth = 0;
  private inString = false;
  private escape = false;
  private root: 'none' | 'array' | 'object' = 'none';
  /** Depth at which records open (1 in a root array, 2 in a root object's list); 0: none (yet). */
  private recordDepth = 0;
  private keyParts: string[] | null = null;
  private lastKey: string | null = null;
  private expectKey = false;
  private captures: Capture[] = [];
  private count = 0;

  constructor(private readonly sideloads: string[] = []) {}

  push(chunk: string, emit: (e: JsonEvent) => void): void {
    const n = chunk.length;
    for (const c of this.captures) c.start = 0;
    for (let i = 0; i < n; i++) {
      if (this.inString) {
        if (this.escape) {
          this.escape = false;
          if (this.keyParts) this.keyParts.push(chunk[i]!);
          continue;
        }
        let j = i;
        while (j < n) {
          const c = chunk.charCodeAt(j);
          if (c === 34 || c === 92) break;
          j++;
        }
        if (this.keyParts && j > i) this.keyParts.push(chunk.slice(i, j));
        if (j >= n) break;
        i = j;
        if (chunk.charCodeAt(i) === 92) {
          this.escape = true;
          continue;
        }
        this.inString = false;
        if (this.keyParts) {
          this.lastKey = this.keyParts.join('');
          this.keyParts = null;
        }
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === 34) {
        this.inString = true;
        if (this.root === 'object' && this.depth === 1 && this.expectKey) {
          this.keyParts = [];
          this.expectKey = false;
        }
      } else if (c === 123 || c === 91) {
        if (this.depth === 0) {
          this.root = c === 91 ? 'array' : 'object';
          this.recordDepth = c === 91 ? 1 : 0;
          this.lastKey = null;
          // A root object is kept whole until it turns out to hold a list (NDJSON: one record a line).
          if (c === 123) this.captures.push({ kind: 'root', key: '', depth: 0, start: i, parts: [] });
        } else if (this.depth === 1 && this.root === 'object' && this.recordDepth === 0) {
          const key = this.lastKey ?? '';
          if (c === 91 && LIST_KEYS.has(key)) {
            this.recordDepth = 2;
            this.captures = this.captures.filter((x) => x.kind !== 'root');
          } else if (this.sideloads.includes(key)) this.captures.push({ kind: 'sideload', key, depth: 1, start: i, parts: [] });
        } else if (this.depth === this.recordDepth) this.captures.push({ kind: 'record', key: '', depth: this.depth, start: i, parts: [] });
        this.depth++;
        if (c === 123 && this.depth === 1) this.expectKey = true;
      } else if (c === 125 || c === 93) {
        this.depth--;
        if (this.depth < 0) throw new Error('unbalanced JSON: a closing bracket without its opening one');
        if (this.depth === 1 && this.recordDepth === 2 && c === 93 && !this.captures.some((x) => x.depth === 1)) this.recordDepth = -1;
        for (let k = this.captures.length - 1; k >= 0; k--) {
          const cap = this.captures[k]!;
          if (cap.depth !== this.depth) continue;
          cap.parts.push(chunk.slice(cap.start, i + 1));
          this.captures.splice(k, 1);
          const text = cap.parts.join('');
          if (cap.kind === 'sideload') emit({ kind: 'sideload', key: cap.key, text });
          else emit({ kind: 'record', index: ++this.count, text });
        }
        if (this.depth === 0) {
          this.root = 'none';
          this.recordDepth = 0;
        }
      } else if (c === 44 && this.depth === 1 && this.root === 'object') this.expectKey = true;
    }
    for (const cap of this.captures) cap.parts.push(chunk.slice(cap.start));
  }

  /** Call at the end of input. */
  finish(): void {
    if (this.depth !== 0 || this.inString) throw new Error('the JSON ends in the middle of a value');
  }
}

/** Records (and sideloads) from a stream of text chunks. */
export async function* jsonRecords(source: AsyncIterable<string | Buffer>, sideloads: string[] = []): AsyncGenerator<JsonEvent> {
  const scanner = new JsonRecordScanner(sideloads);
  const decoder = new TextDecoder('utf-8');
  let pending: JsonEvent[] = [];
  const emit = (e: JsonEvent) => pending.push(e);
  for await (const chunk of source) {
    scanner.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }), emit);
    if (pending.length) {
      const out = pending;
      pending = [];
      yield* out;
    }
  }
  const tail = decoder.decode();
  if (tail) scanner.push(tail, emit);
  scanner.finish();
  yield* pending;
}
