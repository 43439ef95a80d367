import { jsonParser, type Token } from 'stream-json/parser.js';
import Assembler from 'stream-json/assembler.js';
import { getManyValues, isMany } from 'stream-chain/defs.js';

// Streams the records out of a JSON export without holding the file in memory:
//  - a root array:                [ {...}, {...} ]
//  - a root object with a list:   {"tickets": [ {...}, ... ], "next_page": ...}
//    (keys: tickets, conversations, items, data, results, records)
//  - NDJSON / concatenated JSON:  {...}\n{...}
// stream-json's tokenizer turns each chunk of text into tokens (called directly: a stream of
// tokens would cost a promise per token); each record is assembled from its own tokens, so
// memory holds one record at a time. Other root keys named in `sideloads` (e.g. Zendesk
// "users") are captured when they come before the list.

const LIST_KEYS = new Set(['tickets', 'conversations', 'items', 'data', 'results', 'records']);

export type JsonEvent = { kind: 'record'; index: number; value: unknown } | { kind: 'sideload'; key: string; value: unknown };

/** Records (and sideloads) from a stream of text chunks; throws on JSON that does not parse. */
export async function* jsonRecords(source: AsyncIterable<string | Buffer>, sideloads: string[] = []): AsyncGenerator<JsonEvent> {
  const tokenize = jsonParser({ jsonStreaming: true, streamValues: false });
  const decoder = new TextDecoder('utf-8');
  let depth = 0; // containers open
  let listDepth = 0; // where records open: 1 in a root array, 2 in a root object's list; 0 not yet, -1 no more
  let key: string | null = null; // the root object's current key
  let root: Assembler | null = null; // a root object, kept whole until it turns out to hold a list (NDJSON: one record a line)
  let part: { asm: Assembler; sideload?: string } | null = null; // the record or sideload being assembled
  let index = 0;
  let first = true;

  for await (const chunk of source) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    const out: JsonEvent[] = [];
    for (const tok of tokensOf(tokenize(text))) {
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
        out.push(
          sideload ? { kind: 'sideload', key: sideload, value: asm.current } : { kind: 'record', index: ++index, value: asm.current },
        );
      } else if (root?.done) {
        out.push({ kind: 'record', index: ++index, value: root.current });
        root = null;
      }
    }
    yield* out;
  }
  if (depth !== 0 || decoder.decode().length > 0) throw new Error('the JSON ends in the middle of a value');
}

/** The tokenizer answers a chunk with many tokens, one, or none. */
function tokensOf(result: unknown): Token[] {
  if (isMany(result)) return getManyValues(result) as Token[];
  return result !== null && typeof result === 'object' && 'name' in result ? [result as Token] : [];
}
