import { hasCue } from '../context.ts';
import type { Detector, Span } from '../types.ts';

// Formats distinctive enough to stand alone: UK, Canada, Netherlands, US ZIP+4, Brazil CEP.
const DISTINCT = [
  /\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRVWXY\d]?) ?\d[ABD-HJLNP-UW-Z]{2})\b/g,
  /\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d\b/g,
  /\b[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}\b/g,
  /\b\d{5}-\d{4}\b/g,
  /\b\d{5}-\d{3}\b/g,
];
// Plain 3-6 digit codes (most countries) only after a postcode cue.
const PLAIN = /\b(?:\d{3}[ ]?\d{2}|\d{2}-\d{3}|\d{4,6})\b/g;
const CUE =
  /(zip|post ?code|postal|postleitzahl|plz|code postal|cp|c\.p\.|cap|código postal|codigo postal|postcode|postnummer|postinumero|irányítószám|psč)\b[^\d\n]{0,15}$/;

export const detectPostcode: Detector = (text) => {
  if (!/\d/.test(text)) return [];
  const spans: Span[] = [];
  for (const re of DISTINCT) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      // UK/NL/CA shapes also occur in product codes; a cue makes them near-certain.
      spans.push({ type: 'POSTCODE', start, end, score: hasCue(text, start, end, CUE) ? 0.95 : 0.6 });
    }
  }
  if (/\d{3}/.test(text)) {
    for (const m of text.matchAll(PLAIN)) {
      if (hasCue(text, m.index, m.index + m[0].length, CUE))
        spans.push({ type: 'POSTCODE', start: m.index, end: m.index + m[0].length, score: 0.85 });
    }
  }
  return spans;
};
