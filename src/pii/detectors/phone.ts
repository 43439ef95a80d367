import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { boost, countDigits, hasCue } from '../context.ts';
import type { CountryCode } from 'libphonenumber-js';
import { regionsOf } from '../locale.ts';
import type { Detector, Span } from '../types.ts';

const PHONE_CUE =
  /(phone|messages?|registered|tel\b|tel\.|telephone|mobile|cell|fax|call|ring|reach|whats ?app|sms|text me|office|desk|direct|hotline|contact|number|nummer|numéro|numero|n°|telefon|handy|portable|téléphone|móvil|cellulare|rufnummer|mob\.?)[^\d]{0,20}$/;
const PHONE_CUE_AFTER = /^[\s(-]*(office|fax|mobile|cell|home|work|desk|tel|phone)\b/;
const NOT_PHONE_CUE =
  /(order|invoice|tracking|parcel|reference|ref\.?|ticket|case|booking|account|iban|card|serial|imei|sku|id|bestell|commande|pedido|ordine)\s*(?:n(?:o|umber|r)\.?|id)?\s*(?:is|was)?\s*[:#]?\s*$/;

// Digit runs that could be a phone number: optional "+CC", "(area)", groups joined by
// single separators, optional extension. The phone library then validates each run
// (parsing one candidate is several times cheaper than its findNumbers over the text).
// (The leading lookahead lets the engine skip quickly to characters that can start one.)
const CANDIDATE =
  /(?=[\d+(])(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?|\(0\)[ ]?)?\d{1,5}(?:[ .-]?\(?\d{1,5}\)?){0,6}(?:\s?(?:x|ext\.?|#)\s?\d{1,5})?(?![\w])/g;
// Shapes that are something else: dates (with a time after them), US SSNs (3-2-4),
// IPv4 addresses. Ruled out before the (costly) phone library sees them.
const DATE_LIKE = /^(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}(?:\s\d{1,2})?|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}[.:]\d{2})$/;
// A number in national format: trunk 0, area or mobile prefix, then groups ("07700 900123",
// "06 12 34 56 78", "020-7946-0958"); grouped so and with 10 or 11 digits it is a phone
// number in most of Europe even where the phone library has no range for it.
const NATIONAL_SHAPE = /^0\d{1,4}(?:[ .-]\d{2,6}){1,4}$|^0\d{8,10}$/;
const NOT_PHONE_SHAPE = /^(?:\d{3}-\d{2}-\d{4}|\d{1,3}(?:\.\d{1,3}){3})$/;

export const detectPhone: Detector = (text, ctx) => {
  if (countDigits(text) < 7) return [];
  const spans: Span[] = [];
  const regions = regionsOf(ctx.locale);
  for (const m of text.matchAll(CANDIDATE)) {
    const raw = m[0];
    const digits = raw.replace(/\D/g, '').length;
    // E.164 numbers have at most 15 digits, plus an extension.
    if (digits < 7 || digits > (/x|ext|#/i.test(raw) ? 20 : 15) || DATE_LIKE.test(raw) || NOT_PHONE_SHAPE.test(raw)) continue;
    const start = m.index;
    const end = start + raw.length;
    // "order number 123...": the nearer, negative cue wins over the word "number".
    const negative = hasCue(text, start, end, NOT_PHONE_CUE, 25);
    const cue = !negative && (hasCue(text, start, end, PHONE_CUE, 30) || PHONE_CUE_AFTER.test(text.slice(end, end + 12).toLowerCase()));
    // Valid for its country ("+..." numbers) or the locale's region by the phone library;
    // a national number (trunk 0) may be from another country of the language.
    const national = digits >= 9 && digits <= 11 && NATIONAL_SHAPE.test(raw);
    const valid = validIn(raw, regions[0]!) || (national && regions.slice(1).some((r) => validIn(raw, r)));
    if (valid) {
      // A formatted or international number is likely a phone; a bare digit run less so.
      let score = /^\+|[ ().-]/.test(raw) ? 0.8 : 0.55;
      if (negative) score = 0.2;
      else if (cue) score = boost(score, 0.15);
      spans.push({ type: 'PHONE', start, end, score });
    } else if (/[ .()-]/.test(raw) && (cue || raw.startsWith('+'))) {
      // Not valid there (a foreign national format, a short local number): still a
      // phone when the text says so or it is written internationally.
      spans.push({ type: 'PHONE', start, end, score: cue ? 0.8 : 0.65 });
    } else if (!negative && national && digits >= 10 && /[ .-]/.test(raw)) {
      // Grouped like a national number but in no range the library knows (new or reserved ones).
      spans.push({ type: 'PHONE', start, end, score: 0.6 });
    }
  }
  return spans;
};

const validIn = (raw: string, region: CountryCode) => parsePhoneNumberFromString(raw, region)?.isValid() ?? false;
