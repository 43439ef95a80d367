// Messages that are not a support question at all: nothing written, one character repeated,
// arithmetic, keyboard mashes. They never get an article (an index matches "2" or "a" to
// something); the bot asks once what the customer needs, then offers a person. Questions on
// a topic the knowledge never mentions (trivia) are found in the turn, against the knowledge.
import { words } from '../text/normalize.ts';

export type JunkKind = 'empty' | 'repeated' | 'arithmetic' | 'mash' | 'off_topic';

/** Rows of a keyboard: a run along one is a mash ("asdfgh", "qwerty"). */
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'azertyuiop', 'qsdfghjklm', 'wxcvbn', 'qwertzuiop', 'yxcvbnm'];

function keyboardRun(w: string): boolean {
  if (w.length < 4) return false;
  // Four keys in a row in one direction ("asdf", "poiu"): back-and-forth pairs are common in
  // words ("were": w-e-r-e), straight runs of four are not.
  for (const r of ROWS) {
    let run = 1;
    let dir = 0;
    for (let i = 1; i < w.length; i++) {
      const step = r.indexOf(w[i]) - r.indexOf(w[i - 1]);
      const ok = r.includes(w[i]) && r.includes(w[i - 1]) && Math.abs(step) === 1 && (run === 1 || step === dir);
      run = ok ? run + 1 : r.includes(w[i]) && r.includes(w[i - 1]) && Math.abs(step) === 1 ? 2 : 1;
      dir = step;
      if (run >= 4) return true;
    }
  }
  return false;
}

/** A Latin-script word no language writes: no vowel in 5+ letters, or mostly a keyboard run. */
function mashWord(w: string): boolean {
  if (!/^[a-z]+$/.test(w)) return false;
  if (w.length >= 5 && !/[aeiouy]/.test(w)) return true;
  if (w.length >= 30) return true;
  return keyboardRun(w);
}

/** Expects normalised text. */
export function detectJunk(normalized: string): JunkKind | null {
  const compact = normalized.replace(/[\s\p{P}\p{S}]/gu, '');
  if (compact.length === 0) return 'empty';
  if (compact.length >= 3 && /^(.)\1+$/u.test(compact)) return 'repeated';
  const toks = words(normalized);
  const letters = toks.filter((t) => /\p{L}/u.test(t));
  // Numbers and operators, with at most a few words around them ("what is 2+2", "12*7=?").
  if (/\d\s*[-+*/x×÷^=]\s*\d/.test(normalized) && letters.every((t) => ARITHMETIC_WORDS.has(t))) return 'arithmetic';
  if (letters.length === 0 && toks.length > 0) return 'arithmetic';
  if (letters.length > 0 && letters.filter(mashWord).length / letters.length >= 0.5) return 'mash';
  return null;
}

const ARITHMETIC_WORDS = new Set([
  'what',
  'whats',
  "what's",
  'is',
  'how',
  'much',
  'many',
  'equals',
  'calculate',
  'compute',
  'solve',
  'plus',
  'minus',
  'times',
  'divided',
  'by',
  'x',
  'the',
  'of',
  'answer',
  'to',
  'please',
  'cuanto',
  'es',
  'combien',
  'fait',
  'wie',
  'viel',
  'ist',
  'quanto',
]);
