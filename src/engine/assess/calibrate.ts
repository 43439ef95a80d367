// Build-time calibration. Confidence must mean "probability the answer is right" on traffic
// where about half the questions have no article (the brief's assumption), so we hold out
// examples of known articles (may be misclassified) *and* whole articles (any answer to their
// questions is wrong: the stand-in for out-of-scope traffic), fit a logistic calibrator on
// what a model trained without them says, and weight both kinds equally.
import type { Row } from './row.ts';
import type { Article } from '../types.ts';
import { IntentClassifier, type TrainingExample } from '../retrieve/classifier.ts';
import type { SoftmaxOptions } from '../retrieve/softmax.ts';
import type { PassageIndex } from '../retrieve/passages.ts';
import type { Passage } from '../../knowledge/chunk.ts';
import { rng, shuffle } from '../retrieve/random.ts';
import { fitLogistic, predictCalibrator, type Calibrator, type LogisticModel } from './logistic.ts';
import { classifierFeatureIndex, classifierFeatures, passageFeatures, PASSAGE_FEATURE_SIGNS } from './features.ts';
import { expectedCalibrationError, type Scored } from './calibration.ts';
import { terms } from '../retrieve/bm25.ts';
import { exactTokens } from '../verify/verify.ts';
import { tokenize } from '../text/normalize.ts';
import { isStopword } from '../text/stopwords.ts';
import { elsewhereRows, withRealQuestions } from './beside.ts';
import { EncodedExamples } from '../encoder/nearest.ts';

export interface CalibrationResult {
  model: Calibrator;
  /**
   * Each feature's mean over the calibration rows (balanced as fitted): what a turn reads for a
   * feature it cannot compute (a message the encoder did not read), so the gap moves nothing.
   */
  means?: number[];
  /** Held-out (confidence, correct) pairs, scored by the fitted calibrator. */
  heldOut: Scored[];
  ece: number;
  /** Independent held-out splits pooled in `heldOut` (1 for large knowledge sets). */
  splits: number;
}

export type { Row };

function scored(model: Calibrator, rows: Row[]): CalibrationResult {
  const heldOut = rows.map((r) => ({ confidence: predictCalibrator(model, r.x), correct: r.correct, weight: r.weight }));
  return { model, heldOut, ece: expectedCalibrationError(heldOut), splits: 1 };
}

function fit(rows: Row[]): CalibrationResult {
  const model = fitLogistic(
    rows.map((r) => r.x),
    rows.map((r) => (r.correct ? 1 : 0)),
    rows.map((r) => r.weight),
  );
  return scored({ parts: [{ model, features: rows[0]?.x.map((_, i) => i) ?? [] }] }, rows);
}

/**
 * Classifier confidence in two factors, each fitted on the rows that speak to it:
 * P(in scope), from held-out examples (1) against held-out articles' questions (0), on
 * evidence of familiarity (top probability and its margin, known words, similarity to the
 * class and its nearest example), balanced; times P(top article right | in scope), from the
 * held-out examples only, on the shape of the probabilities. One logistic model over both
 * kinds of rows lets the out-of-scope evidence blur the ranking of in-scope mistakes.
 */
const SCOPE_FEATURES = classifierFeatureIndex(['p1', 'logRatio', 'knownShare', 'centroidSim', 'nearestSim']);
/**
 * With the knowledge's examples encoded (small knowledge, `ENCODED_EXAMPLES_MAX`), P(in scope) also
 * reads how close the message is to the top article's examples by meaning (`encoderSim`, sign
 * held positive like the n-gram similarity): on small intent sets out-of-scope questions often
 * share words with an article's examples and not their meaning (docs/engine.md, "The encoder in
 * the classifier's confidence").
 */
