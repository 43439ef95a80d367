// The intent classifier: which article a message is about, learnt from the articles' example
// questions and titles. A linear model over word and character n-grams trains in seconds and
// scores a message in well under a millisecond.
import type { Article } from '../types.ts';
import { Vectorizer } from './vectorizer.ts';
import { SoftmaxModel, type SoftmaxOptions, DEFAULT_SOFTMAX } from './softmax.ts';
import { type SparseVec, fromMap } from './sparse.ts';
import { ClassTerms, tilt } from './tilt.ts';

export interface ClassScore {
  index: number;
  prob: number;
}

export interface ClassifierOutput {
  top: ClassScore[];
  /** Every class's probability, by class index (what the message's words say of each article). */
  probs: Float32Array;
  /** Share of the message's words seen in training. */
  knownShare: number;
  /** Cosine between the message and the top class's centroid. */
  centroidSim: number;
  /** Best cosine to one of the top class's training texts. */
  nearestSim: number;
}

export interface TrainingExample {
  text: string;
  label: number;
}

/** Title and examples of each article that has examples, labelled with the article's position. */
export function trainingExamples(articles: Article[]): TrainingExample[] {
  const out: TrainingExample[] = [];
  articles.forEach((a, label) => {
    out.push({ text: a.title, label });
    for (const e of a.examples ?? []) out.push({ text: e, label });
  });
  return out;
}

export class IntentClassifier {
  private readonly scratch: Float32Array;

  private constructor(
    private readonly vectorizer: Vectorizer,
    private readonly model: SoftmaxModel,
    private readonly centroids: SparseVec[],
    private readonly examplesByClass: SparseVec[][],
    private readonly classTerms: ClassTerms | null,
  ) {
    this.scratch = new Float32Array(vectorizer.size);
  }

  get classes(): number {
    return this.model.classes;
  }

  /**
   * `bodies`: each class's article body, by class index. When given, the probabilities are tilted
   * toward the classes whose article (body and the texts trained on) holds the message's words
   * (`tilt.ts`); the texts held out of training never count for their class.
   */
  static train(examples: TrainingExample[], classes: number, opts: SoftmaxOptions = DEFAULT_SOFTMAX, bodies?: string[]): IntentClassifier {
    const vectorizer = new Vectorizer().fit(examples.map((e) => e.text));
    const xs = examples.map((e) => vectorizer.transform(e.text));
    const model = SoftmaxModel.train(
      xs,
      examples.map((e) => e.label),
      vectorizer.size,
      classes,
      opts,
    );
    const sums: Map<number, number>[] = Array.from({ length: classes }, () => new Map());
    const byClass: SparseVec[][] = Array.from({ length: classes }, () => []);
    xs.forEach((x, i) => {
      const m = sums[examples[i].label];
      byClass[examples[i].label].push(x);
      for (let k = 0; k < x.idx.length; k++) m.set(x.idx[k], (m.get(x.idx[k]) ?? 0) + x.val[k]);
    });
    let classTerms: ClassTerms | null = null;
    if (bodies) {
      const texts = bodies.slice(0, classes).map((b) => [b ?? '']);
      while (texts.length < classes) texts.push([]);
      for (const e of examples) texts[e.label].push(e.text);
      classTerms = new ClassTerms(texts);
    }
    return new IntentClassifier(vectorizer, model, sums.map(fromMap), byClass, classTerms);
  }

  /**
   * `extra`: words read beside the message's at a lower weight (`Vectorizer.transform`).
   * `exclude`: classes the message is read without (their probability shared out among the rest).
   */
  classify(text: string, k = 5, extra?: ReadonlyMap<string, number>, exclude?: ReadonlySet<number>): ClassifierOutput {
    const x = this.vectorizer.transform(text, extra);
    const p = this.model.probabilities(x);
    if (this.classTerms) tilt(p, this.classTerms.shares(text));
    if (exclude?.size) without(p, exclude);
    const top: ClassScore[] = [];
    for (let c = 0; c < p.length; c++) {
      if (top.length < k || p[c] > top[top.length - 1].prob) {
        top.push({ index: c, prob: p[c] });
        top.sort((a, b) => b.prob - a.prob);
        if (top.length > k) top.pop();
      }
    }
    const best = top[0]?.index ?? 0;
    // Scatter the message into a dense scratch vector once; each similarity is then a gather.
    const scratch = this.scratch;
    for (let k = 0; k < x.idx.length; k++) scratch[x.idx[k]] = x.val[k];
    const sim = (v: SparseVec) => {
      let s = 0;
      for (let k = 0; k < v.idx.length; k++) s += v.val[k] * scratch[v.idx[k]];
      return s;
    };
    let nearestSim = 0;
    for (const e of this.examplesByClass[best]) nearestSim = Math.max(nearestSim, sim(e));
    const centroidSim = sim(this.centroids[best]);
    for (let k = 0; k < x.idx.length; k++) scratch[x.idx[k]] = 0;
    return { top, probs: p, knownShare: this.vectorizer.knownWordShare(text), centroidSim, nearestSim };
  }
}

/** The probabilities with some classes at 0 and the rest renormalised (in place). */
function without(p: Float32Array, exclude: ReadonlySet<number>): void {
  let kept = 0;
  for (let c = 0; c < p.length; c++)
    if (exclude.has(c)) p[c] = 0;
    else kept += p[c];
  if (kept > 0) for (let c = 0; c < p.length; c++) p[c] /= kept;
}
