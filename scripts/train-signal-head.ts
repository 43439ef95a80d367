// Trains the encoder head of the signal detector (src/engine/understand/signals/encoder-head.ts)
// on the examples of examples.ts and writes encoder-head.json. Run after changing the examples:
//   npx tsx scripts/train-signal-head.ts
// Deterministic: the encoder is, and SGD runs at fixed seeds.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SoftmaxModel } from '../src/engine/retrieve/softmax.ts';
import { encodeAll, encoderError } from '../src/engine/encoder/encoder.ts';
import { asInput, ENCODER_NAME, examplesDigest, HEAD_FILE, type EncoderHeadFile } from '../src/engine/understand/signals/encoder-head.ts';
import { labelledExamples, SIGNAL_CLASSES } from '../src/engine/understand/signals/examples.ts';
import { HEAD_SEEDS, HEAD_TRAINING } from '../src/engine/understand/signals/model.ts';

const { texts, labels } = labelledExamples();
const started = Date.now();
const encoded = await encodeAll(texts);
if (!encoded) throw new Error(`could not load the encoder: ${encoderError() ?? 'unknown error'}`);
const xs = encoded.map(asInput);
const dims = xs[0].idx.length;
const head = SoftmaxModel.average(
  HEAD_SEEDS.map((seed) => SoftmaxModel.train(xs, labels, dims, SIGNAL_CLASSES.length, { ...HEAD_TRAINING, seed })),
);
const round = (x: number) => Number(x.toFixed(5));
const file: EncoderHeadFile = {
  encoder: ENCODER_NAME,
  examples: examplesDigest(),
  classes: [...SIGNAL_CLASSES],
  weights: Array.from(head.weights, round),
  bias: Array.from(head.bias, round),
};
writeFileSync(HEAD_FILE, JSON.stringify(file) + '\n');
console.log(`${texts.length} examples encoded and trained in ${((Date.now() - started) / 1000).toFixed(1)} s: ${fileURLToPath(HEAD_FILE)}`);
