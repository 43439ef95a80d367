/**
 * Words that make a phrase a street address, by position. Public, general knowledge:
 * postal suffix lists (USPS Publication 28 style) and the street words of European
 * languages. Kept as regex sources so address.ts composes them.
 */

/** Street types written after the name: "Crown St", "Gordon Terrace", "Pinto Hill". */
export const SUFFIX_TYPES = [
  'street', 'st', 'road', 'rd', 'avenue', 'ave', 'av', 'drive', 'dr', 'lane', 'ln', 'close', 'terrace', 'tce', 'court', 'ct',
  'place', 'pl', 'way', 'boulevard', 'blvd', 'crescent', 'cres', 'square', 'sq', 'parkway', 'pkwy', 'highway', 'hwy',
  'alley', 'row', 'hill', 'hills', 'gardens', 'grove', 'mews', 'walk', 'park', 'parks', 'route', 'loop', 'crossing',
  'crossroad', 'crossroads', 'point', 'pass', 'mall', 'circle', 'cir', 'trail', 'trl', 'path', 'extension', 'extensions',
  'prairie', 'fort', 'heights', 'valley', 'view', 'vista', 'ridge', 'plaza', 'green', 'glen', 'meadow', 'meadows',
  'manor', 'junction', 'landing', 'harbor', 'harbour', 'haven', 'ferry', 'falls', 'estate', 'estates', 'expressway',
  'freeway', 'turnpike', 'causeway', 'bypass', 'cove', 'creek', 'crest', 'brook', 'bridge', 'center', 'centre',
  'common', 'commons', 'corner', 'corners', 'course', 'divide', 'field', 'fields', 'flat', 'flats', 'ford', 'forest',
  'fork', 'forks', 'gateway', 'hollow', 'island', 'isle', 'knoll', 'lake', 'lakes', 'lodge', 'mill', 'mills', 'mount',
  'mountain', 'orchard', 'oval', 'pike', 'pines', 'port', 'ramp', 'ranch', 'rapids', 'rest', 'river', 'run', 'shore',
  'shores', 'spring', 'springs', 'spur', 'station', 'stream', 'summit', 'trace', 'track', 'tunnel', 'underpass',
  'village', 'ville', 'well', 'wells', 'wharf', 'quay', 'embankment', 'parade', 'promenade', 'esplanade', 'circus',
  'gate', 'yard', 'rise', 'chase', 'wynd', 'broadway', 'strasse', 'straße', 'str', 'gasse', 'weg', 'platz', 'allee',
  'straat', 'laan', 'gracht', 'plein', 'kade', 'vej', 'gade', 'gatan', 'vägen', 'veien', 'gate', 'utca', 'út', 'tér',
  'körút', 'katu', 'tie', 'kuja', 'u',
];

/** Street types written before the name: "Rue de la Gare", "Via Franscini", "ul. Miła". */
export const PREFIX_TYPES = [
  'rue', 'avenue', 'av', 'avda', 'avenida', 'boulevard', 'bd', 'bld', 'chemin', 'ch', 'place', 'pl', 'quai', 'route',
  'impasse', 'allée', 'allee', 'cours', 'rond-point', 'calle', 'c', 'carrer', 'camino', 'paseo', 'plaza', 'pasaje',
  'ronda', 'travesía', 'via', 'viale', 'piazza', 'piazzale', 'corso', 'largo', 'vicolo', 'strada', 'contrada', 'rua',
  'travessa', 'praça', 'estrada', 'alameda', 'ul', 'ulica', 'al', 'aleja', 'os', 'osiedle', 'pl', 'plac', 'quadra',
  'λεωφόρος', 'λ', 'οδός', 'πλατεία', 'ulitsa', 'prospekt', 'str', 'strada', 'calea', 'bulevardul', 'bul', 'trg',
  'náměstí', 'nám', 'námestie', 'tr', 'cesta', 'sokak', 'cad', 'caddesi',
];

/** Prefix types distinctive enough to make an address without a house number. */
export const STRONG_PREFIX_TYPES = [
  'rue', 'avenue', 'avenida', 'avda', 'boulevard', 'calle', 'carrer', 'paseo', 'via', 'viale', 'piazza', 'corso', 'largo',
  'strada', 'rua', 'travessa', 'praça', 'ul', 'ulica', 'λεωφόρος', 'οδός', 'allée', 'chemin', 'quai', 'impasse', 'trg',
];

/** Lower-case words that join a street name: "Avenue des Tuileries", "Paseo del Atlántico". */
export const CONNECTORS = [
  'de', 'del', 'des', 'du', 'la', 'le', 'les', 'da', 'do', 'dos', 'das', 'di', 'della', 'van', 'von', 'der', 'den',
  'ten', 'ter', 'y', 'e', 'al', 'el', 'am', 'an', 'auf', 'im', 'of', 'the', 'sur', 'sous', 'en', 'z', 'ze', 'na', 'nad',
  'pod', 'u', 'w',
];

/** Street types that are safe to take in all-lower-case text ("12 main street"). */
export const STRONG_SUFFIX_TYPES = [
  'street', 'st', 'avenue', 'ave', 'road', 'rd', 'boulevard', 'blvd', 'lane', 'drive', 'terrace', 'crescent', 'highway',
  'hwy', 'strasse', 'straße',
];

