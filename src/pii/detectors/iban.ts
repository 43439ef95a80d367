import { mod97 } from '../checksums.ts';
import { isBounded } from '../context.ts';
import type { Detector, Span } from '../types.ts';

// Two letters, two check digits, then 11 to 30 alphanumerics, optionally in groups of
// four separated by single spaces (the printed form).
const CANDIDATE = /[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{1,4}){3,8}/g;

// IBAN lengths per country (ISO 13616 registry); an unknown country is rejected.
const LENGTH: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15,
  PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19,
  SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

export const detectIban: Detector = (text) => {
  const spans: Span[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const found = longestValidPrefix(m[0]);
    if (!found) continue;
    const start = m.index;
    const end = start + found.length;
    if (!isBounded(text, start, end)) continue;
    spans.push({ type: 'IBAN', start, end, score: 0.99 });
  }
  return spans;
};

/** The regex may run into a following word ("... 4488 to"); cut at the country length. */
function longestValidPrefix(candidate: string): string | undefined {
  const country = candidate.slice(0, 2).toUpperCase();
  const length = LENGTH[country];
  if (!length) return undefined;
  let compact = 0;
  for (let i = 0; i < candidate.length; i++) {
    if (candidate[i] !== ' ') compact++;
    if (compact === length) {
      const raw = candidate.slice(0, i + 1);
      const iban = raw.replace(/ /g, '');
      return mod97(iban.slice(4) + iban.slice(0, 4)) === 1 ? raw : undefined;
    }
  }
  return undefined;
}
