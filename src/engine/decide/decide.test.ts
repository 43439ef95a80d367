import { describe, expect, it } from 'vitest';
import { decide, type DecideInput } from './decide.ts';
import { understand } from '../understand/index.ts';

const policy = { confidenceThreshold: null, alwaysHumanIntents: [], alwaysHumanTopics: [] };
const base = (text: string, over: Partial<DecideInput> = {}): DecideInput => ({
  understanding: understand({ text, history: [], policy }),
  confidence: 0.9,
  threshold: 0.5,
  runnerUpConfidence: 0,
  verified: true,
  alwaysHumanIntent: false,
  sensitiveCovered: false,
  clarifiedBefore: false,
  ...over,
});

describe('decide', () => {
  it('answers when confident and verified', () => expect(decide(base('where is my order')).action).toBe('answer'));
  it('hands off below the threshold or when nothing verified', () => {
    expect(decide(base('where is my order', { confidence: 0.2 }))).toEqual({ action: 'handoff', reasons: ['low_confidence'] });
    expect(decide(base('where is my order', { verified: false })).action).toBe('handoff');
  });
  it('clarifies between two close candidates, once', () => {
    expect(decide(base('refund or return', { confidence: 0.4, runnerUpConfidence: 0.38 })).action).toBe('clarify');
    expect(decide(base('refund or return', { confidence: 0.4, runnerUpConfidence: 0.38, clarifiedBefore: true })).action).toBe('handoff');
  });
  it('asks which when the message names two or three articles without saying which, once', () => {
    expect(decide(base('can I change my order', { confidence: 0.19, broaderOptions: 3 }))).toEqual({
      action: 'clarify',
      reasons: [],
      clarify: 'options',
    });
    expect(decide(base('can I change my order', { confidence: 0.19, broaderOptions: 3, clarifiedBefore: true })).action).toBe('handoff');
    expect(decide(base('can I change my order', { confidence: 0.19, broaderOptions: 1 })).action).toBe('handoff');
  });
  it('lists every reason that applies, whatever the confidence', () => {
    const d = decide(base('This is useless!! I want to talk to a human, my lawyer will hear about this'));
    expect(d.action).toBe('handoff');
    expect(d.reasons).toEqual(expect.arrayContaining(['customer_requested', 'sensitive_topic', 'negative_sentiment']));
    expect(decide(base('refund', { alwaysHumanIntent: true })).reasons).toEqual(['policy']);
  });
  it('lets a fraud report through when an article was written for it', () => {
    expect(decide(base('there is a charge on my card I did not make', { sensitiveCovered: true })).action).toBe('answer');
    expect(decide(base('there is a charge on my card I did not make')).reasons).toEqual(['sensitive_topic']);
  });
});
