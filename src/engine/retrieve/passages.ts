// Passage retrieval: BM25 over chunks, with the conversation as weighted context, and the
// evidence the assessor needs to tell "the docs answer this" from "the docs are about this".
import type { Passage } from '../../knowledge/chunk.ts';
import { Bm25Index, queryTerms, terms } from './bm25.ts';
import { answerTypeOf, passageHasAnswerType, type AnswerType } from './answer-type.ts';
import { normalize } from '../text/normalize.ts';

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
  /** IDF-weighted share of the current message's terms found in the best article. */
  coverage: number;
  /** Largest IDF among current-message terms missing from the best article (an unmatched specific word). */
  missingIdf: number;
  answerType: AnswerType;
  answerTypeFound: boolean;
  messageTerms: number;
}

export class PassageIndex {
  private readonly bm25: Bm25Index;
  private readonly articleTerms = new Map<string, Set<string>>();

  constructor(readonly passages: Passage[]) {
    this.bm25 = new Bm25Index(passages);
    passages.forEach((p, i) => {
      let s = this.articleTerms.get(p.articleId);
      if (!s) this.articleTerms.set(p.articleId, (s = new Set()));
      for (const t of this.bm25.docTerms[i]) s.add(t);
    });
  }

  /** `exclude`: article ids to leave out (used to simulate questions the knowledge cannot answer). */
  search(message: string, context: ContextTurn[], k = 5, exclude?: Set<string>): PassageEvidence {
    const q = queryTerms([{ text: message, weight: 1 }, ...context]);
    const scores = this.bm25.search(q);
    const best = new Map<string, PassageCandidate>();
    scores.forEach((score, i) => {
      if (score <= 0) return;
      const p = this.passages[i];
      if (exclude?.has(p.articleId)) return;
      const cur = best.get(p.articleId);
      if (!cur || score > cur.score) best.set(p.articleId, { articleId: p.articleId, passage: p, score });
    });
    const candidates = [...best.values()].sort((a, b) => b.score - a.score).slice(0, k);
    const top = candidates[0];
    const own = [...new Set(terms(message))];
    const artTerms = top ? this.articleTerms.get(top.articleId)! : new Set<string>();
    let have = 0;
    let total = 0;
    let missingIdf = 0;
    for (const t of own) {
      const idf = this.bm25.idf(t);
      total += idf;
      if (artTerms.has(t)) have += idf;
      else missingIdf = Math.max(missingIdf, idf);
    }
    const type = answerTypeOf(normalize(message));
    const max = this.bm25.maxScore(q);
    return {
      candidates,
      relScore: top && max > 0 ? Math.min(1.5, top.score / max) : 0,
      runnerUpRatio: candidates[1] && top ? candidates[1].score / top.score : 0,
      coverage: total > 0 ? have / total : 0,
      missingIdf,
      answerType: type,
      answerTypeFound: top ? passageHasAnswerType(type, top.passage.text) : false,
      messageTerms: own.length,
    };
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
