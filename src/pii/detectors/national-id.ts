import { elfproefValid, iso7064Mod11_10Valid } from '../checksums.ts';
import { after, countDigits, hasCue, isBounded } from '../context.ts';
import type { Detector, Span } from '../types.ts';

/*
 * National identifiers. Each format is checked by its own rule (SSN ranges, NINO
 * prefixes, check digits/letters); plain digit runs that only pass a weak checksum
 * (BSN, Steuer-ID) are taken only next to a cue, since order numbers pass 1 in 10.
 */

const SSN_CUE = /(ssn|social security|soc\.? sec|tax ?id|tin|itin)\b[^\d]{0,25}$/;
const SSN = /\b(\d{3})([- ]?)(\d{2})\2(\d{4})\b/g;
// What else nine bare digits are in a support chat: the word before or after says so.
const NOT_SSN_BEFORE =
  /(order|invoice|tracking|parcel|shipment|reference|ref|ticket|case|booking|confirmation|account|acct|policy|member|customer|transaction|serial|sku|item|article|product|model|routing|aba|sort|id|no|nr|#)\.?[^\p{L}\d]{0,15}$/u;
const NOT_SSN_AFTER =
  /^[^\p{L}\d]{0,3}(?:is |was )?(?:my |the |your |our )?(order|invoice|tracking|parcel|reference|ticket|case|booking|confirmation|account|policy|transaction)/u;

function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000';
}

function detectSsn(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(SSN)) {
    const [, area, separator, group, serial] = m;
    if (!ssnValid(area, group, serial)) continue;
    const start = m.index;
    const end = start + m[0].length;
    const cue = hasCue(text, start, end, SSN_CUE, 40);
    let score = cue ? 0.95 : separator === '-' ? 0.75 : 0.6;
    // Nine bare digits: an SSN as often as an order number. Without a word saying it is
    // something else it is taken, just over the default threshold: a redacted order
    // number costs a lookup, a leaked SSN cannot be taken back (docs/pii.md).
    if (!separator && !cue) {
      // Another country's id ("BSN 111222334") is left to its own, checksummed rule.
      if (hasCue(text, start, end, NOT_SSN_BEFORE, 30) || hasCue(text, start, end, ID_CUE, 40) || NOT_SSN_AFTER.test(after(text, end, 40)))
        continue;
      score = 0.55;
    }
    spans.push({ type: 'SSN', start, end, score });
  }
  return spans;
}

// UK National Insurance number: two letters (not D F I Q U V; second not O; some
// prefixes never issued), six digits, suffix A-D; printed with or without spaces.
const NINO = /\b([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])\b/gi;
const NINO_NEVER = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']);

function detectNino(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(NINO)) {
    if (NINO_NEVER.has(m[1].toUpperCase())) continue;
    const start = m.index;
    const end = start + m[0].length;
    const cue = hasCue(text, start, end, /(national insurance|\bni\b|nino|insurance number)[^\w]{0,20}(?:number|no\.?)?[^\w]{0,5}$/, 40);
    spans.push({ type: 'NINO', start, end, score: cue ? 0.95 : 0.8 });
  }
  return spans;
}

const ID_CUE =
  /(id|identity|identification|national|tax|fiscal|personal|dni|nie|nif|bsn|burgerservice|steuer|identifikation|insee|sécurité sociale|securite sociale|numéro de sécu|codice fiscale|personalausweis|ausweis|documento|número)[^\d]{0,25}$/;

// Spanish DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter): the letter is
// the number mod 23 looked up in this table.
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const DNI = /\b([XYZ]?)(\d{7,8})[- ]?([A-Z])\b/gi;

function detectDni(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(DNI)) {
    const [, prefix, digits, letter] = m;
    if (prefix ? digits.length !== 7 : digits.length !== 8) continue;
    // An NIE's leading X, Y or Z stands for the digit 0, 1 or 2.
    const lead = prefix ? String('XYZ'.indexOf(prefix.toUpperCase())) : '';
    const number = Number(lead + digits);
    if (DNI_LETTERS[number % 23] !== letter.toUpperCase()) continue;
    const start = m.index;
    const end = start + m[0].length;
    spans.push({ type: 'NATIONAL_ID', start, end, score: hasCue(text, start, end, ID_CUE) ? 0.95 : 0.8 });
  }
  return spans;
}

// French NIR (INSEE): sex, year, month, department (2A/2B for Corsica), commune,
// order, then a key = 97 - (number mod 97). Often printed with spaces.
const NIR = /\b([12])[ ]?(\d{2})[ ]?(0[1-9]|1[0-2]|[2-9]\d)[ ]?(\d{2}|2A|2B)[ ]?(\d{3})[ ]?(\d{3})[ ]?(\d{2})\b/gi;

function detectNir(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(NIR)) {
    const [, sex, year, month, department, commune, order, key] = m;
    // Corsica's letters count as 19 (2A) and 18 (2B) for the key.
    const dept = department.toUpperCase() === '2A' ? '19' : department.toUpperCase() === '2B' ? '18' : department;
    const body = BigInt(sex + year + month + dept + commune + order);
    if (97n - (body % 97n) !== BigInt(key)) continue;
    const start = m.index;
    const end = start + m[0].length;
    spans.push({ type: 'NATIONAL_ID', start, end, score: hasCue(text, start, end, ID_CUE) ? 0.95 : 0.8 });
  }
  return spans;
}

// Italian codice fiscale: surname, name, birth date and place codes, check letter.
// Digits may be replaced by letters (omocodia), hence the wider classes.
const CF = /\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b/gi;
const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

function cfValid(code: string): boolean {
  const c = code.toUpperCase();
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = c.charCodeAt(i);
    const v = ch <= 57 ? ch - 48 : ch - 65; // digits and letters share 0..25 positions
    sum += i % 2 === 0 ? CF_ODD[v] : v;
  }
  return String.fromCharCode(65 + (sum % 26)) === c[15];
}

function detectCodiceFiscale(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(CF)) {
    if (!cfValid(m[0])) continue;
    spans.push({ type: 'NATIONAL_ID', start: m.index, end: m.index + m[0].length, score: 0.95 });
  }
  return spans;
}

// Digit-only ids with weak checksums: German Steuer-ID (11 digits, MOD 11,10) and the
// Dutch BSN (9 digits, elfproef). Taken only after an id cue.
const DIGITS = /\b\d(?:[ ]?\d){8,10}\b/g;

function detectCuedDigitIds(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(DIGITS)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!hasCue(text, start, end, ID_CUE, 40)) continue;
    const digits = m[0].replace(/ /g, '');
    const valid =
      (digits.length === 11 && digits[0] !== '0' && iso7064Mod11_10Valid(digits)) || (digits.length === 9 && elfproefValid(digits));
    if (valid) spans.push({ type: 'NATIONAL_ID', start, end, score: 0.85 });
  }
  return spans;
}

export const detectNationalId: Detector = (text) => {
  // Every format here has at least six digits (a codice fiscale seven, unless letters
  // replace some); the digit count picks which expressions can match at all.
  const digits = countDigits(text);
  if (digits < 5) return [];
  const spans = detectCodiceFiscale(text);
  if (digits >= 6) spans.push(...detectNino(text));
  if (digits >= 7) spans.push(...detectDni(text));
  if (digits >= 9) spans.push(...detectSsn(text), ...detectCuedDigitIds(text));
  if (digits >= 15) spans.push(...detectNir(text));
  return spans.filter((s) => isBounded(text, s.start, s.end));
};
