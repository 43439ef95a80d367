import { mod97 } from '../checksums.ts';
import { isBounded } from '../context.ts';
import type { Detector, Span } from '../types.ts';

// Where an IBAN can start: two letters and two check digits, not inside a word. From
// each start the country's length is read off (see ibanAt), so an IBAN followed by
// another ("DE89 ... 00, GB82 ...") or by more words ends where its country says.
const START = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}/gu;

// IBAN lengths per country (ISO 13616 registry); an unknown country is rejected.
const LENGTH: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

export const detectIban: Detector = (text) => {
  const spans: Span[] = [];
  let searchedTo = 0;
  for (const m of text.matchAll(START)) {
    if (m.index < searchedTo) continue;
    const end = ibanAt(text, m.index);
    if (end === undefined) continue;
    spans.push({ type: 'IBAN', start: m.index, end, score: 0.99 });
    searchedTo = end;
  }
  return spans;
};

/**
 * The end of a valid IBAN starting at `start`, or undefined: exactly the country's number
 * of letters and digits, optionally in groups split by single spaces (the printed form),
 * not running on into a word, with the MOD 97 check passing.
 */
function ibanAt(text: string, start: number): number | undefined {
  const length = LENGTH[text.slice(start, start + 2).toUpperCase()];
  if (!length) return undefined;
  let compact = '';
  let i = start;
  while (compact.length < length && i < text.length) {
    const ch = text[i]!;
    if (/[A-Za-z0-9]/.test(ch)) compact += ch;
    else if (!(ch === ' ' && compact.length >= 4 && /[A-Za-z0-9]/.test(text[i + 1] ?? ''))) return undefined;
    i++;
  }
  if (compact.length < length || !isBounded(text, start, i)) return undefined;
  return mod97(compact.slice(4) + compact.slice(0, 4)) === 1 ? i : undefined;
}
