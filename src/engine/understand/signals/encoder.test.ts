import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeForSignals, findSignal } from './index.ts';
import { examplesDigest, HEAD_FILE, type EncoderHeadFile } from './encoder-head.ts';
import { scoreSignals, SIGNAL_THRESHOLDS, URGENT_SEEN } from './model.ts';

// The sentence encoder beside the n-grams (encoder.ts, encoder-head.ts): it reads a statement by
// its meaning once the message was encoded, and an urgent reading of the n-grams stands.
describe('the signal detector with its sentence encoder', () => {
  it('ships a head trained on the current examples (npx tsx scripts/train-signal-head.ts after changing them)', () => {
    const head = JSON.parse(readFileSync(HEAD_FILE, 'utf8')) as EncoderHeadFile;
    expect(head.examples).toBe(examplesDigest());
  });

  it('reads a statement of danger that shares no n-gram with the examples, once encoded', async () => {
    const text = 'the man i live with has a temper that worries me';
    expect(findSignal(text)).toBeNull();
    await encodeForSignals([text]);
    expect(findSignal(text)?.kind).toBe('danger');
  }, 30_000);

  it('keeps an urgent reading of the n-grams that the encoder does not share', async () => {
    const text = 'i dread going home to him';
    await encodeForSignals([text]);
    expect(scoreSignals(text, 'ngrams').probs.danger).toBeGreaterThanOrEqual(SIGNAL_THRESHOLDS.danger);
    expect(scoreSignals(text).probs.danger).toBeLessThan(SIGNAL_THRESHOLDS.danger);
    expect(findSignal(text)?.kind).toBe('danger');
  }, 30_000);

  it('lets the encoder overrule an urgent reading of an ordinary shop question it is sure of', async () => {
    for (const text of ['when will I get my money back', 'typo in my address']) {
      // The n-grams alone read danger (one example owns "money back")...
      expect(scoreSignals(text, 'ngrams').top).toBe('danger');
      await encodeForSignals([text]);
      // ...the short English line is encoded, and the encoder is sure it is an ordinary question.
      expect(findSignal(text)).toBeNull();
    }
  }, 30_000);

  it('reads harm the encoder is sure of where the n-grams lean towards it and read nothing', async () => {
    const text = 'ive been hiding away my meds for weeks now';
    expect(findSignal(text)).toBeNull();
    await encodeForSignals([text]);
    // Neither the n-grams nor the two mixed read a signal...
    expect(scoreSignals(text).top === 'self_harm' && scoreSignals(text).prob >= SIGNAL_THRESHOLDS.self_harm).toBe(false);
    // ...the encoder is sure of harm, and the n-grams see some.
    expect(findSignal(text)?.kind).toBe('self_harm');
  }, 30_000);

  it('does not let the encoder raise harm from a line of two words', async () => {
    const text = 'peace out';
    await encodeForSignals([text]);
    const n = scoreSignals(text, 'ngrams').probs;
    expect(n.self_harm + n.danger + n.fraud).toBeGreaterThanOrEqual(URGENT_SEEN);
    expect(findSignal(text)).toBeNull();
  }, 30_000);

  it('reads a language other than English by its n-grams alone', async () => {
    const text = 'je voudrais parler à quelqu’un de votre équipe';
    const before = scoreSignals(text);
    await encodeForSignals([text]);
    expect(scoreSignals(text)).toEqual(before);
  }, 30_000);
});
