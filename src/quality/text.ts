// Text normalisation for the re-explain detector: sentences with offsets, content tokens
// (lower-cased, accents folded, stop words out, light stemming) and identifiers kept whole.

export interface Sentence {
  start: number;
  end: number;
  text: string;
}

export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  // Split on sentence ends that are followed by space (keeps "order #A1.22" and e-mails whole).
  const parts = text.split(/(?<=[.!?])\s+|\n+/);
  let cursor = 0;
  for (const p of parts) {
    const start = text.indexOf(p, cursor);
    if (start < 0) continue;
    cursor = start + p.length;
    const trimmed = p.trim();
    if (!trimmed) continue;
    const s = start + p.indexOf(trimmed);
    out.push({ start: s, end: s + trimmed.length, text: trimmed });
  }
  return out;
}

const STOP = new Set(
  `a about above after again all also am an and any are aren't as at be because been before being below between both but by can can't cannot could couldn't
did didn't do does doesn't doing don't down during each few for from further get got had hadn't has hasn't have haven't having he her here hers herself him
himself his how i i'd i'll i'm i've if in into is isn't it it's its itself just let's me more most mustn't my myself no nor not now of off on once only or other
ought our ours ourselves out over own please same she should shouldn't so some such than thank thanks that that's the their theirs them themselves then there
there's these they they'd they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're we've were weren't what what's
when when's where where's which while who who's whom why why's will with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves
hi hello hey ok okay yes yeah yep sure still already really also one two like want wanted need needs know see said say tell told ask asked help just
im ive dont cant wont didnt doesnt isnt thats whats hows there's again bit lot much many well even back going go get gets getting make made way thing things
could would might may must shall am pm today yesterday now time`.split(/\s+/),
);

/** An identifier: an e-mail, a redaction token, a number of 4+ digits, or letters and digits mixed. */
export const IDENTIFIER = /^(<[A-Z_]+_\d+>|[^\s@]+@[^\s@]+\.[a-z]{2,}|#?\d[\d-]{3,}|(?=[a-z0-9-]*\d)(?=[a-z0-9-]*[a-z])[a-z0-9-]{5,})$/i;

const stem = (w: string): string => {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith('es')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
};

export interface Token {
  norm: string;
  start: number;
  end: number;
  identifier: boolean;
}

/** Content tokens of a text with their offsets. */
export function contentTokens(text: string): Token[] {
  const out: Token[] = [];
  const re = /<[A-Z_]+_\d+>|[^\s@,;:()"!?]+@[^\s@,;:()"!?]+\.[a-z]{2,}|#?[\p{L}\p{N}][\p{L}\p{N}'’-]*/giu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const raw = m[0];
    const identifier = IDENTIFIER.test(raw);
    let norm = raw
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[’]/g, "'");
    if (identifier) norm = norm.replace(/^#/, '').replace(/-/g, '');
    else {
      norm = norm.replace(/'s$/, '');
      if (STOP.has(norm) || norm.length < 3 || /^\d{1,3}$/.test(norm)) continue;
      norm = stem(norm.replace(/'/g, ''));
    }
    out.push({ norm, start: m.index, end: m.index + raw.length, identifier });
  }
  return out;
}
