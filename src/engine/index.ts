// The embedded answer engine: build from articles (train, calibrate), then one turn per message.
import type { Article, BotEngine, Decision, EngineFactory, TurnInput } from './types.ts';
import { buildKnowledge, DEFAULT_BUILD, type BuildOptions, type KnowledgeModel } from './knowledge-model.ts';
import { runTurn } from './turn.ts';

export type { Article, BotEngine, Decision, EngineFactory, TurnInput } from './types.ts';
export { chunkArticles, chunkArticle, type Passage } from '../knowledge/chunk.ts';
export { parseKnowledgeFile, parseKnowledgeFolder, type KnowledgeLoadResult } from '../knowledge/index.ts';

export interface EngineOptions {
  build?: Partial<BuildOptions>;
}

export class EmbeddedEngine implements BotEngine {
  constructor(readonly knowledge: KnowledgeModel) {}

  defaultThreshold(): number {
    return this.knowledge.defaultThreshold;
  }

  async turn(input: TurnInput): Promise<Decision> {
    return this.turnSync(input);
  }

  /** Synchronous turn (the embedded engine does no I/O); never throws. */
  turnSync(input: TurnInput): Decision {
    try {
      return runTurn(this.knowledge, input);
    } catch (err) {
      return engineError(this.knowledge.defaultThreshold, err);
    }
  }
}

export function engineError(threshold: number, err: unknown): Decision {
  return {
    action: 'handoff',
    text: '',
    citations: [],
    confidence: 0,
    threshold,
    reasons: ['engine_error'],
    language: 'en',
    intent: null,
    sentiment: 0,
    trace: { error: err instanceof Error ? err.message : String(err) },
  };
}

export async function buildEngine(articles: Article[], opts: EngineOptions = {}): Promise<EmbeddedEngine> {
  return new EmbeddedEngine(buildKnowledge(articles, { ...DEFAULT_BUILD, ...opts.build }));
}

export const createEngine: EngineFactory = (articles) => buildEngine(articles);
