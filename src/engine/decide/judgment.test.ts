import { describe, expect, it } from 'vitest';
import { decide, type DecideInput } from './decide.ts';
import { understand } from '../understand/index.ts';
import type { HistoryTurn } from '../types.ts';

const policy = { confidenceThreshold: null, alwaysHumanIntents: [], alwaysHumanTopics: [] };
const base = (text: string, over: Partial<DecideInput> = {}, history: HistoryTurn[] = []): DecideInput => ({
  understanding: understand({ text, history, policy }),
  confidence: 0.9,
  threshold: 0.5,
  runnerUpConfidence: 0,
  verified: true,
  alwaysHumanIntent: false,
  sensitiveCovered: false,
  clarifiedBefore: false,
  ...over,
});

describe('decide: judgment', () => {
  it('small talk gets a social reply, unless an article was written for it', () => {
    expect(decide(base('thanks!')).action).toBe('social');
    expect(decide(base('thanks!', { writtenFor: true })).action).toBe('answer');
  });
  // An off-topic question (trivia, another business) goes the way junk goes: never an article.
  it.each([
    ['junk', 'what is 2+2', {}],
    ['an off-topic question', 'who won the world cup', { offTopic: true }],
  ] as const)('%s: ask what is needed once, then offer a person, then hand off', (_, text, over) => {
    expect(decide(base(text, over))).toEqual({ action: 'clarify', reasons: [], clarify: 'rephrase' });
    expect(decide(base(text, { ...over, clarifiedBefore: true, lastClarify: 'rephrase' }))).toMatchObject({
      action: 'clarify',
      clarify: 'offer_person',
    });
    expect(decide(base(text, { ...over, clarifiedBefore: true, lastClarify: 'offer_person' }))).toEqual({
      action: 'handoff',
      reasons: ['low_confidence'],
    });
  });
  it('a yes to the offer of a person hands off as the customer asked', () => {
    expect(decide(base('yes', { acceptsOffer: true }))).toEqual({ action: 'handoff', reasons: ['customer_requested'] });
  });
  it('sensitive topics are urgent', () => {
    expect(decide(base("I've lost all my savings and I don't want to live anymore"))).toMatchObject({
      action: 'handoff',
      urgent: true,
      reasons: ['sensitive_topic'],
    });
  });
  it('a sure request for a person wins over an article written for the message; an unsure reading gives way to it', () => {
    const sure = base("is there a human I can chat with? my card still hasn't arrived", { writtenFor: true });
    expect(sure.understanding.softSignal).toBe(false);
    expect(decide(sure).reasons).toContain('customer_requested');
    // Read under the 0.8 bar. The lines of before ("can somebody help me", then "can anybody help
    // me") crossed it as training examples were added: both are now sure requests.
    const unsure = base('who can help me with this', { writtenFor: true });
    expect(unsure.understanding.humanRequest).not.toBeNull();
    expect(unsure.understanding.softSignal).toBe(true);
    expect(decide(unsure).action).toBe('answer');
    expect(decide({ ...unsure, writtenFor: false }).reasons).toContain('customer_requested');
    // A request in a clause of its own is sure, whatever the rest of the message is about.
    for (const text of ['My card was charged twice, I want a person', 'my refund still has not arrived after 3 weeks, get me a person']) {
      const compound = base(text, { writtenFor: true });
      expect(decide(compound)).toEqual({ action: 'handoff', reasons: ['customer_requested'] });
    }
  });
});
