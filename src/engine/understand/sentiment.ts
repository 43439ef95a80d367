// Lexicon sentiment with intensity cues. A support bot needs to spot anger and frustration,
// not fine-grained polarity, so the lexicon leans to complaint vocabulary (en/es/fr/de).

const NEGATIVE: Record<string, number> = {
  terrible: 2,
  awful: 2,
  horrible: 2,
  worst: 2,
  useless: 2,
  ridiculous: 2,
  unacceptable: 2,
  pathetic: 2,
  furious: 3,
  angry: 2,
  mad: 1,
  frustrated: 2,
  frustrating: 2,
  annoyed: 1.5,
  annoying: 1.5,
  fed: 0.5,
  disgusted: 2,
  disappointed: 1.5,
  disappointing: 1.5,
  hate: 2,
  stupid: 2,
  incompetent: 2.5,
  joke: 1,
  nightmare: 2,
  // "you guys suck", "this sucks": said of the company, of its service, of the bot.
  suck: 2.5,
  sucks: 2.5,
  idiot: 2.5,
  idiots: 2.5,
  morons: 2.5,
  clowns: 2,
  liars: 2.5,
  thieves: 2.5,
  trash: 2,
  crap: 1.5,
  garbage: 2,
  rubbish: 2,
  wtf: 2.5,
  damn: 1.5,
  fucking: 3,
  fuck: 3,
  shit: 2.5,
  bullshit: 3,
  scam: 2,
  robbery: 2,
  outrageous: 2,
  disgrace: 2,
  shame: 1,
  waste: 1.5,
  never: 0.3,
  again: 0.2,
  still: 0.3,
  fatal: 1,
  broken: 0.8,
  unhappy: 1.5,
  upset: 1.5,
  sick: 1,
  tired: 1,
  // es / fr / de
  terrible_es: 0,
  horrible_es: 0,
  pesimo: 2,
  inaceptable: 2,
  enfadado: 2,
  harto: 2,
  verguenza: 2,
  inutil: 2,
  nul: 2,
  inadmissible: 2,
  furieux: 3,
  enerve: 2,
  honte: 2,
  inutile: 2,
  scandaleux: 2,
  schrecklich: 2,
  unverschamt: 2,
  wutend: 3,
  sauer: 1.5,
  nutzlos: 2,
  katastrophe: 2,
  frechheit: 2.5,
  enttauscht: 1.5,
};
const POSITIVE: Record<string, number> = {
  thanks: 1,
  thank: 1,
  great: 1.5,
  perfect: 1.5,
  awesome: 1.5,
  excellent: 1.5,
  love: 1,
  helpful: 1.5,
  good: 0.7,
  nice: 0.7,
  happy: 1,
  appreciate: 1.5,
  wonderful: 1.5,
  gracias: 1,
  merci: 1,
  danke: 1,
  super: 1,
  genial: 1,
};
const NEGATORS = new Set([
  'not',
  'no',
  "don't",
  'dont',
  "doesn't",
  'doesnt',
  "didn't",
  'didnt',
  "isn't",
  'isnt',
  "wasn't",
  "won't",
  'never',
  'nicht',
  'kein',
  'pas',
  'ni',
]);
const PHRASES: [RegExp, number][] = [
  [/\b(fed up|sick of|tired of|had enough|waste of (my )?time|this is a joke|are you kidding|give me a break)\b/, 2.5],
  [/\b(doesn't|does not|didn't|did not|don't) (work|help)\b.*\b(again|still|anymore)\b/, 1.5],
  [/\b(how many times|third time|second time|again and again|keep telling)\b/, 2],
];

export interface SentimentResult {
  /** In [-1, 1]. */
  score: number;
  /** Strong negative emotion: anger or frustration. */
  frustrated: boolean;
  cues: string[];
}

/** `original` keeps the case (shouting in capitals is a cue); `tokens` are normalised words. */
export function analyseSentiment(original: string, normalized: string, tokens: string[]): SentimentResult {
  let neg = 0;
  let pos = 0;
  const cues: string[] = [];
  tokens.forEach((t, i) => {
    const negated = i > 0 && NEGATORS.has(tokens[i - 1]);
    if (NEGATIVE[t]) {
      if (!negated) {
        neg += NEGATIVE[t];
        if (NEGATIVE[t] >= 1) cues.push(t);
      }
    } else if (POSITIVE[t]) {
      if (negated) neg += POSITIVE[t] * 0.5;
      else pos += POSITIVE[t];
    }
  });
  for (const [re, w] of PHRASES) {
    const m = normalized.match(re);
    if (m) {
      neg += w;
      cues.push(m[0]);
    }
  }
  const exclaims = (original.match(/!/g) ?? []).length;
  if (exclaims >= 2 && neg > 0) {
    neg += 1;
    cues.push('!!');
  }
  const letters = original.replace(/[^A-Za-z]/g, '');
  if (letters.length >= 12 && letters === letters.toUpperCase()) {
    neg += 1;
    cues.push('CAPS');
  }
  const score = Math.tanh((pos - neg) / 3);
  return { score, frustrated: neg >= 2.5, cues };
}
