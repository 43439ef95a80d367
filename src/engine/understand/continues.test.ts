import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { AGAINST_ODDS, continuesIntent } from './continues.ts';
import { IntentClassifier, trainingExamples } from '../retrieve/classifier.ts';
import type { Article } from '../types.ts';

describe('continuesIntent (the odds rule)', () => {
  it('a message whose words hardly say anything continues whatever the joined reading found', () => {
    expect(continuesIntent([0.3, 0.25, 0.25, 0.2], 3)).toBe(true);
  });

  it('a message whose words favour another article by more than 100 to 1 does not', () => {
    expect(continuesIntent([0.95, 0.0094, 0.0406], 1)).toBe(false);
    expect(continuesIntent([0.5, AGAINST_ODDS * 0.5, 0.5 - AGAINST_ODDS * 0.5], 1)).toBe(true);
  });
});

// Twelve CLINC150 intents with their example questions (test/fixtures), the classifier the engine trains.
const articles: Article[] = readFileSync(new URL('../../../test/fixtures/clinc150-12-kb.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const classifier = IntentClassifier.train(trainingExamples(articles), articles.length);
const id = (i: number) => articles[i].id;

/** What the turn asks: the reading of the previous question and the message joined, and whether the message's own words allow it. */
function read(previous: string, text: string) {
  const joined = classifier.classify(`${previous} ${text}`, 1).top[0].index;
  return { joined: id(joined), continues: continuesIntent(classifier.classify(text).probs, joined) };
}

describe('a short message read with the previous question', () => {
  it.each([
    ['how do you say thank you in japanese', 'in korean?', 'translate'],
    ['set a timer for ten minutes', 'make it fifteen', 'timer'],
    ['transfer 200 dollars from checking to savings', 'make it 300', 'transfer'],
  ])('after "%s", "%s" continues it (%s)', (previous, text, intent) => {
    expect(read(previous, text)).toEqual({ joined: intent, continues: true });
  });

  it.each([
    ['transfer 200 dollars from checking to savings', 'timer please'],
    ['set a timer for ten minutes', 'switch to french'],
    ['how do you say thank you in japanese', 'fun fact'],
  ])('after "%s", "%s" is a request of its own', (previous, text) => {
    expect(read(previous, text).continues).toBe(false);
  });
});
