// The passage route beside a classifier (knowledge where some articles have example questions
// and others do not, like the demo). The turn asks every message of the classifier's topics
// to the passage route too (with the classifier's articles left out), so the passage
// calibrator must learn what those questions look like to it: questions it must not answer.
// Pseudo-questions drawn from the classifier articles' own text were the stand-in, but an
// article's text is worded unlike the questions asked about it and seldom shares their words
// with the other articles ("which cards do you accept" shares "card" with a gift-card page;
// the payment page's text never says "card"), so they were easy negatives: the demo's
// calibrator learned that any match on a passage article is an answer (match weight 11,
// coverage 4.6) and "My card was charged twice" got the gift-card page at 0.89. The articles'
// example questions are real questions of exactly that traffic: they take the pseudo-
// questions' place, at the same total weight, so the calibrator's prior over topics is the
// same and only the wording is real.
import type { PassageIndex } from '../retrieve/passages.ts';
import { passageFeatures } from './features.ts';
import type { Row } from './row.ts';

/**
 * Each real question is a search over every passage; more of them than the pseudo-questions of
 * a set would cost searches for little (a classifier of 2,000 articles may have 100,000 examples).
 */
const MAX_REAL_QUESTIONS = 2000;

/**
 * One unanswerable row per question (at most MAX_REAL_QUESTIONS, spread evenly over the list),
 * asked as the turn asks a first message: alone, the other route's articles left out.
 */
export function elsewhereRows(index: PassageIndex, questions: string[], answeredElsewhere: ReadonlySet<string>): Row[] {
  const step = Math.max(1, questions.length / MAX_REAL_QUESTIONS);
  const picked: string[] = [];
  for (let i = 0; i < questions.length; i += step) picked.push(questions[Math.floor(i)]);
  return picked.map((q) => ({ x: passageFeatures(index.search(q, [], 5, answeredElsewhere), false), correct: false, weight: 1 }));
}

/**
 * A pseudo-question set with the rows of questions only the other route answers (`elsewhere`)
 * replaced by the real questions' rows, which share those rows' part of the weight equally.
 */
export function withRealQuestions(set: { known: Row[]; unknown: Row[] }, real: Row[]): { known: Row[]; unknown: Row[] } {
  const replaced = set.unknown.filter((r) => r.elsewhere).reduce((s, r) => s + (r.share ?? 1), 0);
  if (real.length === 0 || replaced === 0) return set;
  const kept = set.unknown.filter((r) => !r.elsewhere);
  return { known: set.known, unknown: [...kept, ...real.map((r) => ({ ...r, share: replaced / real.length }))] };
}
