// Everything the engine learns from a workspace's knowledge at build time.
import type { Article } from './types.ts';
import { chunkArticles, type Passage } from '../knowledge/chunk.ts';
import { IntentClassifier, trainingExamples } from './retrieve/classifier.ts';
import { PassageIndex } from './retrieve/passages.ts';
import { calibrateClassifier, calibratePassages, type CalibrationResult } from './assess/calibrate.ts';
import { thresholdForPrecision } from './assess/calibration.ts';
import { sourcesOf } from './assess/sources.ts';
import type { SoftmaxOptions } from './retrieve/softmax.ts';
import { runInWorker } from './build/parallel.ts';
import { warmSignals } from './understand/signals/index.ts';
import { encodeAll, loadEncoder } from './encoder/encoder.ts';
import { EncodedExamples } from './encoder/nearest.ts';
import { aboutReachingPerson } from './understand/index.ts';
import { smallTalkAnswered, type SocialKind } from './understand/social.ts';
import { Speller } from './text/spelling.ts';

export interface KnowledgeModel {
  articles: Article[];
  byId: Map<string, Article>;
  passages: PassageIndex;
  /** Reads a word the knowledge never uses as the knowledge's word it is a typo of (`text/spelling.ts`). */
  speller: Speller;
  /** Articles the classifier knows (those with example questions), by class index. */
  classArticles: Article[];
  classifier: IntentClassifier | null;
  classifierIds: Set<string>;
  /**
   * Classes of pages about reaching a person (most of their examples ask for one: "Talk to a
   * person"): a request for a person is read without them, so the brief records what it is about.
   */
  personClasses: Set<number>;
  /** The same articles by id (a turn's best article is one of them: a request for a person). */
  personArticles: ReadonlySet<string>;
  classifierCalibration: CalibrationResult | null;
  /** The classifier's examples by meaning (small knowledge, `ENCODED_EXAMPLES_MAX`), or null. */
  encodedExamples: EncodedExamples | null;
  passageCalibration: CalibrationResult;
  defaultThreshold: number;
  /** Small talk some article was written for (its examples): read as evidence, not cut off the question. */
  smallTalkAnswered: ReadonlySet<SocialKind>;
  /** The source (page) of each article, as the customer sees it (`assess/sources.ts`). */
  sourceOf: (article: Article) => string;
  defaultLanguage: string;
  /** Languages the articles are written in, most used first. */
  languages: string[];
  /** Titles the bot names as what it can help with (`suggestedTopics`). */
  suggestions: string[];
  stats: Record<string, number>;
}

export interface BuildOptions {
  /** Answered precision the default threshold aims at on traffic with ~50% unanswerable questions. */
  targetPrecision: number;
  softmax: SoftmaxOptions;
}

export const DEFAULT_BUILD: BuildOptions = {
  targetPrecision: 0.9,
  softmax: { epochs: 6, learningRate: 4, l2: 1e-6, seed: 7 },
};

/**
 * The even-odds prior of the default threshold (answer when being right is at least as likely as
 * not): what a precision target read off too few rows is shrunk toward, and the threshold of
 * knowledge with nothing to read one off.
 */
export const THRESHOLD_PRIOR = 0.5;

/**
 * A precision target read off few held-out rows is noise (the 8-article demo, one split of
 * ~10 rows, gave thresholds from 0.38 to 0.91 as the split changed). The estimate is shrunk
 * toward the even-odds prior as if the prior were worth this many
 * held-out rows: t = (n t_hat + k 0.5) / (n + k), n the rows of one split. CLINC150 (~4,700
 * rows) moves by under 0.01; the demo (~11 rows a split) lands near 0.5.
 */
export const THRESHOLD_PRIOR_ROWS = 100;

export function shrunkThreshold(estimate: number, rows: number, prior = THRESHOLD_PRIOR, k = THRESHOLD_PRIOR_ROWS): number {
  return (rows * estimate + k * prior) / (rows + k);
}

/**
 * The lowest confidence at which a calibration's held-out answers reach the precision target,
 * shrunk toward the prior by the rows of one split. The same rule for both routes: the
 * classifier's rows are held-out example questions, the passage route's its pseudo-questions.
 */
export function thresholdForTarget(calibration: CalibrationResult, target: number): number {
  const rows = calibration.heldOut.length / Math.max(1, calibration.splits);
  return shrunkThreshold(thresholdForPrecision(calibration.heldOut, target, THRESHOLD_PRIOR), rows);
}

