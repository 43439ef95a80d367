import { findNumbers } from 'libphonenumber-js';
import { boost, hasCue, isBounded } from '../context.ts';
import { regionOf } from '../locale.ts';
import type { Detector, Span } from '../types.ts';

const PHONE_CUE = /(phone|tel\b|tel\.|telephone|mobile|cell|fax|call|ring|reach|whats ?app|sms|text me|office|desk|direct|hotline|contact|number|nummer|numéro|numero|n°|telefon|handy|portable|téléphone|móvil|cellulare|rufnummer|mob\.?)[^\d]{0,20}$/;
const NOT_PHONE_CUE = /(order|invoice|tracking|parcel|reference|ref\.?|ticket|case|booking|account|iban|card|serial|imei|sku|id|bestell|commande|pedido|ordine)\s*(?:n(?:o|umber|r)\.?|id)?\s*[:#]?\s*$/;

// Formatted numbers the phone library does not accept for the default region (foreign
// national formats, short local numbers): groups of digits with separators, optional
// "+CC", "(area)" and an extension. Only taken with a phone cue or a leading "+".
const FORMATTED = /(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,5}){1,4}(?:\s?(?:x|ext\.?|#)\s?\d{1,5})?/g;
const DATE_LIKE = /^(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}[.:]\d{2})$/;

export const detectPhone: Detector = (text, ctx) => {
  if (countDigits(text) < 6) return [];
  const spans: Span[] = [];
  for (const found of findNumbers(text, { defaultCountry: regionOf(ctx.locale), v2: true })) {
    const { startsAt: start, endsAt: end } = found;
    const raw = text.slice(start, end);
    let score = /^\+|[ ().-]/.test(raw) ? 0.8 : 0.55;
    if (DATE_LIKE.test(raw)) continue;
    if (hasCue(text, start, end, PHONE_CUE, 30)) score = boost(score, 0.15);
    else if (hasCue(text, start, end, NOT_PHONE_CUE, 25)) score = 0.2;
    spans.push({ type: 'PHONE', start, end, score });
  }
  for (const m of text.matchAll(FORMATTED)) {
    const start = m.index;
    const end = start + m[0].length;
    const digits = countDigits(m[0]);
    if (digits < 7 || digits > 15 || DATE_LIKE.test(m[0]) || !isBounded(text, start, end)) continue;
    const cue = hasCue(text, start, end, PHONE_CUE, 30) || hasCue(text, start, end, /^[\s-]*(office|fax|mobile|cell|home|work|desk)\b/, 0, 12);
    const international = m[0].startsWith('+');
    if (!cue && !international) continue;
    spans.push({ type: 'PHONE', start, end, score: cue ? 0.8 : 0.65 });
  }
  return spans;
};

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}
