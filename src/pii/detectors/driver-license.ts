import { containsAny, lowerCase } from '../context.ts';
import type { Detector, Span } from '../types.ts';

// Licence numbers have no shared format across states and countries, so a number is
// taken only right after a licence cue; the UK DVLA layout is distinctive on its own.
const CUED =
  /\b(?:driver'?s?|driving|drivers)\s+licen[cs]e(?:\s+(?:number|no\.?|#|id))?(?:\s+(?:is|was))?\s*[:#]?\s*([A-Z0-9][A-Z0-9-]{3,19})\b|\b(?:führerschein(?:nummer)?|permis de conduire|permiso de conducir|carnet de conducir|patente|rijbewijs(?:nummer)?|DL)\s*(?:n(?:r|o|°|um(?:ber|éro|ero)?)\.?)?\s*[:#]?\s*([A-Z0-9][A-Z0-9-]{3,19})\b/giu;
const UK_DVLA = /\b[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z]{2}\b/g;

const HINTS = ['licen', 'führerschein', 'permis', 'carnet', 'patente', 'rijbewijs'];

export const detectDriverLicense: Detector = (text) => {
  const spans: Span[] = [];
  if (containsAny(lowerCase(text), HINTS) || text.includes('DL'))
    for (const m of text.matchAll(CUED)) {
      const value = m[1] ?? m[2];
      if (!/\d/.test(value)) continue; // a word after the cue, not a number
      const start = m.index + m[0].lastIndexOf(value);
      spans.push({ type: 'DRIVER_LICENSE', start, end: start + value.length, score: 0.85 });
    }
  if (/\d{6}/.test(text))
    for (const m of text.matchAll(UK_DVLA)) spans.push({ type: 'DRIVER_LICENSE', start: m.index, end: m.index + m[0].length, score: 0.9 });
  return spans;
};