/**
 * Endings of one-word street names in compounding languages: Kopfhölzistrasse,
 * Magasinsgatan, Kiannonkatu, Mellemvej, Asselsestraat, Hlíðarvegur ...
 */
export const COMPOUND_ENDINGS = [
  'straße', 'strasse', 'str\\.', 'gasse', 'weg', 'platz', 'allee', 'ring', 'damm', 'ufer', 'steig', 'pfad', 'chaussee',
  'graben', 'markt', 'berg', 'hof', 'straat', 'laan', 'gracht', 'plein', 'kade', 'singel', 'dijk', 'hove', 'pad',
  'steeg', 'vej', 'gade', 'vænget', 'stræde', 'gatan', 'gata', 'vägen', 'väg', 'gränd', 'stigen', 'backen', 'torget',
  'veien', 'vegen', 'veg', 'gate', 'stien', 'veien', 'katu', 'tie', 'kuja', 'polku', 'väylä', 'rinne', 'kaari', 'tori',
  'utca', 'útja', 'körút', 'ulica', 'ulice', 'cesta', 'třída', 'náměstí', 'trieda', 'iela', 'gatvė', 'tänav', 'maantee',
  'vegur', 'stræti', 'straeti', 'gata', 'sokak', 'sokağı', 'caddesi', 'bulvarı',
];

/** Unit and box designators that continue an address: "Suite 501", "Apt. 7", "P.O. Box 9". */
export const UNIT_WORDS = ['suite', 'ste', 'apt', 'apartment', 'unit', 'flat', 'floor', 'fl', 'room', 'rm', 'bldg', 'building', 'dept', 'wohnung', 'whg', 'etage', 'appt', 'appartement', 'bâtiment', 'bat', 'piso', 'puerta', 'interno', 'int', 'scala'];
// Spelled out in three cases so the pattern works inside case-sensitive expressions.
const UNIT_ALT = UNIT_WORDS.flatMap((w) => [w, w[0].toUpperCase() + w.slice(1), w.toUpperCase()]).join('|');
export const UNIT = String.raw`(?:(?:${UNIT_ALT})\.?|#)\s*[A-Za-z0-9][A-Za-z0-9-]{0,5}`;
export const PO_BOX = String.raw`(?:p\.?\s?o\.?\s?box|post\s?box|postbox|postfach|boîte postale|apartado(?: de correos)?|casella postale|caixa postal)\s*\d{1,6}`;

/** Words that end a walk back over a street name: people's titles and unit words. */
export const NOT_NAME_WORDS = [
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'herr', 'frau', 'mme', 'mlle', 'sr', 'sra', 'dott', 'suite', 'ste', 'apt',
  'apartment', 'unit', 'flat', 'floor', 'room', 'rm', 'bldg', 'building', 'box', 'no', 'nr', 'nº', 'n°',
];

/** "Name 12" shapes that are not streets ("Windows 10", "March 15", "Chapter 3"). */
export const NOT_STREET_NAMES = [
  'windows', 'chapter', 'page', 'level', 'version', 'season', 'episode', 'part', 'room', 'gate', 'platform', 'terminal',
  'flight', 'order', 'invoice', 'ticket', 'step', 'item', 'table', 'figure', 'section', 'article', 'model', 'day',
  'week', 'year', 'top', 'number', 'covid', 'galaxy', 'iphone', 'pixel', 'office', 'vol', 'volume', 'book', 'track',
  'bus', 'line', 'tier', 'plan', 'phase', 'stage', 'group', 'team', 'class', 'grade', 'size', 'type', 'series',
  'android', 'ios', 'macos', 'ubuntu', 'java', 'python', 'node', 'php', 'blink', 'age', 'aged', 'since', 'until',
  'jan', 'january', 'feb', 'february', 'mar', 'march', 'apr', 'april', 'may', 'jun', 'june', 'jul', 'july', 'aug',
  'august', 'sep', 'sept', 'september', 'oct', 'october', 'nov', 'november', 'dec', 'december', 'januar', 'februar',
  'märz', 'mai', 'juni', 'juli', 'oktober', 'dezember', 'janvier', 'février', 'mars', 'avril', 'juin', 'juillet',
  'août', 'septembre', 'octobre', 'novembre', 'décembre', 'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio',
  'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre', 'monday', 'tuesday', 'wednesday', 'thursday',
  'friday', 'saturday', 'sunday', 'born', 'in', 'on', 'at',
];

/** Words that stop an address from running on into the sentence. */
export const STOP_WORDS = new Set([
  'and', 'or', 'but', 'in', 'on', 'at', 'to', 'for', 'from', 'with', 'after', 'before', 'is', 'was', 'are', 'the', 'a',
  'an', 'i', 'we', 'you', 'he', 'she', 'it', 'they', 'my', 'our', 'your', 'his', 'her', 'their', 'this', 'that', 'last',
  'next', 'please', 'thanks', 'thank', 'since', 'until', 'if', 'when', 'where', 'which', 'who', 'as', 'by', 'of',
  'und', 'oder', 'et', 'ou', 'y', 'o', 'e', 'und', 'bei', 'im', 'dans', 'en', 'para', 'per', 'con', 'mit',
]);
