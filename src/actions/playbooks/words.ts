// Words as the recognisers compare them: lower case, "gift_card" and "gift-card" as "gift card",
// a number and its unit as one word ("5-feet" and "5 ft" are "5ft", "1.5 liters" is "1.5l"),
// plurals folded ("earbuds" and "earbud" match), filler words dropped.

const UNITS: [RegExp, string][] = [
  [/^(?:feet|foot|ft)$/, 'ft'],
  [/^(?:inch|inches|in)$/, 'inch'],
  [/^(?:l|liter|liters|litre|litres)$/, 'l'],
  [/^(?:ml|milliliters?|millilitres?)$/, 'ml'],
  [/^(?:bar)$/, 'bar'],
  [/^(?:mm)$/, 'mm'],
  [/^(?:mp|megapixels?)$/, 'mp'],
  [/^(?:gb)$/, 'gb'],
  [/^(?:tb)$/, 'tb'],
  [/^(?:w|watts?)$/, 'w'],
  [/^(?:hours?|hrs?|h)$/, 'hours'],
  [/^(?:lbs?|pounds?)$/, 'lbs'],
  [/^(?:cups?)$/, 'cups'],
  [/^(?:x)$/, 'x'],
  [/^(?:piece|pieces|pc|pcs)$/, 'piece'],
  [/^(?:mah)$/, 'mah'],
  [/^(?:%|percent)$/, '%'],
  [/^(?:degrees?)$/, 'degrees'],
];

const NUMBER_WORDS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
};

export const STOPWORDS = new Set(
  (
    'a an the i me my mine we our you your it its this that these those is are was were be been am do does did to of in on at for ' +
    'with and or but so as by from into about up out want wanted would like could can please also just one ones thing things ' +
    'get got have has had will shall should there here them they he she his her what which who how order item items ' +
    'hi hello hey thanks thank yes no not ok okay'
  ).split(' '),
);

function fold(w: string): string {
  if (w.length > 3 && /[a-z]s$/.test(w) && !/ss$/.test(w)) return w.slice(0, -1);
  return w;
}

/** The words of a text, normalised (see the file comment); stopwords kept unless `content`. */
export function words(text: string, opts: { content?: boolean } = {}): string[] {
  const raw = text
    .toLowerCase()
    .replace(/[_/]/g, ' ')
    .replace(/(\d)-(?=[a-z])/g, '$1 ')
    .replace(/(\d)(?=[a-z%])/g, '$1 ')
    .replace(/[^\p{L}\p{N}.%#' -]+/gu, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .replace(/'s\b/g, '')
    .replace(/'/g, '')
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((w) => NUMBER_WORDS[w] ?? w);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const w = raw[i];
    const next = raw[i + 1];
    if (/^\d+(?:\.\d+)?$/.test(w) && next !== undefined) {
      const unit = UNITS.find(([re]) => re.test(next));
      if (unit) {
        out.push(w + unit[1]);
        i++;
        continue;
      }
    }
    out.push(fold(w));
  }
  return opts.content ? out.filter((w) => !STOPWORDS.has(w)) : out;
}

/** Whether `phrase`'s words occur, in order and together, among `hay`'s; the index of the first, or -1. */
export function findPhrase(hay: string[], phrase: string[]): number {
  if (phrase.length === 0) return -1;
  outer: for (let i = 0; i + phrase.length <= hay.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (hay[i + j] !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}

/** The last index at which `phrase` occurs, or -1. */
export function findLastPhrase(hay: string[], phrase: string[]): number {
  for (let i = hay.length - phrase.length; i >= 0; i--) {
    let ok = true;
    for (let j = 0; j < phrase.length && ok; j++) ok = hay[i + j] === phrase[j];
    if (ok) return i;
  }
  return -1;
}
