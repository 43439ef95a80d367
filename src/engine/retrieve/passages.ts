// Passage retrieval: BM25 over chunks, with the conversation as weighted context, and the
// evidence the assessor needs to tell "the docs answer this" from "the docs are about this".
import type { Passage } from '../../knowledge/chunk.ts';
import { Bm25Index, queryTerms, terms } from './bm25.ts';
import { answerTypeOf, passageHasAnswerType, type AnswerType } from './answer-type.ts';
import { normalize } from '../text/normalize.ts';
import { mineAbbreviations, type Abbreviations } from './abbreviations.ts';
import type { Expansions } from '../text/synonyms.ts';

/**
 * Passages on each side of the best one whose words count as the best article's for coverage and
 * matched mass: an answer may run over a chunk's edge, not over a whole page (issue 15, items 5
 * and 7; docs/engine.md, "Coverage near the matching passage").
 */
export const COVERAGE_WINDOW = 1;

export interface ContextTurn {
  text: string;
  weight: number;
}

export interface PassageCandidate {
  articleId: string;
  passage: Passage;
  score: number;
}

export interface PassageEvidence {
  candidates: PassageCandidate[];
  /** Top score over the score of an ideal match: ~[0, 1]. */
  relScore: number;
  /** Second article's score over the first's. */
  runnerUpRatio: number;
  /** IDF-weighted share of the current message's terms found near the best article's best passage (`COVERAGE_WINDOW`). */
  coverage: number;
  /** Largest IDF among current-message terms missing near the best passage (an unmatched specific word). */
  missingIdf: number;
  /**
   * How much specific evidence matched: the IDF of the message's terms held near the best passage,
   * in units of a never-seen word's IDF (about one maximally specific word each).
   */
  matchedMass: number;
  answerType: AnswerType;
  answerTypeFound: boolean;
  messageTerms: number;
}

export class PassageIndex {
  private readonly bm25: Bm25Index;
  /** Article number of each passage, and scratch space per article for collecting candidates. */
  private readonly articleOf: Int32Array;
  private readonly articleNumber = new Map<string, number>();
  private readonly bestPassage: Int32Array;
  private readonly bestScore: Float64Array;
  private readonly excluded: Uint8Array;
  /** Abbreviations the knowledge defines: either form of one finds passages using the other. */
  readonly abbreviations: Abbreviations;
  /** Long forms by each of their words: the abbreviations a message's words may spell out. */
  private readonly longFormsWith = new Map<string, { abbr: string; words: string[] }[]>();

  /**
   * `vocabulary`: texts that count in the term statistics (IDF, the ideal match) but are never
   * candidates: the example questions of articles another route answers. Without them a word
   * only those examples use ("coupon") is unknown, left out of the ideal match, and a passage
   * matching the rest of the question looks like a perfect answer.
   */
  constructor(
    readonly passages: Passage[],
    vocabulary: string[] = [],
  ) {
    // A passage's heading counts with the title: it names the topic of a long page's part.
    this.bm25 = new Bm25Index(
      passages.map((p) => ({ title: p.heading ? `${p.title} ${p.heading}` : p.title, text: p.text })),
      undefined,
      vocabulary,
    );
    this.articleOf = new Int32Array(passages.length);
    passages.forEach((p, i) => {
      if (!this.articleNumber.has(p.articleId)) this.articleNumber.set(p.articleId, this.articleNumber.size);
      this.articleOf[i] = this.articleNumber.get(p.articleId)!;
    });
    this.abbreviations = mineAbbreviations(passages.map((p) => p.text));
    for (const [abbr, words] of this.abbreviations.expand)
      for (const w of new Set(words)) (this.longFormsWith.get(w) ?? this.longFormsWith.set(w, []).get(w)!).push({ abbr, words });
    this.bestPassage = new Int32Array(this.articleNumber.size).fill(-1);
    this.bestScore = new Float64Array(this.articleNumber.size);
    this.excluded = new Uint8Array(this.articleNumber.size);
  }

  /** `exclude`: article ids to leave out (used to simulate questions the knowledge cannot answer). */
  /** `extra`: words read beside the message's at their (lower) weight, a synonym of a word the knowledge does not use. */
  search(message: string, context: ContextTurn[], k = 5, exclude?: ReadonlySet<string>, extra?: Expansions): PassageEvidence {
    const q = this.query(message, context, extra);
    return this.evidence(message, q, this.bm25.search(q), k, exclude, extra && expandedTerms(extra));
  }

