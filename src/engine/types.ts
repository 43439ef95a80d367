// The contract between the conversation core and the answer engine (the bot's seat).
// The core calls `BotEngine.turn` with redacted text only; the engine returns a decision
// with its full trace, which the core stores with the bot's message.

export const HANDOFF_REASONS = [
  'low_confidence',
  'customer_requested',
  'negative_sentiment',
  'repeated_failure',
  'policy',
  'sensitive_topic',
  'engine_error',
] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

/** A knowledge article, as in shared/contracts/eval.md. */
export interface Article {
  id: string;
  title: string;
  body: string;
  url?: string;
  locale?: string;
  tags?: string[];
  examples?: string[];
}

export interface HistoryTurn {
  role: 'customer' | 'bot' | 'agent';
  text: string;
  /** For bot turns: the action taken and the articles cited, so the engine can notice repeats. */
  action?: 'answer' | 'clarify' | 'handoff';
  articleIds?: string[];
}

/** Per-workspace policy the engine decides against (see design.md: policy). */
export interface EnginePolicy {
  /** Answer only at or above this confidence; null means the engine's calibrated default. */
  confidenceThreshold: number | null;
  /** Intents (article ids or tags) that always go to a human. */
  alwaysHumanIntents: string[];
  /** Free-text topics (keywords/phrases) that always go to a human. */
  alwaysHumanTopics: string[];
}

export interface TurnInput {
  /** The customer's latest message, already redacted by the PII shield. */
  text: string;
  /** Earlier turns of this conversation, oldest first (redacted). */
  history: HistoryTurn[];
  policy: EnginePolicy;
}

export interface Citation {
  articleId: string;
  title: string;
  url?: string;
  /** The passage text the answer quotes. */
  passage: string;
}

export interface Decision {
  action: 'answer' | 'clarify' | 'handoff';
  /** What the customer sees (empty for a handoff: the core writes the handoff notice). */
  text: string;
  citations: Citation[];
  /** Calibrated confidence in [0, 1]. */
  confidence: number;
  /** The threshold in force for this decision. */
  threshold: number;
  reasons: HandoffReason[];
  language: string;
  intent: { id: string; title: string; confidence: number } | null;
  /** Sentiment in [-1, 1]. */
  sentiment: number;
  /** Everything needed to explain the decision: signals, scores, candidates. JSON-serialisable. */
  trace: Record<string, unknown>;
}

export interface BotEngine {
  turn(input: TurnInput): Promise<Decision>;
  /** The threshold the engine picked from its knowledge (calibration). */
  defaultThreshold(): number;
}

/** Builds an engine for one workspace's knowledge; called at start-up and after ingest. */
export type EngineFactory = (articles: Article[], opts?: { workspaceId?: string }) => Promise<BotEngine>;
