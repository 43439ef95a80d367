import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildKnowledge, buildKnowledgeAsync, type KnowledgeModel } from '../knowledge-model.ts';
import { EmbeddedEngine } from '../index.ts';
import { CLASSIFIER_FEATURES } from '../assess/features.ts';
import type { Article, TurnInput } from '../types.ts';
import { cosine, encodeAll, noteMissing } from './encoder.ts';
import { encodeForSignals } from '../understand/signals/index.ts';

const demo: Article[] = readFileSync(new URL('../../../demo/knowledge.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const policy = { confidenceThreshold: null, alwaysHumanIntents: [], alwaysHumanTopics: [] };
const ask = (text: string, history: TurnInput['history'] = []): TurnInput => ({ text, history, policy });
const ENCODER_SIM = CLASSIFIER_FEATURES.indexOf('encoderSim');

describe('the sentence encoder', () => {
  it('encodes to unit length, and notes the texts a step asked for before they were encoded', async () => {
    const text = 'where is the parcel I ordered last week';
    const before = noteMissing(() => cosine(new Float32Array(1), new Float32Array(1)));
    expect(before.missing).toEqual([]);
    const [v] = (await encodeAll([text]))!;
    expect(cosine(v, v)).toBeCloseTo(1, 5);
    const [w] = (await encodeAll(['my package has not arrived yet']))!;
    const [u] = (await encodeAll(['what is the capital of peru']))!;
    // Closer by meaning than an unrelated question, with one word in common.
    expect(cosine(v, w)).toBeGreaterThan(cosine(v, u) + 0.1);
  }, 30_000);
});

// Small knowledge has its example questions encoded at build, and the classifier's P(in scope)
// reads how close a message is to the top article's examples by meaning (`encoderSim`).
describe("the encoder in the classifier's confidence (small knowledge)", () => {
  let plain: KnowledgeModel;
  let encoded: KnowledgeModel;
  beforeAll(async () => {
    plain = buildKnowledge(demo);
    encoded = await buildKnowledgeAsync(demo);
  }, 60_000);

  it('is read by the calibrator of an encoded build only', () => {
    const scope = (km: KnowledgeModel) => km.classifierCalibration!.model.parts[0];
    expect(plain.encodedExamples).toBeNull();
    expect(scope(plain).features).not.toContain(ENCODER_SIM);
    expect(encoded.encodedExamples).not.toBeNull();
    const at = scope(encoded).features.indexOf(ENCODER_SIM);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(scope(encoded).model.weights[at]).toBeGreaterThan(0);
  });

  it('answers a paraphrase that shares few words with the examples', async () => {
    // ("how many days do i have to send something back" was this test's question until the demo's
    // examples grew: the words alone answer it now.)
    const text = 'do you send orders to other countries and how long does it take';
    const without = await new EmbeddedEngine(plain).decide(ask(text));
    const withEncoder = await new EmbeddedEngine(encoded).decide(ask(text));
    expect(without.action).toBe('handoff');
    expect(withEncoder).toMatchObject({ action: 'answer', intent: { id: 'shipping-times' } });
  }, 30_000);

  it('encodes what the classifier read of a follow-up and takes the turn again', async () => {
    const engine = new EmbeddedEngine(encoded);
    const history = [
      { role: 'customer' as const, text: 'can I pay with paypal?' },
      { role: 'bot' as const, text: 'Yes, we take PayPal.' },
    ];
    const input = ask('and klarna?', history);
    // The signal detector's readings are encoded first; the classifier reads the follow-up joined
    // to the question before it, a text only the turn knows.
    await encodeForSignals([input.text]);
    expect(noteMissing(() => engine.turnSync(input)).missing).toEqual(['can I pay with paypal? and klarna?']);
    const decided = await engine.decide(input);
    const again = noteMissing(() => engine.turnSync(input));
    expect(again.missing).toEqual([]);
    expect(decided).toEqual(again.value);
  }, 30_000);
});
