/**
 * int8 quantisation of archived vectors: a quarter of float32's size, accurate enough to put an
 * entity back into the index on reactivation (cosine to the original > 0.999 for real embeddings).
 */

/** A quantised vector: `scale * q[i] ~= v[i]`. */
export interface QuantizedVector {
  scale: number;
  bytes: Uint8Array;
}

/** Quantises a vector to int8 with one scale (max |v| / 127). */
export function quantize(vector: ArrayLike<number>): QuantizedVector {
  let max = 0;
  for (let i = 0; i < vector.length; i += 1) max = Math.max(max, Math.abs(vector[i] ?? 0));
  const scale = max / 127;
  const q = new Int8Array(vector.length);
  if (scale > 0) for (let i = 0; i < vector.length; i += 1) q[i] = Math.round((vector[i] ?? 0) / scale);
  return { scale, bytes: new Uint8Array(q.buffer) };
}

/** Restores a float vector from its quantised form. */
export function dequantize(q: QuantizedVector): Float32Array {
  const ints = new Int8Array(q.bytes.buffer, q.bytes.byteOffset, q.bytes.byteLength);
  const out = new Float32Array(ints.length);
  for (let i = 0; i < ints.length; i += 1) out[i] = (ints[i] ?? 0) * q.scale;
  return out;
}
