// Stage 1, understand: what the message asks for besides its topic. Pure, no knowledge needed.
import type { HistoryTurn, EnginePolicy } from '../types.ts';
import { normalize, words } from '../text/normalize.ts';
import { detectLanguage } from './language.ts';
import { detectHumanRequest } from './human-request.ts';
import { analyseSentiment } from './sentiment.ts';
import { detectSensitive, type SensitiveHit } from './sensitive.ts';
import { detectRepeatedFailure, type RepeatedFailure } from './repeated-failure.ts';
import { matchPolicyTopic } from './policy-topics.ts';

export interface UnderstandInput {
  text: string;
  history: HistoryTurn[];
  policy: EnginePolicy;
  /** Language to assume for short messages (the knowledge's main locale). */
  defaultLanguage?: string;
}

export interface Understanding {
  language: string;
  normalized: string;
  tokens: string[];
  humanRequest: string | null;
  sentiment: number;
  frustrated: boolean;
  sentimentCues: string[];
  sensitive: SensitiveHit | null;
  repeatedFailure: RepeatedFailure | null;
  policyTopic: string | null;
}

export function understand(input: UnderstandInput): Understanding {
  const normalized = normalize(input.text);
  const tokens = words(normalized);
  const mood = analyseSentiment(input.text, normalized, tokens);
  return {
    language: detectLanguage(input.text, input.defaultLanguage ?? 'en'),
    normalized,
    tokens,
    humanRequest: detectHumanRequest(normalized),
    sentiment: mood.score,
    frustrated: mood.frustrated,
    sentimentCues: mood.cues,
    sensitive: detectSensitive(normalized),
    repeatedFailure: detectRepeatedFailure(normalized, input.text, input.history),
    policyTopic: matchPolicyTopic(normalized, input.policy.alwaysHumanTopics),
  };
}
