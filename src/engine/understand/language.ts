// Language of a message. franc works on trigrams and is unreliable on very short text, so we
// restrict it to common support languages and fall back to the knowledge's language.
import { franc } from 'franc';

/** ISO 639-3 (franc) -> ISO 639-1 (what the rest of Baton stores). */
const ISO1: Record<string, string> = {
  eng: 'en', spa: 'es', fra: 'fr', deu: 'de', por: 'pt', ita: 'it', nld: 'nl', pol: 'pl', swe: 'sv',
  dan: 'da', nob: 'no', fin: 'fi', tur: 'tr', rus: 'ru', ukr: 'uk', cmn: 'zh', jpn: 'ja', kor: 'ko', arb: 'ar',
};
const ONLY = Object.keys(ISO1);

/** Detects the language; `fallback` is used when the text is too short or ambiguous. */
export function detectLanguage(text: string, fallback = 'en'): string {
  const cleaned = text.replace(/<[A-Z_]+\d*>/g, ' ').trim();
  if (cleaned.length < 12) return fallback;
  const code = franc(cleaned, { only: ONLY, minLength: 12 });
  return ISO1[code] ?? fallback;
}
