import type { CountryCode } from 'libphonenumber-js';

// The country whose national formats (phone numbers without "+") a language most
// likely means. A region subtag ("fr-BE", "en_GB") always wins over this guess.
const COUNTRY_OF_LANGUAGE: Record<string, CountryCode> = {
  en: 'US',
  de: 'DE',
  fr: 'FR',
  es: 'ES',
  it: 'IT',
  nl: 'NL',
  pt: 'PT',
  sv: 'SE',
  da: 'DK',
  nb: 'NO',
  nn: 'NO',
  no: 'NO',
  fi: 'FI',
  pl: 'PL',
  cs: 'CZ',
  sk: 'SK',
  hu: 'HU',
  el: 'GR',
  ro: 'RO',
  bg: 'BG',
  hr: 'HR',
  sl: 'SI',
  et: 'EE',
  lv: 'LV',
  lt: 'LT',
  is: 'IS',
  ga: 'IE',
  tr: 'TR',
  ru: 'RU',
  uk: 'UA',
  ja: 'JP',
  zh: 'CN',
  ko: 'KR',
  ar: 'SA',
  he: 'IL',
  hi: 'IN',
};

/** The default phone region for a locale such as "en", "de-AT" or "pt_BR". */
export function regionOf(locale: string): CountryCode {
  const [language = 'en', region] = locale.replace('_', '-').split('-');
  if (region && /^[A-Za-z]{2}$/.test(region)) return region.toUpperCase() as CountryCode;
  return COUNTRY_OF_LANGUAGE[language.toLowerCase()] ?? 'US';
}

// Countries that share a language's national phone formats: "en" text may quote a UK
// mobile as easily as a US number.
const COUNTRIES_OF_LANGUAGE: Record<string, CountryCode[]> = {
  en: ['US', 'GB', 'IE', 'AU', 'NZ'],
  de: ['DE', 'AT', 'CH'],
  fr: ['FR', 'BE', 'CH', 'LU'],
  es: ['ES', 'MX', 'AR', 'CO'],
  it: ['IT', 'CH'],
  nl: ['NL', 'BE'],
  pt: ['PT', 'BR'],
  sv: ['SE', 'FI'],
};

/** The phone regions a locale's text may use, the default one (regionOf) first. */
export function regionsOf(locale: string): CountryCode[] {
  let regions = regionsCache.get(locale);
  if (!regions) {
    if (regionsCache.size > 200) regionsCache.clear(); // locales are few; this only bounds odd input
    regionsCache.set(locale, (regions = regionsFor(locale)));
  }
  return regions;
}
const regionsCache = new Map<string, CountryCode[]>();

function regionsFor(locale: string): CountryCode[] {
  const first = regionOf(locale);
  const language = (locale.replace('_', '-').split('-')[0] ?? 'en').toLowerCase();
  return [first, ...(COUNTRIES_OF_LANGUAGE[language] ?? []).filter((c) => c !== first)];
}
