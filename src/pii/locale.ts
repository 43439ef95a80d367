import type { CountryCode } from 'libphonenumber-js';

// The country whose national formats (phone numbers without "+") a language most
// likely means. A region subtag ("fr-BE", "en_GB") always wins over this guess.
const COUNTRY_OF_LANGUAGE: Record<string, CountryCode> = {
  en: 'US', de: 'DE', fr: 'FR', es: 'ES', it: 'IT', nl: 'NL', pt: 'PT', sv: 'SE', da: 'DK',
  nb: 'NO', nn: 'NO', no: 'NO', fi: 'FI', pl: 'PL', cs: 'CZ', sk: 'SK', hu: 'HU', el: 'GR',
  ro: 'RO', bg: 'BG', hr: 'HR', sl: 'SI', et: 'EE', lv: 'LV', lt: 'LT', is: 'IS', ga: 'IE',
  tr: 'TR', ru: 'RU', uk: 'UA', ja: 'JP', zh: 'CN', ko: 'KR', ar: 'SA', he: 'IL', hi: 'IN',
};

/** The default phone region for a locale such as "en", "de-AT" or "pt_BR". */
export function regionOf(locale: string): CountryCode {
  const [language = 'en', region] = locale.replace('_', '-').split('-');
  if (region && /^[A-Za-z]{2}$/.test(region)) return region.toUpperCase() as CountryCode;
  return COUNTRY_OF_LANGUAGE[language.toLowerCase()] ?? 'US';
}
