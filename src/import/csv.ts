import { Readable } from 'node:stream';
import { parse } from 'csv-parse';

// RFC 4180 CSV records from a stream of text chunks, read by csv-parse: quoted fields may hold
// commas, quotes ("") and line breaks; a BOM is dropped, blank lines skipped, rows may differ in
// length (the format mapper says what is missing). One record in memory at a time.
export async function* csvRecords(source: AsyncIterable<string | Buffer>): AsyncGenerator<{ line: number; fields: string[] }> {
  const parser = parse({
    bom: true,
    info: true,
    record_delimiter: ['\r\n', '\n'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  const input = Readable.from(source);
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // info.lines is the record's last line; a record starts as many lines earlier as its fields hold breaks.
      const breaks = record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
      yield { line: info.lines - breaks, fields: record };
    }
  } finally {
    input.destroy();
  }
}
