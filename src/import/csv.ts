// RFC 4180 CSV records from a stream of text chunks: quoted fields may hold commas, quotes
// ("") and line breaks. One record in memory at a time.
export async function* csvRecords(source: AsyncIterable<string | Buffer>): AsyncGenerator<{ line: number; fields: string[] }> {
  const decoder = new TextDecoder('utf-8');
  let field: string[] = [];
  let fields: string[] = [];
  let quoted = false;
  let quoteSeen = false; // a quote inside a quoted field: either "" or the field's end
  let line = 1;
  let recordLine = 1;
  let any = false;
  let out: { line: number; fields: string[] }[] = [];
  const endField = () => {
    fields.push(field.join(''));
    field = [];
  };
  const endRecord = () => {
    endField();
    if (fields.length > 1 || fields[0] !== '') out.push({ line: recordLine, fields });
    fields = [];
    any = false;
  };
  const feed = (s: string) => {
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (quoted) {
        if (quoteSeen) {
          quoteSeen = false;
          if (c === 34) {
            field.push('"');
            start = i + 1;
            continue;
          }
          quoted = false; // that quote closed the field; fall through to handle c
        } else {
          if (c === 34) {
            field.push(s.slice(start, i));
            quoteSeen = true;
            start = i + 1;
          } else if (c === 10) line++;
          continue;
        }
      }
      if (!any) {
        recordLine = line;
        any = true;
      }
      if (c === 44) {
        field.push(s.slice(start, i));
        endField();
        start = i + 1;
      } else if (c === 10 || c === 13) {
        field.push(s.slice(start, i));
        if (c === 10) {
          endRecord();
          line++;
        }
        start = i + 1;
      } else if (c === 34 && field.length === 0 && start === i) {
        quoted = true;
        start = i + 1;
      }
    }
    if (start < s.length && !(quoted && quoteSeen)) field.push(s.slice(start));
  };
  let first = true;
  for await (const chunk of source) {
    let s = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    first = false;
    feed(s);
    if (out.length) {
      const ready = out;
      out = [];
      yield* ready;
    }
  }
  feed(decoder.decode());
  if (quoted && !quoteSeen) throw new Error(`line ${recordLine}: a quoted field is not closed`);
  if (any || field.some((f) => f !== '')) endRecord();
  yield* out;
}
