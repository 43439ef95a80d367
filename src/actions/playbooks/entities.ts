// Personal details in the customer's words: an e-mail, a zip code, a first and last name, a
// postal address, a phone number. Live traffic reaches the runner redacted, so a PII token
// ("<EMAIL_1>") is taken as the value: the conversation layer puts the original back before
// the call is made.
export type EntityKind = 'email' | 'first_name' | 'last_name' | 'zip' | 'address' | 'phone';

const TOKEN = (type: string) => new RegExp(`<${type}_\\d+>`, 'g');
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const ZIP = /(?<![\d#W.$-])\d{5}(?:-\d{4})?(?![\d.])/g;
const PHONE = /(?<!\d)(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)/g;

// Words that start a sentence in capitals but are not names.
const NOT_NAMES = new Set(
  'hi hello hey yes no ok okay sure thanks thank please my the i im it is and but so zip code email e-mail order dear well sorry'.split(' '),
);
const NAME_WORD = "[A-Z][a-z'’-]+(?:-[A-Z][a-z]+)?";
const NAME_INTRO = new RegExp(
  `(?:my name is|name's|name is|i am|i'm|this is|it's|its|name:)\\s+(${NAME_WORD})\\s+(${NAME_WORD})`,
  'i',
);
const NAME_LEADING = new RegExp(`^\\s*(?:(?:hi|hello|hey|yes|sure|ok|okay)[,!.]?\\s+)?(${NAME_WORD})\\s+(${NAME_WORD})\\s*(?:[,.;]|$|\\s+(?:and|zip|from|at|\\d))`);

/** All values of a kind in a line, in the order written (tokens included). */
export function findEntities(kind: EntityKind, text: string, opts: { asked?: boolean } = {}): unknown[] {
  switch (kind) {
    case 'email':
      return ordered(text, [TOKEN('EMAIL'), EMAIL]);
    case 'zip': {
      const labelled = /\b(?:zip|postal|post)\s*(?:code)?\s*(?:is|:)?\s*(\d{5})\b/i.exec(text);
      if (labelled) return [labelled[1]];
      return ordered(text.replace(EMAIL, ' ').replace(/#?W\d{7}/g, ' '), [TOKEN('POSTCODE'), ZIP]);
    }
    case 'phone':
      return ordered(text, [TOKEN('PHONE'), PHONE]);
    case 'first_name':
    case 'last_name': {
      const n = findName(text, opts.asked ?? false);
      return n ? [kind === 'first_name' ? n.first : n.last] : [];
    }
    case 'address': {
      const token = text.match(TOKEN('ADDRESS'));
      if (token) return [token[0]];
      const a = parseAddress(text);
      return a ? [a] : [];
    }
  }
}

function ordered(text: string, res: RegExp[]): string[] {
  const hits: { at: number; v: string }[] = [];
  for (const re of res) for (const m of text.matchAll(re)) hits.push({ at: m.index, v: m[0] });
  return hits.sort((a, b) => a.at - b.at).map((h) => h.v);
}

export function findName(text: string, asked: boolean): { first: string; last: string } | null {
  const person = text.match(TOKEN('PERSON'));
  if (person) return null; // a full-name token cannot be split into first and last names
  const m = NAME_INTRO.exec(text) ?? (asked || new RegExp(ZIP.source).test(text) ? NAME_LEADING.exec(text) : null);
  if (!m) return null;
  const [first, last] = [m[1], m[2]];
  if (NOT_NAMES.has(first.toLowerCase()) || NOT_NAMES.has(last.toLowerCase())) return null;
  if (!/^[A-Z]/.test(first) || !/^[A-Z]/.test(last)) return null;
  return { first, last };
}

export interface PostalAddress {
  address1: string;
  address2: string;
  city: string;
  state: string;
  country: string;
  zip: string;
}

const ADDRESS = new RegExp(
  String.raw`(\d+[A-Za-z]?\s+[A-Za-z0-9 .'-]+?)\s*,\s*` +
    String.raw`(?:((?:suite|ste|apt|apartment|unit|floor|fl|room|#)\.?\s*[\w-]+)\s*,\s*)?` +
    String.raw`([A-Za-z .'-]+?)\s*,\s*([A-Z]{2})\s*,?\s*(\d{5}(?:-\d{4})?)` +
    String.raw`(?:\s*,?\s*(USA|United States(?: of America)?|US|U\.S\.A?\.?))?`,
  'i',
);

/** A US postal address written on one line: "320 Cedar Avenue, Suite 116, San Antonio, TX 78219, USA". */
export function parseAddress(text: string): PostalAddress | null {
  const m = ADDRESS.exec(text);
  if (!m) return null;
  return {
    address1: m[1].trim(),
    address2: (m[2] ?? '').trim(),
    city: m[3].trim(),
    state: m[4].toUpperCase(),
    country: 'USA',
    zip: m[5],
  };
}
