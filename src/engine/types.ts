// The contract between the conversation core and the answer engine (the bot's seat).
// The core calls `BotEngine.turn` with redacted text only; the engine returns a decision
// with its full trace, which the core stores with the bot's message.
import type { OwnText } from './text/localized.ts';
import type { SocialKind } from './understand/social.ts';

export const HANDOFF_REASONS = [
  'low_confidence',
  'customer_requested',
  'negative_sentiment',
  'repeated_failure',
  'policy',
  'sensitive_topic',
  'engine_error',
  /** A tool call of a playbook failed in a way the customer cannot fix, or kept failing (src/actions). */
  'action_failed',
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
  action?: DecisionAction;
  articleIds?: string[];
  /** For a bot's clarifying turn: what it asked (which article, to rephrase, whether to bring in a person, or what the announced need is). */
  clarify?: ClarifyKind;
}

export const CLARIFY_KINDS = ['options', 'rephrase', 'offer_person', 'details'] as const;
export type ClarifyKind = (typeof CLARIFY_KINDS)[number];

/**
 * What the bot does with a turn: answer from the knowledge, ask a question (which of two
 * articles, or what the customer needs when the message was not a question), hand off to a
 * person, or reply socially to small talk (a greeting, thanks, a goodbye, "ok").
 */
export const DECISION_ACTIONS = ['answer', 'clarify', 'handoff', 'social'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** Per-workspace policy the engine decides against (see design.md: policy). */
export interface EnginePolicy {
  /** Answer only at or above this confidence; null means the engine's calibrated default. */
  confidenceThreshold: number | null;
  /** Intents (article ids or tags) that always go to a human. */
  alwaysHumanIntents: string[];
  /** Free-text topics (keywords/phrases) that always go to a human. */
  alwaysHumanTopics: string[];
  /**
   * What the customer reads when a message shows risk of self-harm, beside the handoff (crisis
   * resources for the workspace's country); absent or null: the engine's default text.
   */
  crisisMessage?: OwnText | null;
  /** What the customer reads when a message reads as danger (abuse, threats, violence); absent or null: the engine's default. */
  dangerMessage?: OwnText | null;
}

export type { OwnText };

export interface TurnInput {
  /** The customer's latest message, already redacted by the PII shield. */
  text: string;
  /** Earlier turns of this conversation, oldest first (redacted). */
  history: HistoryTurn[];
  policy: EnginePolicy;
  /** The widget's locale (or the conversation's language so far), a prior for the language. */
  locale?: string | null;
}

export interface Citation {
  articleId: string;
  title: string;
  url?: string;
  /** The passage text the answer quotes. */
  passage: string;
}

/** A choice a clarifying question offers (the pages it names): the customer may answer with its title. */
export interface ClarifyOption {
  articleId: string;
  title: string;
}

export interface Decision {
  action: DecisionAction;
  /**
   * What the customer sees. Empty for a handoff (the core writes the handoff notice), except
   * an urgent one with words for the customer first (crisis resources on self-harm).
   */
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
  /** A handoff that must reach a person first (danger, self-harm, fraud, legal threats). */
  urgent?: boolean;
  /** The pages a clarifying question names ("Do you mean …?"), in its order: the widget offers them as buttons. */
  options?: ClarifyOption[];
  /** Everything needed to explain the decision: signals, scores, candidates. JSON-serialisable. */
  trace: Record<string, unknown>;
}

/**
 * The pages a clarifying question offered, as a stored bot message's trace keeps them
 * (`Decision.options`); anything malformed is left out.
 */
export function offeredOptions(trace: unknown): ClarifyOption[] {
  const options = (trace as { options?: unknown } | null)?.options;
  if (!Array.isArray(options)) return [];
  return options
    .filter((o): o is ClarifyOption => !!o && typeof o.articleId === 'string' && typeof o.title === 'string')
    .map(({ articleId, title }) => ({ articleId, title }));
}

/** What a clarifying decision asked, as its trace records it, or null. */
export const clarifyOf = (d: Pick<Decision, 'trace'>): ClarifyKind | null =>
  (d.trace.decision as { clarify?: ClarifyKind } | undefined)?.clarify ?? null;

/** The kind of small talk a social decision answered ("thanks", "hi"), or null. */
export const socialOf = (d: Pick<Decision, 'action' | 'trace'>): SocialKind | null =>
  d.action === 'social' ? ((d.trace.signals as { social?: { kind?: SocialKind } | null } | undefined)?.social?.kind ?? null) : null;

/** What the actions runner reads of a decision: the action, and the clarification, small talk and reasons behind it. */
export const decisionForActions = (d: Decision) => ({
  action: d.action,
  clarify: clarifyOf(d),
  social: socialOf(d),
  reasons: d.reasons,
  language: d.language,
});

export interface BotEngine {
  turn(input: TurnInput): Promise<Decision>;
  /** The threshold the engine picked from its knowledge (calibration). */
  defaultThreshold(): number;
}

/** Builds an engine for one workspace's knowledge; called at start-up and after ingest. */
export type EngineFactory = (articles: Article[], opts?: { workspaceId?: string }) => Promise<BotEngine>;
