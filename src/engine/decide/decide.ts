// Stage: decide. Turns signals and confidence into answer | clarify | handoff, with every
// reason that applies (the brief shows them all, routing may use any).
import type { HandoffReason } from '../types.ts';
import type { Understanding } from '../understand/index.ts';

export interface DecideInput {
  understanding: Understanding;
  confidence: number;
  threshold: number;
  /** Calibrated confidence of the runner-up candidate (for clarifying between two close ones). */
  runnerUpConfidence: number;
  /** The verifier kept at least one claim. */
  verified: boolean;
  /** The chosen article is listed in policy.alwaysHumanIntents. */
  alwaysHumanIntent: boolean;
  /** A soft sensitive topic (fraud) is covered by an article written for it. */
  sensitiveCovered: boolean;
  /** Clarifying was already tried on the previous turn. */
  clarifiedBefore: boolean;
}

export interface DecideOutput {
  action: 'answer' | 'clarify' | 'handoff';
  reasons: HandoffReason[];
}

export function decide(d: DecideInput): DecideOutput {
  const u = d.understanding;
  const reasons: HandoffReason[] = [];
  if (u.humanRequest) reasons.push('customer_requested');
  if (u.sensitive && !(u.sensitive.soft && d.sensitiveCovered)) reasons.push('sensitive_topic');
  if (u.policyTopic || d.alwaysHumanIntent) reasons.push('policy');
  if (u.frustrated) reasons.push('negative_sentiment');
  if (u.repeatedFailure) reasons.push('repeated_failure');
  if (reasons.length > 0) return { action: 'handoff', reasons };
  if (d.confidence >= d.threshold && d.verified) return { action: 'answer', reasons };
  // Two plausible articles that together clear the bar: ask which one, once.
  const close = d.runnerUpConfidence >= 0.8 * d.confidence && d.confidence + d.runnerUpConfidence >= d.threshold;
  if (!d.clarifiedBefore && d.threshold > 0 && close && d.confidence >= 0.5 * d.threshold) return { action: 'clarify', reasons };
  return { action: 'handoff', reasons: ['low_confidence'] };
}
