// Country names, in the languages Baton replies in (ISO 3166-1 names from i18n-iso-countries,
// MIT): a customer asking about delivery to a country the knowledge never names ("do you ship
// to Canada?") is asking about delivery abroad, which it may well cover ("7 to 14 business days
// abroad"). One way only: a country reads as "abroad", never "abroad" as a country (a shop in
// Germany writing "within Germany" means at home).
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import de from 'i18n-iso-countries/langs/de.json' with { type: 'json' };
import pt from 'i18n-iso-countries/langs/pt.json' with { type: 'json' };
import it from 'i18n-iso-countries/langs/it.json' with { type: 'json' };
import nl from 'i18n-iso-countries/langs/nl.json' with { type: 'json' };
import { normalize, words } from './normalize.ts';

const LOCALES = [en, es, fr, de, pt, it, nl];

/**
 * Names that are also common words of a support message in one of the languages ("chad", "jersey",
 * "georgia" is a US state, "turkey" a bird, "guinea", "togo" ...) are left out: a country name
 * must not turn an ordinary word into a question about abroad.
 */
const AMBIGUOUS = new Set([
  'chad',
  'jersey',
  'georgia',
  'turkey',
  'guinea',
  'togo',
  'jordan',
  'niger',
  'island',
  'chile',
  'man',
  'us',
  'oma',
  'chili',
  'benim',
]);

/** Every name as its words (normalised), longest first within each first word. */
const BY_FIRST = (() => {
  const names = new Set<string>();
  for (const locale of LOCALES) {
    countries.registerLocale(locale);
    for (const list of Object.values(countries.getNames(locale.locale, { select: 'all' })))
      for (const name of list) {
        const n = words(normalize(name)).join(' ');
        if (n && !AMBIGUOUS.has(n)) names.add(n);
      }
  }
  const out = new Map<string, string[][]>();
  for (const n of names) {
    const ws = n.split(' ');
    (out.get(ws[0]) ?? out.set(ws[0], []).get(ws[0])!).push(ws);
  }
  for (const list of out.values()) list.sort((a, b) => b.length - a.length);
  return out;
})();

/** The country names a list of normalised words holds, each as its words. */
export function countriesIn(toks: readonly string[]): string[][] {
  const found: string[][] = [];
  for (let i = 0; i < toks.length; i++) {
    const name = BY_FIRST.get(toks[i])?.find((ws) => ws.every((w, j) => toks[i + j] === w));
    if (name) {
      found.push(name);
      i += name.length - 1;
    }
  }
  return found;
}
