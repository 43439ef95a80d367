import { describe, expect, it } from 'vitest';
import { ClassTerms, FIRM_TEXTS, TILT_ALPHA, tilt } from './tilt.ts';
import { IntentClassifier, trainingExamples } from './classifier.ts';
import { idfOf } from './bm25.ts';
import type { Article } from '../types.ts';

const article = (id: string, title: string, body: string, examples: string[]): Article => ({ id, title, body, examples });

describe('the classifier tilted by the article text', () => {
  const articles = [
    article('shipping', 'Shipping times', 'Standard shipping takes 3 to 5 days. Overnight delivery arrives the next morning.', [
      'how long does shipping take',
      'when will my parcel arrive',
      'how many days for delivery',
      'do you ship abroad',
    ]),
    article('payment', 'Payment methods', 'We accept cards and bank transfer.', [
      'which cards do you accept',
      'can I pay by bank transfer',
      'what payment methods are there',
      'do you take debit cards',
    ]),
    article('refund', 'Refunds', 'Refunds take 5 to 10 days to reach your card.', [
      'how do I get a refund',
      'where is my money',
      'can I get my money back',
      'refund to another card',
    ]),
  ];
  const opts = { epochs: 30, learningRate: 1, l2: 1e-5, seed: 1 };

  it('lifts the class whose body holds a word its examples never use', () => {
    const plain = IntentClassifier.train(trainingExamples(articles), articles.length, opts);
    const tilted = IntentClassifier.train(
      trainingExamples(articles),
      articles.length,
      opts,
      articles.map((a) => a.body),
    );
    const message = 'overnight?';
    const before = plain.classify(message).probs;
    const after = tilted.classify(message).probs;
    // The body's one "overnight" counts half (FIRM_TEXTS): the shipping page's odds against the
    // refund page (no word of the message) rise by e^(α/2).
    expect(after[0] / after[2] / (before[0] / before[2])).toBeCloseTo(Math.exp(TILT_ALPHA / FIRM_TEXTS), 3);
    expect(after[0]).toBeGreaterThan(before[0]);
    expect(after.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
  });

  it('counts a word an article holds in one text only in part', () => {
    // "express" twice on the first article (firm), once on the second beside "option" (incidental).
    const terms = new ClassTerms([
      ['Shipping', 'Express shipping arrives in 1 to 2 days.', 'how fast is express'],
      ['Payment', 'We accept American Express.', 'payment option'],
    ]);
    const [shipping, payment] = terms.shares('express option');
    const express = idfOf(2, 2);
    const option = idfOf(1, 2);
    expect(shipping).toBeCloseTo(express / (express + option), 6);
    expect(payment).toBeCloseTo((express + option) / FIRM_TEXTS / (express + option), 6);
    // Without the guard the payment page would hold the whole message (share 1).
    expect(payment).toBeLessThan(0.6);
  });

  it('renormalises, and leaves the probabilities alone at alpha 0', () => {
    const p = new Float32Array([0.5, 0.5]);
    tilt(p, new Float64Array([1, 0]), 2);
    expect(p[0] / p[1]).toBeCloseTo(Math.exp(2), 4);
    expect(p[0] + p[1]).toBeCloseTo(1, 6);
    const q = new Float32Array([0.3, 0.7]);
    tilt(q, new Float64Array([1, 0]), 0);
    expect([...q]).toEqual([...new Float32Array([0.3, 0.7])]);
  });
});