/**
 * The topics the bot names when a message is not something it can help with: the articles with
 * the most example questions (where a help centre's authors wrote the most ways of asking, the
 * most asked about), ties in the knowledge's order. Before, the first three by id ("Confirming
 * who you are", "Cancel an order" on the demo as served).
 */
export function suggestedTopics(articles: readonly Article[], n = 3): string[] {
  return articles
    .map((a, i) => ({ a, i, k: a.examples?.length ?? 0 }))
    .sort((x, y) => y.k - x.k || x.i - y.i)
    .slice(0, n)
    .map(({ a }) => a.title);
}

/** What the classifier's probabilities are tilted by besides its training texts (`retrieve/tilt.ts`). */
export const bodiesOf = (articles: Article[]) => articles.map((a) => a.body);

/** Below this many examples training takes well under a second: a worker's start-up would cost more. */
const WORKER_MIN_EXAMPLES = 2000;

/**
 * Knowledge with at most this many example questions (titles included) has them encoded at build
 * for the classifier's confidence (`encoderSim`): 5-18 ms each on a busy 2-core machine, so at most
 * 5-18 s, in the engine thread. Larger sets (CLINC150: 15,000, over a minute) calibrate without it; their many
 * examples already tell in-scope questions apart (docs/engine.md, "The encoder in the classifier's
 * confidence").
 */
export const ENCODED_EXAMPLES_MAX = 1000;

/** The classifier's weight matrix is dense (features x classes): above this many articles we use passages only. */
const MAX_CLASSES = 2000;

/** Without the encoder (synchronous): the classifier's confidence reads no `encoderSim`. */
export function buildKnowledge(articles: Article[], opts: BuildOptions = DEFAULT_BUILD): KnowledgeModel {
  const prep = prepare(articles);
  const calibration = prep.calibrate ? calibrateClassifier(prep.classArticles, prep.examples, opts.softmax) : null;
  return finish(prep, calibration, opts);
}

/**
 * The same model as `buildKnowledge`, with the calibration model trained in a worker thread
 * while this thread trains the final model (both cores busy: set-up time about halved).
 */
export async function buildKnowledgeAsync(articles: Article[], opts: BuildOptions = DEFAULT_BUILD): Promise<KnowledgeModel> {
  // The signal detector's sentence encoder loads once per process (its files, then the graph) while the build trains.
  const encoder = loadEncoder();
  const prep = prepare(articles);
  const encoded =
    prep.calibrate && prep.examples.length <= ENCODED_EXAMPLES_MAX
      ? await encodeAll(
          prep.examples.map((e) => e.text),
          { bulk: true },
        ).catch(() => null)
      : null;
  const pending =
    prep.calibrate && prep.examples.length >= WORKER_MIN_EXAMPLES
      ? runInWorker('calibrateClassifier', { articles: prep.classArticles, examples: prep.examples, softmax: opts.softmax })
      : null;
  const t = performance.now();
  const sync = prep.calibrate && !pending ? calibrateClassifier(prep.classArticles, prep.examples, opts.softmax, undefined, encoded) : null;
  const classifier = prep.useClassifier
    ? IntentClassifier.train(prep.examples, prep.classArticles.length, opts.softmax, bodiesOf(prep.classArticles))
    : null;
  const trainMs = performance.now() - t;
  const done = pending ? await pending : null;
  const model = finish(prep, done?.result ?? sync, opts, { classifier, trainMs }, encoded);
  model.stats.calibrated_in_worker = done?.inWorker ? 1 : 0;
  await encoder;
  return model;
}

interface Prepared {
  t0: number;
  articles: Article[];
  byId: Map<string, Article>;
  passageList: Passage[];
  passages: PassageIndex;
  speller: Speller;
  classArticles: Article[];
  useClassifier: boolean;
  calibrate: boolean;
  examples: ReturnType<typeof trainingExamples>;
  t1: number;
}