  /**
   * The same question asked twice, once without `always` and once without `exclude` too, from a
   * single scoring pass: exactly `[search(m, c, k, always), search(m, c, k, always ∪ exclude)]`
   * at about half the cost (calibration asks every pseudo-question both ways).
   */
  searchWithAndWithout(
    message: string,
    context: ContextTurn[],
    exclude: ReadonlySet<string>,
    k = 5,
    always: ReadonlySet<string> = new Set(),
  ): [PassageEvidence, PassageEvidence] {
    const q = this.query(message, context);
    const scores = this.bm25.search(q);
    const both = always.size ? new Set([...always, ...exclude]) : exclude;
    return [this.evidence(message, q, scores, k, always.size ? always : undefined), this.evidence(message, q, scores, k, both)];
  }

  /**
   * How strongly a text (message and context, as `search` reads them) points at one article: its
   * best passage's score over the best score of any passage, in [0, 1]; 0 when nothing matches.
   */
  support(message: string, context: ContextTurn[], articleId: string, exclude?: ReadonlySet<string>, extra?: Expansions): number {
    const scores = this.bm25.search(this.query(message, context, extra));
    const a = this.articleNumber.get(articleId);
    let best = 0;
    let mine = 0;
    for (let i = 0; i < scores.length; i++) {
      if (exclude?.has(this.passages[i].articleId)) continue;
      if (scores[i] > best) best = scores[i];
      if (this.articleOf[i] === a && scores[i] > mine) mine = scores[i];
    }
    return best > 0 ? mine / best : 0;
  }

  /**
   * Weighted query terms with the knowledge's abbreviations added in the other form: an
   * abbreviation's long form at its weight shared among the long form's words (one concept,
   * one term's worth), a long form's abbreviation at the weight of its weakest word; then `extra`
   * (support-vocabulary synonyms) at their own weight.
   */
  private query(message: string, context: ContextTurn[], extra?: Expansions): Map<string, number> {
    const q = this.abbreviated(queryTerms([{ text: message, weight: 1 }, ...context]));
    if (extra) for (const [w, weight] of extra.words) for (const t of terms(w)) if (!q.has(t)) q.set(t, weight);
    return q;
  }

  private abbreviated(q: Map<string, number>): Map<string, number> {
    if (this.abbreviations.expand.size === 0) return q;
    const add = new Map<string, number>();
    for (const [t, w] of q) {
      const long = this.abbreviations.expand.get(t);
      if (long) for (const e of long) add.set(e, Math.max(add.get(e) ?? 0, w / long.length));
    }
    for (const t of q.keys())
      for (const { abbr, words } of this.longFormsWith.get(t) ?? [])
        if (words.every((x) => q.has(x))) add.set(abbr, Math.max(add.get(abbr) ?? 0, Math.min(...words.map((x) => q.get(x)!))));
    for (const [t, w] of add) if (!q.has(t)) q.set(t, w);
    return q;
  }

  /** The message's content words (letters, not numbers) and how many of them the knowledge uses anywhere. */
  knownWords(message: string): { words: number; known: number } {
    const ts = [...new Set(terms(message))].filter((t) => /\p{L}/u.test(t));
    return { words: ts.length, known: ts.filter((t) => this.bm25.knows(t)).length };
  }

  /** Whether any passage (or the vocabulary) uses the term. */
  knows(term: string): boolean {
    return this.bm25.knows(term);
  }

  /** A term that names a topic: used by the knowledge, in at most about √N of its N passages. */
  topicWord(term: string): boolean {
    return this.bm25.topical(term);
  }

  /** A message term the article holds, in either form of an abbreviation. */
  private holds(artTerms: Set<string>, t: string, own: Set<string>): boolean {
    if (artTerms.has(t)) return true;
    const long = this.abbreviations.expand.get(t);
    if (long && long.every((x) => artTerms.has(x))) return true;
    return (this.longFormsWith.get(t) ?? []).some(({ abbr, words }) => artTerms.has(abbr) && words.every((x) => own.has(x)));
  }