const SCOPE_FEATURES_ENCODED = classifierFeatureIndex(['p1', 'logRatio', 'knownShare', 'centroidSim', 'nearestSim', 'encoderSim']);
const RIGHT_FEATURES = classifierFeatureIndex(['p1', 'p2', 'logRatio', 'entropy', 'logOneMinusP1']);
/**
 * Directions fixed in advance, as for passages: a surer classifier, more known words and a
 * message closer to an article's examples can only raise the confidence; a stronger runner-up,
 * a flatter distribution and a larger log(1 - top) only lower it. Held-out rows cover a
 * narrow range (they are never training examples), and the features are collinear, so a free
 * fit gave some of them the wrong sign, and a message worded like an example ("reset my
 * password": top 0.999) got *less* confidence than a vaguer one (0.30 against 0.77).
 */
const SCOPE_SIGNS = [1, 1, 1, 1, 1, 1];
const RIGHT_SIGNS = [1, -1, 1, -1, -1];

function fitFactored(known: Row[], unknown: Row[], scopeFeatures: number[]): CalibrationResult {
  const rows = balance(known, unknown);
  const inScope = new Set(known);
  const pick = (idx: number[], r: Row) => idx.map((i) => r.x[i]);
  const scope = fitLogistic(
    rows.map((r) => pick(scopeFeatures, r)),
    rows.map((r) => (inScope.has(r) ? 1 : 0)),
    rows.map((r) => r.weight),
    undefined,
    undefined,
    SCOPE_SIGNS.slice(0, scopeFeatures.length),
  );
  const right = fitLogistic(
    known.map((r) => pick(RIGHT_FEATURES, r)),
    known.map((r) => (r.correct ? 1 : 0)),
    undefined,
    undefined,
    undefined,
    RIGHT_SIGNS,
  );
  const total = rows.reduce((sum, r) => sum + r.weight, 0) || 1;
  const means = (rows[0]?.x ?? []).map((_, j) => rows.reduce((sum, r) => sum + r.weight * r.x[j], 0) / total);
  return withMeans(
    means,
    scored(
      {
        parts: [
          { model: scope, features: scopeFeatures },
          { model: right, features: RIGHT_FEATURES },
        ],
      },
      rows,
    ),
  );
}

const withMeans = (means: number[], r: CalibrationResult): CalibrationResult => ({ ...r, means });

/** Equal total weight for answerable and unanswerable rows, shared within each kind by `share`. */
function balance<T extends { correct: boolean; weight: number; share?: number }>(known: T[], unknown: T[]): T[] {
  const shares = (rows: T[]) =>
    Math.max(
      1,
      rows.reduce((s, r) => s + (r.share ?? 1), 0),
    );
  const wk = 1 / shares(known);
  const wu = 1 / shares(unknown);
  known.forEach((r) => (r.weight = (r.share ?? 1) * ((wk * (known.length + unknown.length)) / 2)));
  unknown.forEach((r) => (r.weight = (r.share ?? 1) * ((wu * (known.length + unknown.length)) / 2)));
  return [...known, ...unknown];
}

/**
 * Small knowledge sets give a handful of held-out rows per split (the 8-article demo: ~10),
 * too few for a stable calibrator or threshold. The split is repeated with new seeds until
 * about this many examples have been through it (at most MAX_SPLITS times), and the held-out
 * rows of all splits are pooled. Large sets (CLINC150: 15k examples) use one split, as before.
 */
const SPLIT_EXAMPLES = 2000;
const MAX_SPLITS = 20;

/**
 * `softmax`: the same training options as the final model, so its scores mean the same.
 * `encoded`: the examples' sentence encodings (in the examples' order) where the knowledge is
 * small enough to encode; P(in scope) then reads `encoderSim` too.
 */
export function calibrateClassifier(
  articles: Article[],
  examples: TrainingExample[],
  softmax: SoftmaxOptions,
  seed = 11,
  encoded: readonly Float32Array[] | null = null,
): CalibrationResult {
  const splits = Math.max(1, Math.min(MAX_SPLITS, Math.ceil(SPLIT_EXAMPLES / Math.max(1, examples.length))));
  const encodingOf = encoded ? new Map(examples.map((e, i) => [e, encoded[i]])) : null;
  const known: Row[] = [];
  const unknown: Row[] = [];
  for (let s = 0; s < splits; s++) {
    const rows = heldOutRows(articles, examples, softmax, seed + s * 101, encodingOf);
    known.push(...rows.known);
    unknown.push(...rows.unknown);
  }
  return { ...fitFactored(known, unknown, encodingOf ? SCOPE_FEATURES_ENCODED : SCOPE_FEATURES), splits };
}

