// The one slip that turns a word into another, for typo tolerance. Not every single edit is
// as likely a typo: studies of typing errors (Damerau 1964; Kernighan, Church and Gale 1990)
// find most are one letter swapped with its neighbour, a doubled letter typed once or twice, or
// a neighbouring key hit instead, and those slips rarely turn one real word into another. A
// letter changed for a distant one, or one added or dropped, often does ("hills"/"hells",
// "suite"/"site"), and a change at the end of a word is usually another form of it ("fish"/"fishy").

export type Slip = 'swap' | 'double' | 'key' | 'apostrophe' | 'substitute' | 'insert' | 'delete' | 'end';

/** QWERTY rows: keys next to each other on a row or diagonally are neighbours. */
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const POSITION = new Map<string, [number, number]>();
ROWS.forEach((row, r) => [...row].forEach((ch, c) => POSITION.set(ch, [r, c + r * 0.5])));

function neighbours(a: string, b: string): boolean {
  const pa = POSITION.get(a);
  const pb = POSITION.get(b);
  if (!pa || !pb) return false;
  return Math.abs(pa[0] - pb[0]) <= 1 && Math.abs(pa[1] - pb[1]) <= 1;
}

/**
 * How `typed` differs from `word` when it differs by exactly one slip; null when equal or
 * further apart.
 */
export function slipBetween(typed: string, word: string): Slip | null {
  if (typed === word) return null;
  if (typed.replace(/'/g, '') === word.replace(/'/g, '') && typed.includes("'") !== word.includes("'")) return 'apostrophe';
  const lt = typed.length;
  const lw = word.length;
  let i = 0;
  while (i < Math.min(lt, lw) && typed[i] === word[i]) i++;
  if (lt === lw) {
    if (typed.slice(i + 1) === word.slice(i + 1)) {
      if (i === lt - 1) return 'end';
      return neighbours(typed[i], word[i]) ? 'key' : 'substitute';
    }
    if (i + 1 < lt && typed[i] === word[i + 1] && typed[i + 1] === word[i] && typed.slice(i + 2) === word.slice(i + 2)) return 'swap';
    return null;
  }
  if (Math.abs(lt - lw) !== 1) return null;
  const [long, short] = lt > lw ? [typed, word] : [word, typed];
  if (long.slice(i + 1) !== short.slice(i)) return null;
  // The extra letter may sit anywhere in a run of it: "passsword" differs at its third "s".
  if (long[i] === long[i - 1] || long[i] === long[i + 1]) return 'double';
  if (i === long.length - 1) return 'end';
  return lt > lw ? 'insert' : 'delete';
}
