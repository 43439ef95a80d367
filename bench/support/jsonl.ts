// JSON Lines read by the benches: one value a line, blank lines skipped.
import { readFileSync } from 'node:fs';

export const readJsonl = (url: URL): unknown[] =>
  readFileSync(url, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as unknown);
