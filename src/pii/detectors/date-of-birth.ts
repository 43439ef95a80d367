import { containsAny, hasCue, lowerCase } from '../context.ts';
import type { Detector, Span } from '../types.ts';

// Month names and abbreviations in the languages Baton serves first.
const MONTHS = [
  'jan(?:uary|uar|vier|eiro|naio)?',
  'feb(?:ruary|ruar|braio)?',
  'fév(?:rier)?',
  'fevereiro',
  'mar(?:ch|zo|s|ço)?',
  'märz',
  'maart',
  'apr(?:il|ile)?',
  'avr(?:il)?',
  'abr(?:il)?',
  'may',
  'mai',
  'mayo',
  'maggio',
  'mei',
  'maio',
  'jun(?:e|i|io)?',
  'juin',
  'giugno',
  'junho',
  'jul(?:y|i|io)?',
  'juil(?:let)?',
  'luglio',
  'julho',
  'aug(?:ust|usti|ustus)?',
  'août',
  'ago(?:sto)?',
  'sep(?:t|tember|tembre|tiembre)?',
  'set(?:tembre|embro)?',
  'oct(?:ober|obre|ubre)?',
  'okt(?:ober)?',
  'ott(?:obre)?',
  'out(?:ubro)?',
  'nov(?:ember|embre|iembre|embro)?',
  'dec(?:ember)?',
  'dez(?:ember|embro)?',
  'déc(?:embre)?',
  'dic(?:iembre|embre)?',
].join('|');

const NUMERIC = String.raw`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})`;
const DAY_MONTH_YEAR = String.raw`\d{1,2}(?:st|nd|rd|th|\.|er|º)?\s+(?:de\s+)?(?:${MONTHS})\.?\s+(?:de\s+)?\d{4}`;
const MONTH_DAY_YEAR = String.raw`(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}`;
const DATE = new RegExp(String.raw`(?<![\d\p{L}])(?:${NUMERIC}|${DAY_MONTH_YEAR}|${MONTH_DAY_YEAR})(?![\d\p{L}])`, 'giu');

// A date is personal data when it is somebody's birth date; other dates (orders,
// appointments) stay in clear so the bot can reason about them.
const BIRTH_CUE =
  /(born|birth|dob|d\.o\.b\.?|birthday|bday|geboren|geb\.|geburts\w*|né|née|naissance|nacid[oa]|nacimiento|nat[oa]\b|nascita|nascid[oa]|nascimento|geboortedatum|födelse\w*|født|syntynyt|urodzon[ya])[^.!?\n]{0,25}$/;

// Stems of the cues above: without one the text has no birth date to find.
const HINTS = [
  'born',
  'birth',
  'dob',
  'd.o.b',
  'bday',
  'geboren',
  'geb.',
  'geburt',
  'né',
  'naissance',
  'nacid',
  'nacimiento',
  'nato',
  'nata',
  'nasc',
  'geboorte',
  'födel',
  'født',
  'synty',
  'urodzon',
];

export const detectDateOfBirth: Detector = (text) => {
  if (!/\d/.test(text) || !containsAny(lowerCase(text), HINTS)) return [];
  const spans: Span[] = [];
  for (const m of text.matchAll(DATE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!hasCue(text, start, end, BIRTH_CUE, 45)) continue;
    spans.push({ type: 'DATE_OF_BIRTH', start, end, score: 0.9 });
  }
  return spans;
};
