// A light English suffix stripper. Full Porter stemming over-merges short support phrases
// ("card"/"cards" should merge, "booking"/"book" too, "news"/"new" should not), so we strip
// only the common inflections. Non-English words pass through mostly unchanged.

const EXCEPTIONS = new Set([
  'news',
  'bus',
  'gas',
  'yes',
  'this',
  'his',
  'is',
  'was',
  'has',
  'does',
  'us',
  'plus',
  'status',
  'address',
  'business',
  'less',
  'always',
  'series',
  'species',
]);

export function stem(word: string): string {
  if (word.length <= 3 || EXCEPTIONS.has(word)) return word;
  let w = word.replace(/'s$/, '');
  if (w.endsWith("n't")) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (/(ss|us|is)$/.test(w)) return w;
  else if (/(sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ied') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  return w;
}

/**
 * "stopp" -> "stop", but keep "ll"/"ss" ("call", "pass"); British spelling doubles the l of an
 * unstressed "-el" ("cancelled", "travelling", "labelled"), which reads as its word ("cancel"),
 * while a short "-ell" word keeps it ("spelling", "selling").
 */
function undouble(w: string): string {
  const n = w.length;
  if (n > 2 && w[n - 1] === w[n - 2] && !'lsz'.includes(w[n - 1])) return w.slice(0, -1);
  if (n >= 6 && w.endsWith('ell')) return w.slice(0, -1);
  return w;
}
