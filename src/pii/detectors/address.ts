import { hasCue } from '../context.ts';
import type { Detector, Span } from '../types.ts';
import { COMPOUND_ENDINGS, PO_BOX, PREFIX_TYPES, STOP_WORDS, SUFFIX_TYPES, UNIT } from './address-lexicon.ts';

/*
 * Street addresses are found in three steps:
 *  1. cores: phrases that are a street line on their own (number + name + street type,
 *     name + house number, a prefix type like "Rue ...", a PO or military box);
 *  2. cores next to each other (only spaces, commas or line breaks between) join up,
 *     with unit designators ("Suite 501") that alone are too weak to count;
 *  3. each block runs on over what follows a street line: city, region code, postcode,
 *     country, each on its own line or after a comma, until the sentence resumes.
 */

const alt = (words: readonly string[]) => words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\\\./g, '\\.')).join('|');
const capitalise = (w: string) => w[0].toUpperCase() + w.slice(1);

const SUFFIX = `(?:${alt(SUFFIX_TYPES.flatMap((w) => [w, capitalise(w), w.toUpperCase()]))})\\.?`;
const PREFIX = `(?:${alt(PREFIX_TYPES.flatMap((w) => [w, capitalise(w), w.toUpperCase()]))})\\.?`;
const COMPOUND = new RegExp(`(?:${COMPOUND_ENDINGS.join('|')})$`, 'iu');
const CAP = String.raw`\p{Lu}[\p{L}\p{M}'’-]*\.?`;
const CONNECT = '(?:de|del|des|du|la|le|les|da|do|dos|das|di|della|van|von|der|den|ten|ter|y|al|el|am|an|auf|im|of|the|sur|sous|en)';
// A street name: capitalised words, lowercase connectors, lowercase street words (tér, u.).
const NAME_WORD = `(?:${CAP}|${SUFFIX})`;
const NAME = `${NAME_WORD}(?:[ ]+(?:${CONNECT}[ ]+)?${NAME_WORD}){0,3}`;
const HOUSE = String.raw`\d{1,5}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?`;
const LEAD = String.raw`(?:\d{1,6}[ ]+){0,2}`;
const B = String.raw`(?<![\p{L}\p{N}])`;
const E = String.raw`(?![\p{L}\p{N}])`;

