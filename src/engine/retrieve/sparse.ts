// Sparse vectors: parallel index/value arrays, indices unique (not necessarily sorted).

export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

export const EMPTY_VEC: SparseVec = { idx: new Int32Array(0), val: new Float32Array(0) };

export function dot(a: SparseVec, dense: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.idx.length; i++) s += a.val[i] * dense[a.idx[i]];
  return s;
}

/** Builds a SparseVec from a Map (feature index -> weight), L2-normalised. */
export function fromMap(m: Map<number, number>): SparseVec {
  const idx = new Int32Array(m.size);
  const val = new Float32Array(m.size);
  let i = 0;
  let norm = 0;
  for (const [k, v] of m) {
    idx[i] = k;
    val[i] = v;
    norm += v * v;
    i++;
  }
  norm = Math.sqrt(norm) || 1;
  for (let j = 0; j < val.length; j++) val[j] /= norm;
  return { idx, val };
}

/** Cosine of two L2-normalised sparse vectors (uses a scratch dense array sized to the space). */
export function sparseDot(a: SparseVec, b: SparseVec): number {
  const small = a.idx.length < b.idx.length ? a : b;
  const big = small === a ? b : a;
  const m = new Map<number, number>();
  for (let i = 0; i < small.idx.length; i++) m.set(small.idx[i], small.val[i]);
  let s = 0;
  for (let i = 0; i < big.idx.length; i++) {
    const v = m.get(big.idx[i]);
    if (v !== undefined) s += v * big.val[i];
  }
  return s;
}
