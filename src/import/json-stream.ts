import { Readable } from 'node:stream';
import { parser } from 'stream-json';
import Assembler from 'stream-json/assembler.js';

// Streams the records out of a JSON export without holding the file in memory:
//  - a root array:                [ {...}, {...} ]
//  - a root object with a list:   {"tickets": [ {...}, ... ], "next_page": ...}
//    (keys: tickets, conversations, items, data, results, records)
//  - NDJSON / concatenated JSON:  {...}\n{...}
// stream-json turns the text into tokens; each record is assembled from its own tokens, so
// memory holds one record at a time. Other root keys named in `sideloads` (e.g. Zendesk
// "users") are captured when they come before the list.

const LIST_KEYS = new Set(['tickets', 'conversations', 'items', 'data', 'results', 'records']);

export type JsonEvent = { kind: 'record'; index: number; value: unknown } | { kind: 'sideload'; key: string; value: unknown };

/** Records (and sideloads) from a stream of text chunks; throws on JSON that does not parse. */
export async function* jsonRecords(source: AsyncIterable<string | Buffer>, sideloads: string[] = []): AsyncGenerator<JsonEvent> {
  const input = Readable.from(source);
  const tokens = parser.asStream({ jsonStreaming: true, streamValues: false });
  input.on('error', (err) => tokens.destroy(err));
  input.pipe(tokens);

  let depth = 0; // containers open
  let listDepth = 0; // where records open: 1 in a root array, 2 in a root object's list; 0 not yet, -1 no more
  let key: string | null = null; // the root object's current key
  let root: Assembler | null = null; // a root object, kept whole until it turns out to hold a list (NDJSON: one record a line)
  let part: { asm: Assembler; sideload?: string } | null = null; // the record or sideload being assembled
  let index = 0;
  try {
    for await (const tok of tokens as AsyncIterable<parser.Token>) {
      const opens = tok.name === 'startObject' || tok.name === 'startArray';
      if (part) part.asm.consume(tok);
      else if (opens && depth === 0) {
        listDepth = tok.name === 'startArray' ? 1 : 0;
        key = null;
        if (tok.name === 'startObject') root = new Assembler();
      } else if (opens && depth === listDepth) part = { asm: new Assembler().consume(tok) };
      else if (depth === 1 && listDepth === 0 && root) {
        if (tok.name === 'keyValue') key = tok.value;
        else if (tok.name === 'startArray' && key !== null && LIST_KEYS.has(key)) {
          listDepth = 2;
          root = null;
        } else if (opens && key !== null && sideloads.includes(key)) part = { asm: new Assembler().consume(tok), sideload: key };
      }
      root?.consume(tok);

      if (opens) depth++;
      else if (tok.name === 'endObject' || tok.name === 'endArray') {
        depth--;
        if (depth === 1 && listDepth === 2 && !part) listDepth = -1; // the list closed
      }
      if (part?.asm.done) {
        const { asm, sideload } = part;
        part = null;
        yield sideload ? { kind: 'sideload', key: sideload, value: asm.current } : { kind: 'record', index: ++index, value: asm.current };
      } else if (root?.done) {
        const value = root.current;
        root = null;
        yield { kind: 'record', index: ++index, value };
      }
    }
  } finally {
    input.destroy();
    tokens.destroy();
  }
}