function heldOutRows(
  articles: Article[],
  examples: TrainingExample[],
  softmax: SoftmaxOptions,
  seed: number,
  encodingOf: ReadonlyMap<TrainingExample, Float32Array> | null,
): { known: Row[]; unknown: Row[] } {
  const random = rng(seed);
  const classes = articles.length;
  const heldClasses = new Set(shuffle([...Array(classes).keys()], random).slice(0, Math.max(1, Math.round(classes * 0.15))));
  const train: TrainingExample[] = [];
  const known: TrainingExample[] = [];
  const unknown: TrainingExample[] = [];
  for (const e of shuffle(examples, random)) {
    const isTitle = e.text === articles[e.label].title;
    if (heldClasses.has(e.label)) (isTitle ? train : unknown).push(e);
    else if (!isTitle && random() < 0.2) known.push(e);
    else train.push(e);
  }
  // Held-out classes keep only their title in training, as a thin article would.
  // Held-out classes stand for questions no article answers: their bodies count no more than their examples.
  const bodies = articles.map((a, c) => (heldClasses.has(c) ? '' : a.body));
  const model = IntentClassifier.train(train, classes, { ...softmax, seed }, bodies);
  // The split's training examples by meaning, as the final model's are at a turn.
  const near = encodingOf
    ? EncodedExamples.from(
        train.map((e) => e.label),
        train.map((e) => encodingOf.get(e)!),
        classes,
      )
    : null;
  const row = (e: TrainingExample, isKnown: boolean): Row => {
    const out = model.classify(e.text);
    const top = out.top[0]?.index;
    const encoderSim = near && top !== undefined ? near.nearest(encodingOf!.get(e)!, top) : 0;
    return { x: classifierFeatures(out, tokenize(e.text).length, encoderSim), correct: isKnown && top === e.label, weight: 1 };
  };
  return { known: known.map((e) => row(e, true)), unknown: unknown.map((e) => row(e, false)) };
}

/**
 * Passage route: no example questions exist, so we make pseudo-questions from the passages
 * and ask them with and without their article. Real questions are terse, share only some
 * words with the answer, add words of their own and lean on earlier turns, so the
 * pseudo-questions do too: 2-10 content words (QUESTION_WORDS), each taken from a sentence of the passage with
 * probability 0.6 and otherwise from elsewhere in the knowledge (a paraphrase or a word of the
 * customer's own: in open question-answering data about half of a question's content words
 * are not in the passage that answers it), and half the time the article's title as the
 * previous question. The mix was set from that general figure, not from any evaluation set.
 */
const OWN_WORD_SHARE = 0.6;
/**
 * Content words in a pseudo-question, drawn uniformly. Customers writing to support often put
 * a sentence of circumstance before the question ("we run behind nginx and ... how do I get
 * the client's address"), so real questions run past six content words; a calibrator that
 * had seen none longer rated a long question, whose matched share is stronger evidence, as
 * a short one.
 */
const QUESTION_WORDS = { min: 2, max: 10 };
/**
 * A question's words that are not in the answering sentence mostly name the topic: in reading-
 * comprehension data they are often found elsewhere in the same document (its title, other
 * sentences). Half of those words come from the same article, half from anywhere.
 */
const TOPIC_WORD_SHARE = 0.5;
/**
 * Questions the docs cannot answer are rarely a specific question whose answer was taken out:
 * they name the product or the domain (its common words, `commonWords`) and ask about something
 * the knowledge never mentions ("how do I build zlib with cmake and visual studio?"). A
 * pseudo-question asked without its holders still matches specific words of other passages, so
 * the calibrator had never seen a question matching only common words, and rated one as a
 * perfect match. This share of the unanswerable rows is such a question instead: one to three
 * common words and one to three words the knowledge never uses (`unknownWord`). No figure tells
 * the mix of the two kinds in real traffic: even odds.
 */
