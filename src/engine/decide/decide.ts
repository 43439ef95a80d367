// Stage: decide. Turns signals and confidence into answer | clarify | handoff | social, with
// every reason that applies (the brief shows them all, routing may use any).
import type { ClarifyKind, HandoffReason } from '../types.ts';
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
  /** What the previous turn's clarifying question asked, if it was one. */
  lastClarify?: ClarifyKind | null;
  /** The customer said yes to the previous turn's offer of a person. */
  acceptsOffer?: boolean;
  /**
   * An article written for this kind of message (one of its example questions, e.g. a
   * "greeting" or "calculator" intent) answers it above the threshold: small talk and
   * non-questions then get that article like any question.
   */
  writtenFor?: boolean;
  /**
   * The message reads, above the threshold, as an article written for requests for a person
   * (its examples are such requests: "Talk to a person"): a request the detector missed
   * ("can i tlak to a humna"), and a request for a person wins over any article.
   */
  asksForPersonArticle?: boolean;
  /** The message's words are all unknown to the knowledge (trivia, another business). */
  offTopic?: boolean;
  /** Articles among the top candidates that the message names without saying which (`broader.ts`). */
  broaderOptions?: number;
}

export interface DecideOutput {
  action: 'answer' | 'clarify' | 'handoff' | 'social';
  reasons: HandoffReason[];
  /** Why a clarifying question is asked: between two articles, or because the message was not a question. */
  clarify?: ClarifyKind;
  /** Danger, self-harm, fraud or a legal threat: a person must come first. */
  urgent?: boolean;
}

export function decide(d: DecideInput): DecideOutput {
  const u = d.understanding;
  const reasons: HandoffReason[] = [];
  if (d.acceptsOffer) return { action: 'handoff', reasons: ['customer_requested'] };
  // A request for a person or anger the detector read unsurely gives way to an article
  // written for this message (its examples match it above the threshold), and to a need
  // announced but not said ("necesito ayuda con mi cuenta": what is it?).
  const yields = u.softSignal && (!!d.writtenFor || u.opener);
  if ((u.humanRequest && !yields) || d.asksForPersonArticle) reasons.push('customer_requested');
  const sensitive = u.sensitive && !(u.sensitive.soft && d.sensitiveCovered);
  if (sensitive) reasons.push('sensitive_topic');
  if (u.policyTopic || d.alwaysHumanIntent) reasons.push('policy');
  if (u.frustrated && !yields) reasons.push('negative_sentiment');
  if (u.repeatedFailure) reasons.push('repeated_failure');
  if (reasons.length > 0) return sensitive ? { action: 'handoff', reasons, urgent: true } : { action: 'handoff', reasons };
  if (!d.writtenFor) {
    if (u.social) return { action: 'social', reasons };
    // Not a question, or a question on something the knowledge never mentions (trivia, another
    // business), which gets no article whatever an index scores it: say what the bot can help
    // with once, then offer a person; a third time (the offer ignored) a person takes over.
    // A need announced but not said ("I have a question about my order"): ask what it is, once;
    // said again in other words, the customer would rather tell a person.
    if (u.opener && d.lastClarify !== 'details') return { action: 'clarify', reasons, clarify: 'details' };
    if (u.junk || d.offTopic) {
      if (d.lastClarify === 'offer_person') return { action: 'handoff', reasons: ['low_confidence'] };
      return { action: 'clarify', reasons, clarify: d.lastClarify === 'rephrase' ? 'offer_person' : 'rephrase' };
    }
  }
  if (d.confidence >= d.threshold && d.verified) return { action: 'answer', reasons };
  // Worded in the words of two or three articles, sure of none ("can I change my order"): ask which, once.
  if (!d.clarifiedBefore && (d.broaderOptions ?? 0) >= 2) return { action: 'clarify', reasons, clarify: 'options' };
  // Two plausible articles that together clear the bar: ask which one, once.
  const close = d.runnerUpConfidence >= 0.8 * d.confidence && d.confidence + d.runnerUpConfidence >= d.threshold;
  if (!d.clarifiedBefore && d.threshold > 0 && close && d.confidence >= 0.5 * d.threshold)
    return { action: 'clarify', reasons, clarify: 'options' };
  return { action: 'handoff', reasons: ['low_confidence'] };
}
