// Tool results through the PII shield before a model (or the brief) sees them. Each text value
// is redacted with its field name in front ("last name: Rossi"): the shield reads the cue a
// bare JSON text lacks, so a surname or a street in a field is found like one in a sentence.
import { humanise } from './words.ts';

export type Redact = (text: string) => string;

export function shieldResult(data: unknown, redact: Redact, key = ''): unknown {
  if (typeof data === 'string') return shieldText(data, redact, key);
  if (Array.isArray(data)) return data.map((v) => shieldResult(v, redact, key));
  if (data !== null && typeof data === 'object') {
    return Object.fromEntries(Object.entries(data as Record<string, unknown>).map(([k, v]) => [k, shieldResult(v, redact, k)]));
  }
  return data;
}

function shieldText(value: string, redact: Redact, key: string): string {
  if (!key) return redact(value);
  const cue = `${humanise(key)}: `;
  const out = redact(cue + value);
  return out.startsWith(cue) ? out.slice(cue.length) : redact(value);
}