const TOPIC_ONLY_SHARE = 0.5;
/**
 * Real questions hold words the knowledge never uses whether the docs answer them or not
 * ("worried about prod"). If only the topic-only questions held them, the calibrator would learn
 * that an unknown word means "no answer" and turn away answerable questions with chatter; with
 * this share of every question's other words unknown, the unknown word is no evidence either
 * way, and what tells the topic-only questions apart is that no specific known word matched.
 */
const CHATTER_SHARE = 0.25;
const TOPIC_ONLY_WORDS = { min: 1, max: 3 };

/**
 * Pseudo-questions asked (each once answerable, once not). Small knowledge sets cycle through
 * their passages again with new sentences and words, so the calibrator always sees about as
 * many rows as the classifier's (SPLIT_EXAMPLES); 800 passages once had left the docs-govt
 * calibrator with ~540 rows and a threshold's worth of seed-to-seed noise.
 */
const PASSAGE_QUESTIONS = 2000;
/**
 * Each pseudo-question is a BM25 search over every passage, so on large knowledge the count
 * comes down (never below the 800 of before) to keep the work at what 2,000 questions cost on
 * 2,000 passages: 13,910 passages get 800, as they did before.
 */
const PASSAGE_QUESTION_MIN = 800;

export function passageQuestionCount(passages: number): number {
  if (passages <= PASSAGE_QUESTIONS) return PASSAGE_QUESTIONS;
  return Math.max(PASSAGE_QUESTION_MIN, Math.round((PASSAGE_QUESTIONS * PASSAGE_QUESTIONS) / passages));
}

/** What one pseudo-question looked like (for tests and diagnostics). */
export interface PseudoQuestion {
  question: string;
  context: { text: string; weight: number }[];
  passageId: string;
  holders: Set<string>;
  /** The question asked as unanswerable when it is a topic-only one (TOPIC_ONLY_SHARE), not this one without its holders. */
  topicOnly?: string;
}

/**
 * Independent pseudo-question sets the passage calibrator is fitted on, one model each, averaged
 * (bagging). One set of 2,000 questions gives a calibrator whose probabilities move with the
 * seed by as much as a ticket's worth of threshold; averaging B independent fits divides that
 * variance by about B. B was chosen from the spread of the calibrated probabilities across
 * seeds on pseudo-questions (held-out ones, not any evaluation set) against the cost of
 * asking them: see docs/engine.md.
 */
export const PASSAGE_BAGS = 3;
/** Seed of bag b: bag 0 is the single-fit calibrator of before. */
export const passageBagSeed = (seed: number, bag: number) => seed + bag * 1009;

/**
 * The passage calibrator: `bags` independent pseudo-question sets (seeds `passageBagSeed`),
 * a sign-constrained logistic fit on each, and their average in the features' own units (one
 * logistic model, so the turn reads it as before; averaged weights keep their signs).
 */
export interface PassageCalibrationOptions {
  seed?: number;
  /** Pseudo-questions per set (default `passageQuestionCount`). */
  samples?: number;
  inspect?: (q: PseudoQuestion) => void;
  bags?: number;
  /** See `QuestionKit.answeredElsewhere`. */
  answeredElsewhere?: ReadonlySet<string>;
  /** Real questions of those articles (their example questions): see `withRealQuestions` in `beside.ts`. */
  elsewhereQuestions?: string[];
}

