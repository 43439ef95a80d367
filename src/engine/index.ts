// The embedded answer engine: build from articles (train, calibrate), then one turn per message.
import { webUrl } from './web-url.ts';
import type { Article, BotEngine, Decision, EngineFactory, TurnInput } from './types.ts';
import { buildKnowledgeAsync, DEFAULT_BUILD, type BuildOptions, type KnowledgeModel } from './knowledge-model.ts';
import { runTurn } from './turn.ts';
import { encodeForSignals } from './understand/signals/index.ts';
import { encodeAll, noteMissing } from './encoder/encoder.ts';
import { engineError } from './decide/engine-error.ts';
import { createAnswerWriter, type LlmAnswerWriter, type LlmConfigInput, type LlmSetup, type TokenBudget } from './llm/index.ts';
import type { Passage } from '../knowledge/chunk.ts';

export type { Article, BotEngine, Decision, EngineFactory, TurnInput } from './types.ts';
export { chunkArticles, chunkArticle, type Passage } from '../knowledge/chunk.ts';
export { parseKnowledgeFile, parseKnowledgeFolder, type KnowledgeLoadResult } from '../knowledge/index.ts';

export { loadLlmConfig, LlmConfigSchema, type LlmConfig } from './llm/index.ts';

export interface EngineOptions {
  build?: Partial<BuildOptions>;
  /** Optional model that writes answers (docs/llm.md): a config (`loadLlmConfig`) or a ready client. */
  llm?: LlmConfigInput | LlmSetup | null;
  /** The workspace whose token budget the model's calls count against. */
  workspaceId?: string;
  /** Where token usage is counted (default: in memory, shared by the process). */
  tokenBudget?: TokenBudget;
}

export class EmbeddedEngine implements BotEngine {
  /** Passages by source (title and link), built on the first model-written answer. */
  private bySource: Map<string, Passage[]> | null = null;

  constructor(
    readonly knowledge: KnowledgeModel,
    readonly writer: LlmAnswerWriter | null = null,
  ) {}

  /** Every passage of the article's source: a page chunked into several articles is one. */
  private sourcePassages(article: Article): Passage[] {
    if (!this.bySource) {
      this.bySource = new Map();
      for (const p of this.knowledge.passages.passages) {
        const key = this.knowledge.sourceOf(this.knowledge.byId.get(p.articleId)!);
        (this.bySource.get(key) ?? this.bySource.set(key, []).get(key)!).push(p);
      }
    }
    return this.bySource.get(this.knowledge.sourceOf(article)) ?? [];
  }

  defaultThreshold(): number {
    return this.knowledge.defaultThreshold;
  }

  async turn(input: TurnInput): Promise<Decision> {
    const decision = await this.decide(input);
    if (!this.writer || decision.action !== 'answer') return decision;
    return rewrite(this.writer, decision, input, this.answerSource(decision));
  }

  /** The passages and link of the source an answer cites: what a model rewrites it from. */
  answerSource(decision: Decision): AnswerSource {
    const articleId = decision.citations[0]?.articleId ?? decision.intent?.id;
    const article = articleId ? this.knowledge.byId.get(articleId) : undefined;
    return { passages: article ? this.sourcePassages(article) : [], url: webUrl(article?.url) };
  }

  /**
   * The engine's own decision. The sentence encoder is asynchronous and the turn is not, so the
   * texts the turn reads by meaning are encoded first: the signal detector's readings of the
   * message, in one batch; then the turn, and should it have asked for a text not yet encoded
   * (what the classifier read of a follow-up, say), that text is encoded and the turn taken again.
   * Never throws; should the encoder fail, the turn reads without it.
   */
  async decide(input: TurnInput): Promise<Decision> {
    await encodeForSignals([input.text]).catch(() => undefined);
    const first = noteMissing(() => this.turnSync(input));
    if (first.missing.length === 0) return first.value;
    const encoded = await encodeAll(first.missing).catch(() => null);
    return encoded ? this.turnSync(input) : first.value;
  }

  /** Synchronous turn (the embedded engine does no I/O); never throws. Signals read by n-grams unless `decide` encoded the message. */
  turnSync(input: TurnInput): Decision {
    try {
      return runTurn(this.knowledge, input);
    } catch (err) {
      return engineError(this.knowledge.defaultThreshold, err);
    }
  }
}

export { engineError };

/** What a model-written answer is given besides the decision. */
export interface AnswerSource {
  passages: Passage[];
  url?: string;
}

/** The model rewrites an answer the engine already decided to give, from the same source. */
export async function rewrite(writer: LlmAnswerWriter, decision: Decision, input: TurnInput, source: AnswerSource): Promise<Decision> {
  try {
    return await writer.write({ embedded: decision, question: input.text, history: input.history, ...source });
  } catch (err) {
    // The writer does not throw; should it ever, the embedded answer stands.
    return { ...decision, trace: { ...decision.trace, llm: { used: false, error: `error: ${(err as Error)?.message ?? String(err)}` } } };
  }
}

export async function buildEngine(articles: Article[], opts: EngineOptions = {}): Promise<EmbeddedEngine> {
  const writer = opts.llm ? createAnswerWriter(opts.llm, { workspaceId: opts.workspaceId, tokenBudget: opts.tokenBudget }) : null;
  return new EmbeddedEngine(await buildKnowledgeAsync(articles, { ...DEFAULT_BUILD, ...opts.build }), writer);
}

/** An EngineFactory; the optional second argument adds a model (`{ llm, workspaceId }`). */
export const createEngine = ((articles: Article[], opts: EngineOptions = {}) => buildEngine(articles, opts)) satisfies EngineFactory;