/** "1668 Glyn St", "935 69 Gordon Terrace", "3911 Fourth Avenue". */
const NUMBER_NAME_TYPE = new RegExp(`${B}(?:\\d{1,6}[A-Za-z]?[ ]+){1,2}(?:${NAME}[ ]+)?${SUFFIX}${E}`, 'gu');
/** All lower case: "74678 midtvollen 130 st.", "3911 fourth avenue". */
const LOWER_NUMBER_TYPE = new RegExp(
  `${B}(?:\\d{1,6}[ ]+){1,2}((?:\\p{Ll}[\\p{L}\\p{M}'’-]*[ ]+){1,3})(?:\\d{1,5}[ ]+)?(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|drive|terrace|crescent|highway|hwy|strasse|straße)\\.?${E}`,
  'gu',
);
/** "Via Franscini 71", "Villacher Strasse 89", "20789 Allika 46", "Erzsébet tér 19." */
const NAME_NUMBER = new RegExp(`${B}(${LEAD})(${PREFIX}[ ]+)?(${NAME})[ ]+${HOUSE}${E}\\.?`, 'gu');
/** "Rue Hsine Eloued", "Avenue des Tuileries": a prefix type needs no number. */
const PREFIX_NAME = new RegExp(`${B}${LEAD}${PREFIX}[ ]+(?:${CONNECT}[ ]+)?${CAP}(?:[ ]+(?:${CONNECT}[ ]+)?${CAP}){0,3}`, 'gu');
const BOXES = [
  new RegExp(`${B}${PO_BOX}${E}`, 'giu'),
  /\b(?:PSC|CMR|Unit)\s+\d{3,5},?\s+Box\s+\d{3,5}\b/g, // US military mail
  /\b(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}\b/g,
  /\b(?:USNS|USS|USNV|USCGC)\s+\p{Lu}[\p{L}\p{M}'’-]+/gu,
];
const UNIT_RE = new RegExp(`${B}${UNIT}${E}`, 'giu');
const CORNER = new RegExp(`\\b(?:the\\s+)?corner\\s+of\\s+[^\\n,.;]{3,60}?\\s+and\\s+${NAME}`, 'giu');

// Cues that a bare "Name 12" is a place: "lives at", "meet me at", "send it to".
const PLACE_CUE = /(?:\bat|\bon|\bto|\bin|\bfrom|\bof|address(?:e|s)?|adres|anschrift|dirección|indirizzo|endereço|live[sd]?|living|located|moved|wohne|habite|vivo|abito|woon)\s*:?\s*$/;
// "Name 12" shapes that are not streets.
const NOT_STREET = /^(?:windows|chapter|page|level|version|season|episode|part|room|gate|platform|terminal|flight|order|invoice|ticket|step|item|table|figure|section|article|model|day|week|year|top|number|no|nr|covid|galaxy|iphone|pixel|office|vol|volume|book|track|bus|line|tier|plan|phase|stage|group|team|class|grade|size|type|series|android|ios|macos|ubuntu|java|python|node|php|dr|mr|mrs|ms|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i;

const UNIT_WORD = /^(?:suite|ste\.?|apt\.?|apartment|unit|flat|floor|room|bldg\.?|building|box)$/i;
const TITLE = /^(?:mr|mrs|ms|miss|dr|prof|herr|frau|mme|mlle|sr|sra|dott)\.?$/i;

interface Core {
  start: number;
  end: number;
  score: number;
}

function findCores(text: string): Core[] {
  const cores: Core[] = [];
  const add = (start: number, end: number, score: number) => cores.push({ start, end, score });

  for (const m of text.matchAll(NUMBER_NAME_TYPE)) add(m.index, m.index + m[0].length, 0.85);
  for (const m of text.matchAll(LOWER_NUMBER_TYPE)) {
    const words = m[1].trim().split(/\s+/);
    if (!words.some((w) => STOP_WORDS.has(w))) add(m.index, m.index + m[0].length, 0.75);
  }
  for (const m of text.matchAll(NAME_NUMBER)) {
    const [whole, lead, prefix, name] = m;
    const words = name.split(/\s+/);
    if (words.length === 1 && NOT_STREET.test(words[0].replace(/\.$/, ''))) continue;
    // "Mrs. Barbara Yudina Apt. 675" is a name and a unit, not a street line.
    if (words.some((w) => UNIT_WORD.test(w) || TITLE.test(w))) continue;
    const streety = prefix || words.some((w) => COMPOUND.test(w.replace(/\.$/, '')) || new RegExp(`^${SUFFIX}$`, 'u').test(w));
    const score = streety ? 0.85 : lead ? 0.75 : hasCue(text, m.index, m.index, PLACE_CUE, 25) ? 0.6 : 0.4;
    add(m.index, m.index + whole.length, score);
  }
  for (const m of text.matchAll(PREFIX_NAME)) add(m.index, m.index + m[0].length, m[0].trim().split(/\s+/).length >= 3 ? 0.6 : 0.45);
  for (const re of BOXES) for (const m of text.matchAll(re)) add(m.index, m.index + m[0].length, 0.85);
  for (const m of text.matchAll(UNIT_RE)) add(m.index, m.index + m[0].length, 0.45);
  for (const m of text.matchAll(CORNER)) add(m.index, m.index + m[0].length, 0.8);
  return cores.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Joins cores that overlap or are separated only by spaces, commas and line breaks. */
function joinCores(text: string, cores: Core[]): Core[] {
  const blocks: Core[] = [];
  for (const core of cores) {
    const last = blocks[blocks.length - 1];
    if (last && (core.start <= last.end || isJoint(text.slice(last.end, core.start)))) {
      last.end = Math.max(last.end, core.end);
      last.score = Math.max(last.score, core.score);
    } else {
      blocks.push({ ...core });
    }
  }
  return blocks;
}

function isJoint(gap: string): boolean {
  return gap.length <= 8 && /^[\s,>]*$/.test(gap) && (gap.match(/\n/g)?.length ?? 0) <= 2;
}

// What may follow a street line: a postcode, a unit, or a short run of capitalised words
// (city, region code, country), possibly with a postcode after it.
const POSTCODE = String.raw`(?:\d{4,5}(?:-\d{3,4})?|\d{3}[ ]\d{2}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2}|\d{4}[ ]?[A-Z]{2})`;
const PLACE_WORD = String.raw`(?:\p{Lu}[\p{L}\p{M}'’.-]*|\(\p{Lu}[\p{L}\p{M}'’. -]*\))`;
const LOCALITY = new RegExp(
  String.raw`^(?:[ \t]*,[ \t]*\n?[ \t>]*|[ \t]*\n[ \t\n>]*|[ \t]+)((?:${UNIT}|${PO_BOX}|${PLACE_WORD}(?:[ ]+(?:${CONNECT}[ ]+)?${PLACE_WORD}){0,3}(?:[ ]+${POSTCODE})?|${POSTCODE}))(?![\p{L}\p{N}])`,
  'u',
);

function extend(text: string, block: Core): Core {
  let end = block.end;
  for (let steps = 0; steps < 6; steps++) {
    const m = LOCALITY.exec(text.slice(end, end + 120));
    if (!m) break;
    const separator = m[0].slice(0, m[0].length - m[1].length);
    if ((separator.match(/\n/g)?.length ?? 0) > 2) break;
    const first = m[1].split(/\s+/)[0].toLowerCase();
    if (STOP_WORDS.has(first)) break;
    end += m[0].length;
  }
  return { ...block, end };
}

export const detectAddress: Detector = (text) => {
  if (!/\d/.test(text) && !/corner|rue|calle|via|avenue/i.test(text)) return [];
  // Cores under 0.45 are too weak even to glue onto a real address.
  const cores = findCores(text).filter((c) => c.score >= 0.45);
  return joinCores(text, cores)
    .map((block) => extend(text, block))
    .filter((block) => block.score >= 0.5)
    .map(({ start, end, score }): Span => ({ type: 'ADDRESS', start, end, score }));
};