export function calibratePassages(index: PassageIndex, opts: PassageCalibrationOptions = {}): CalibrationResult {
  const { seed = 13, samples = passageQuestionCount(index.passages.length), inspect, bags = PASSAGE_BAGS } = opts;
  const kit = questionKit(index, opts.answeredElsewhere);
  const real = elsewhereRows(index, opts.elsewhereQuestions ?? [], kit.answeredElsewhere);
  const sets = Array.from({ length: Math.max(1, bags) }, (_, b) =>
    withRealQuestions(passageRows(index, passageBagSeed(seed, b), samples, inspect, kit), real),
  );
  const rows = sets.flatMap((r) => balance(r.known, r.unknown));
  if (rows.length === 0) return fit([]);
  const models = sets.filter((r) => r.known.length + r.unknown.length > 0).map((r) => fitPassageSet(r));
  // Each bag is an independent set of pseudo-questions: a split, for the threshold's row count.
  return { ...scored({ parts: [{ model: averageLogistic(models), features: rows[0].x.map((_, i) => i) }] }, rows), splits: sets.length };
}

/** One pseudo-question set's calibrator (the single-fit design). */
export function fitPassageSet(rows: { known: Row[]; unknown: Row[] }): LogisticModel {
  const all = balance(rows.known, rows.unknown);
  return fitLogistic(
    all.map((r) => r.x),
    all.map((r) => (r.correct ? 1 : 0)),
    all.map((r) => r.weight),
    undefined,
    undefined,
    PASSAGE_FEATURE_SIGNS,
  );
}

/** The mean of logistic models in raw feature units (weight/std, bias less weight*mean/std). */
export function averageLogistic(models: LogisticModel[]): LogisticModel {
  const d = models[0]?.weights.length ?? 0;
  const weights = new Array<number>(d).fill(0);
  let bias = 0;
  for (const m of models) {
    bias += m.bias / models.length;
    for (let j = 0; j < d; j++) {
      weights[j] += m.weights[j] / m.std[j] / models.length;
      bias -= (m.weights[j] * m.mean[j]) / m.std[j] / models.length;
    }
  }
  return { weights, bias, mean: new Array<number>(d).fill(0), std: new Array<number>(d).fill(1) };
}

/**
 * What every pseudo-question set of one knowledge set shares, built once (no randomness): the
 * passages by article, content words by text and the holders of each sentence, memoised since
 * the bags draw the same sentences again.
 */
export interface QuestionKit {
  byArticle: Map<string, Passage[]>;
  content: (text: string) => string[];
  holdersOf: (sentence: string) => Set<string>;
  /**
   * Articles another route answers (those with example questions, the classifier's): the turn
   * leaves them out of the passage route's candidates, so calibration does too, and their
   * questions are ones the passage route cannot answer.
   */
  answeredElsewhere: ReadonlySet<string>;
  /** Draws a word the knowledge uses everywhere (`commonWords`), by how many passages hold it. */
  commonWord: (random: () => number) => string | undefined;
}

/**
 * The knowledge's common words: content words it knows that name no topic (`topicWord`: held by
 * more than about √N of its N passages), such as the product's name and the terms every page
 * uses ("zlib", "request", "state"), each with the number of passages holding it.
 */
export function commonWords(index: PassageIndex, content: (text: string) => string[]): Map<string, number> {
  const common = new Map<string, boolean>();
  const isCommon = (w: string) => {
    let c = common.get(w);
    if (c === undefined) {
      const { words, known } = index.knownWords(w);
      common.set(w, (c = words > 0 && known === words && terms(w).every((t) => !index.topicWord(t))));
    }
    return c;
  };
  const out = new Map<string, number>();
  for (const o of index.passages) for (const w of new Set(content(o.text))) if (isCommon(w)) out.set(w, (out.get(w) ?? 0) + 1);
  return out;
}

/** A weighted draw from `counts` (cumulative weights, binary search). */
function weightedDraw(counts: Map<string, number>): (random: () => number) => string | undefined {
  const words = [...counts.keys()];
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of words) cumulative.push((sum += counts.get(w)!));
  return (random) => {
    if (words.length === 0) return undefined;
    const x = random() * sum;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return words[lo];
  };
}

/**
 * A word the knowledge never uses. Its spelling does not matter to any evidence feature (an
 * unknown word matches nothing and counts at a never-seen word's IDF), so it is made of
 * syllables rather than taken from a word list the engine would have to ship.
 */