  private evidence(
    message: string,
    q: Map<string, number>,
    scores: Float32Array,
    k: number,
    exclude?: ReadonlySet<string>,
    /** Terms each message term was expanded to: the article holds the term when it holds one of them. */
    expanded?: Map<string, string[]>,
  ): PassageEvidence {
    // Each article's best passage; articles in the order their first scoring passage comes, so
    // that the stable sort breaks ties as it always has.
    const { articleOf, bestPassage, bestScore, excluded } = this;
    const ex = exclude ? [...exclude].map((id) => this.articleNumber.get(id)).filter((a) => a !== undefined) : [];
    for (const a of ex) excluded[a] = 1;
    const seen: number[] = [];
    for (let i = 0; i < scores.length; i++) {
      const score = scores[i];
      if (score <= 0) continue;
      const a = articleOf[i];
      if (excluded[a]) continue;
      if (bestPassage[a] < 0) {
        seen.push(a);
        bestPassage[a] = i;
        bestScore[a] = score;
      } else if (score > bestScore[a]) {
        bestPassage[a] = i;
        bestScore[a] = score;
      }
    }
    const ranked = seen.sort((a, b) => bestScore[b] - bestScore[a]).slice(0, k);
    const candidates: PassageCandidate[] = ranked.map((a) => {
      const passage = this.passages[bestPassage[a]];
      return { articleId: passage.articleId, passage, score: bestScore[a] };
    });
    const topPassage = ranked.length ? bestPassage[ranked[0]] : -1;
    for (const a of seen) bestPassage[a] = -1;
    for (const a of ex) excluded[a] = 0;
    const top = candidates[0];
    const ownSet = new Set(terms(message));
    const own = [...ownSet];
    const artTerms = topPassage >= 0 ? this.neighbourhoodTerms(topPassage) : new Set<string>();
    let have = 0;
    let total = 0;
    let missingIdf = 0;
    for (const t of own) {
      const idf = this.bm25.idf(t);
      total += idf;
      if (this.holds(artTerms, t, ownSet) || expanded?.get(t)?.some((x) => artTerms.has(x))) have += idf;
      else missingIdf = Math.max(missingIdf, idf);
    }
    const type = answerTypeOf(normalize(message));
    const unseen = this.bm25.idf('\u0000');
    const max = this.bm25.maxScore(q);
    return {
      candidates,
      relScore: top && max > 0 ? Math.min(1.5, top.score / max) : 0,
      runnerUpRatio: candidates[1] && top ? candidates[1].score / top.score : 0,
      coverage: total > 0 ? have / total : 0,
      missingIdf,
      matchedMass: have / unseen,
      answerType: type,
      answerTypeFound: top ? passageHasAnswerType(type, top.passage.text) : false,
      messageTerms: own.length,
    };
  }

  /**
   * The terms of a passage and of its neighbours in the same article (`COVERAGE_WINDOW` each
   * side): where the answer to a question matching that passage can be. A whole long page holds
   * nearly every word of any question on its product, so coverage counted over the article said
   * "answered" for the wrong section of a 40 KB reference page as loudly as for the right page.
   */
  private neighbourhoodTerms(i: number): Set<string> {
    const out = new Set<string>();
    const last = Math.min(this.passages.length - 1, i + COVERAGE_WINDOW);
    for (let j = Math.max(0, i - COVERAGE_WINDOW); j <= last; j++)
      if (this.articleOf[j] === this.articleOf[i]) for (const t of this.bm25.docTerms[j]) out.add(t);
    return out;
  }

  /** The passage of one article that best matches the message (for composing). */
  bestPassageOf(articleId: string, message: string): Passage | null {
    const own = this.passages.filter((p) => p.articleId === articleId);
    if (own.length <= 1) return own[0] ?? null;
    const q = new Set(terms(message));
    let best = own[0];
    let bestHits = -1;
    for (const p of own) {
      const pt = new Set(terms(`${p.title} ${p.text}`));
      let hits = 0;
      for (const t of q) if (pt.has(t)) hits++;
      if (hits > bestHits) [best, bestHits] = [p, hits];
    }
    return best;
  }
}

/** The support-vocabulary expansions as content terms (stemmed), by the message term that set them off. */
function expandedTerms(extra: Expansions): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [typed, added] of extra.of) for (const t of terms(typed)) out.set(t, added.flatMap(terms));
  return out;
}