function prepare(articles: Article[]): Prepared {
  const t0 = performance.now();
  // The escalation-signal detector is trained once per process; pay for it at build, not on a turn
  // (its model for other languages too when the knowledge is written in one).
  warmSignals(articles.some((a) => a.locale && !a.locale.toLowerCase().startsWith('en')));
  const byId = new Map(articles.map((a) => [a.id, a]));
  const passageList: Passage[] = chunkArticles(articles);
  const classArticles = articles.filter((a) => (a.examples?.length ?? 0) > 0);
  const useClassifier = classArticles.length >= 2 && classArticles.length <= MAX_CLASSES;
  const passages = new PassageIndex(passageList, useClassifier ? classArticles.flatMap((a) => a.examples ?? []) : []);
  const examples = useClassifier ? trainingExamples(classArticles) : [];
  const speller = new Speller(articles.flatMap((a) => [a.title, a.body, ...(a.examples ?? [])]));
  return {
    t0,
    articles,
    byId,
    passageList,
    passages,
    speller,
    classArticles,
    useClassifier,
    calibrate: useClassifier && classArticles.length >= 5,
    examples,
    t1: performance.now(),
  };
}

function finish(
  prep: Prepared,
  classifierCalibration: CalibrationResult | null,
  opts: BuildOptions,
  trained?: { classifier: IntentClassifier | null; trainMs: number },
  encoded: readonly Float32Array[] | null = null,
): KnowledgeModel {
  const { articles, byId, passageList, passages, speller, classArticles, useClassifier, examples, t0, t1 } = prep;
  const t2 = performance.now();
  const classifier = trained
    ? trained.classifier
    : useClassifier
      ? IntentClassifier.train(examples, classArticles.length, opts.softmax, bodiesOf(classArticles))
      : null;
  const t3 = performance.now();
  // The passage route answers only articles without examples when the classifier runs, and
  // the classifier's example questions are ones it must not answer (`assess/beside.ts`); when
  // every article has examples the passage route has nothing to answer and asks none of them.
  const beside = useClassifier && classArticles.length < articles.length;
  const passageCalibration = calibratePassages(passages, {
    answeredElsewhere: new Set(useClassifier ? classArticles.map((a) => a.id) : []),
    elsewhereQuestions: beside ? classArticles.flatMap((a) => a.examples ?? []) : [],
  });
  const t4 = performance.now();
  // One threshold for both routes: both confidences are calibrated probabilities. Example-
  // based knowledge sets it when present (its calibration data are real questions).
  const defaultThreshold = Number(thresholdForTarget(classifierCalibration ?? passageCalibration, opts.targetPrecision).toFixed(3));
  const locales = new Map<string, number>();
  for (const a of articles) if (a.locale) locales.set(a.locale, (locales.get(a.locale) ?? 0) + 1);
  // Articles about reaching a person: by class (the classifier reads without them) and by id.
  const person = useClassifier ? classArticles.flatMap((a, i) => (aboutReachingPerson(a) ? [i] : [])) : [];
  const languages = [...new Set([...locales].sort((a, b) => b[1] - a[1]).map(([l]) => l.slice(0, 2).toLowerCase()))];
  const defaultLanguage = languages[0] ?? 'en';
  return {
    articles,
    byId,
    passages,
    speller,
    classArticles: useClassifier ? classArticles : [],
    classifier,
    classifierIds: new Set(useClassifier ? classArticles.map((a) => a.id) : []),
    personClasses: new Set(person),
    personArticles: new Set(person.map((i) => classArticles[i].id)),
    classifierCalibration,
    encodedExamples:
      encoded && useClassifier
        ? EncodedExamples.from(
            examples.map((e) => e.label),
            encoded,
            classArticles.length,
          )
        : null,
    passageCalibration,
    defaultThreshold,
    sourceOf: sourcesOf(articles),
    smallTalkAnswered: smallTalkAnswered(useClassifier ? classArticles.map((a) => a.examples ?? []) : []),
    defaultLanguage,
    languages: languages.length ? languages : [defaultLanguage],
    suggestions: suggestedTopics(articles),
    stats: {
      articles: articles.length,
      passages: passageList.length,
      examples: examples.length,
      index_ms: Math.round(t1 - t0),
      calibrate_classifier_ms: Math.round(t2 - t1),
      train_ms: Math.round(trained ? trained.trainMs : t3 - t2),
      calibrate_passages_ms: Math.round(t4 - t3),
      ece_classifier: classifierCalibration ? Number(classifierCalibration.ece.toFixed(4)) : -1,
      ece_passages: Number(passageCalibration.ece.toFixed(4)),
    },
  };
}