export function unknownWord(index: PassageIndex, random: () => number): string {
  const consonants = 'bdfgklmnprstvz';
  const vowels = 'aeiou';
  for (;;) {
    let w = '';
    const syllables = 2 + Math.floor(random() * 3);
    for (let i = 0; i < syllables; i++)
      w += consonants[Math.floor(random() * consonants.length)] + vowels[Math.floor(random() * vowels.length)];
    const { words, known } = index.knownWords(w);
    if (words === 1 && known === 0) return w;
  }
}

export function questionKit(index: PassageIndex, answeredElsewhere: ReadonlySet<string> = new Set()): QuestionKit {
  const all = index.passages;
  const byArticle = new Map<string, Passage[]>();
  for (const o of all) (byArticle.get(o.articleId) ?? byArticle.set(o.articleId, []).get(o.articleId)!).push(o);
  const words = new Map<string, string[]>();
  const content = (text: string) => {
    let out = words.get(text);
    if (!out) words.set(text, (out = tokenize(text).filter((w) => !isStopword(w) && w.length > 2)));
    return out;
  };
  // An article answers when one of its passages supports the sentence by the verifier's rule
  // (quoted, or >= 80% of its content words and every number in it): knowledge often holds
  // the same text chunked or worded slightly differently on several pages.
  const passageTerms = all.map((o) => new Set(terms(o.text)));
  const passageRaw = all.map((o) => o.text.toLowerCase().replace(/\s+/g, ' '));
  // Candidates through an inverted index (a scan of every passage per question would cost
  // seconds on large knowledge): only passages holding >= 80% of the sentence's terms.
  const postings = new Map<string, number[]>();
  passageTerms.forEach((set, i) => set.forEach((t) => (postings.get(t) ?? postings.set(t, []).get(t)!).push(i)));
  const hits = new Int32Array(all.length);
  const held = new Map<string, Set<string>>();
  const holdersOf = (sentence: string) => {
    const known = held.get(sentence);
    if (known) return known;
    const st = [...new Set(terms(sentence))];
    const exact = exactTokens(sentence);
    const out = new Set<string>();
    const touched: number[] = [];
    for (const t of st)
      for (const i of postings.get(t) ?? []) {
        if (hits[i] === 0) touched.push(i);
        hits[i]++;
      }
    for (const i of touched) {
      const o = all[i];
      if (o.text.includes(sentence)) out.add(o.articleId);
      else if (hits[i] >= 0.8 * st.length && exact.every((t) => passageRaw[i].includes(t))) out.add(o.articleId);
      hits[i] = 0;
    }
    if (out.size === 0) for (const o of all) if (o.text.includes(sentence)) out.add(o.articleId);
    held.set(sentence, out);
    return out;
  };
  return { byArticle, content, holdersOf, answeredElsewhere, commonWord: weightedDraw(commonWords(index, content)) };
}

/** Feature rows of one pseudo-question set: each question asked with its article (known) and without (unknown). */
export function passageRows(
  index: PassageIndex,
  seed: number,
  samples: number,
  inspect?: (q: PseudoQuestion) => void,
  kit: QuestionKit = questionKit(index),
): { known: Row[]; unknown: Row[] } {
  const random = rng(seed);
  const known: Row[] = [];
  const unknown: Row[] = [];
  const all = index.passages;
  const pool = shuffle(all, random).slice(0, samples);
  if (pool.length === 0) return { known, unknown };
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const { byArticle, content, holdersOf, answeredElsewhere, commonWord } = kit;
  const count = ({ min, max }: { min: number; max: number }) => min + Math.floor(random() * (max - min + 1));
  const topicOnly = () => {
    const common = Array.from({ length: count(TOPIC_ONLY_WORDS) }, () => commonWord(random)).filter((w) => w !== undefined);
    if (common.length === 0) return undefined;
    const unknown = Array.from({ length: count(TOPIC_ONLY_WORDS) }, () => unknownWord(index, random));
    return shuffle([...common, ...unknown], random).join(' ');
  };
  // Support chats run over several turns: a follow-up comes after the customer's previous
  // question (weight 0.5 as in the turn), the reply it got (weight 0.3, as `contextTurns`
  // weighs the last reply) and possibly earlier questions on the same topic. People do not
  // type the title back, and a reply is written for the question, not pasted from the page:
  // both are drawn like the question itself (OWN_WORD_SHARE of the words kept, the rest from
  // the article or anywhere). Verbatim titles and passages as context had made every
  // pseudo-answer match its context perfectly, which real conversations never do, and so
  // taught the calibrator to expect match scores that real answers do not reach.
  const otherWord = (articleId: string) =>
    pick(content(pick((random() < TOPIC_WORD_SHARE ? pick(byArticle.get(articleId)!) : pick(all)).sentences)));
  const paraphrase = (text: string, articleId: string) =>
    content(text)
      .map((w) => (random() < OWN_WORD_SHARE ? w : (otherWord(articleId) ?? w)))
      .join(' ');
  // One to three earlier customer turns (the turn reads up to three): the first names the
  // topic (the title's words and a few of one sentence), the others are short questions on
  // the article's other sentences.
  const conversation = (p: (typeof all)[number]) => {
    const same = byArticle.get(p.articleId)!;
    const turns = 1 + Math.floor(random() * 3);
    const first = `${p.title} ${shuffle(content(pick(pick(same).sentences)), random)
      .slice(0, 3)
      .join(' ')}`;
    const out = [
      { text: paraphrase(first, p.articleId), weight: 0.5 },
      { text: paraphrase(pick(same).text, p.articleId), weight: 0.3 },
    ];
    for (const weight of [0.3, 0.2].slice(0, turns - 1))
      out.push({
        text: paraphrase(
          shuffle(content(pick(pick(same).sentences)), random)
            .slice(0, 3)
            .join(' '),
          p.articleId,
        ),
        weight,
      });
    return out;
  };
  for (let n = 0; n < samples; n++) {
    const p = pool[n % pool.length];
    const sentence = pick(p.sentences);
    const words = content(sentence);
    if (words.length < 3) continue;
    const size = QUESTION_WORDS.min + Math.floor(random() * (QUESTION_WORDS.max - QUESTION_WORDS.min + 1));
    let own = 0;
    for (let i = 0; i < size; i++) if (random() < OWN_WORD_SHARE) own++;
    own = Math.min(words.length, Math.max(1, own));
    const kept = shuffle(words, random).slice(0, own);
    const extra: string[] = [];
    while (kept.length + extra.length < size) {
      if (random() < CHATTER_SHARE) {
        extra.push(unknownWord(index, random));
        continue;
      }
      const from = random() < TOPIC_WORD_SHARE ? pick(byArticle.get(p.articleId)!) : pick(all);
      const w = pick(content(pick(from.sentences)));
      if (w) extra.push(w);
      else break;
    }
    const q = [...kept, ...extra].join(' ');
    if (terms(q).length < 2) continue;
    // Every article holding the sentence answers the question (pages are often chunked into
    // overlapping or repeated passages): right when retrieved, all removed for "unanswerable".
    const holders = holdersOf(sentence);
    const context = random() < 0.5 ? conversation(p) : [];
    const vague = random() < TOPIC_ONLY_SHARE ? topicOnly() : undefined;
    inspect?.({ question: q, context, passageId: p.id, holders, topicOnly: vague });
    const [withIt, without] = index.searchWithAndWithout(q, context, holders, 5, answeredElsewhere);
    const top = withIt.candidates[0]?.articleId;
    // A question only another route's articles answer is asked as one the passages cannot.
    const elsewhere = ![...holders].some((h) => !answeredElsewhere.has(h));
    if (!elsewhere)
      known.push({ x: passageFeatures(withIt, context.length > 0), correct: top !== undefined && holders.has(top), weight: 1 });
    const unanswerable = vague === undefined ? without : index.search(vague, context, 5, new Set(answeredElsewhere));
    unknown.push({ x: passageFeatures(unanswerable, context.length > 0), correct: false, weight: 1, ...(elsewhere ? { elsewhere } : {}) });
  }
  return { known, unknown };
}
