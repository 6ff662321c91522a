import { ValidationError } from '@rustygpt/core';

/**
 * pgvector's text form `[1,2.5,-3]`. Each float32 is printed with the shortest decimal that reads
 * back to the same float32, so write-then-read is exact.
 */
export function toVectorLiteral(vector: ArrayLike<number>, where?: string): string {
  const parts = new Array<string>(vector.length);
  for (let i = 0; i < vector.length; i++) {
    const x = vector[i] as number;
    if (!Number.isFinite(x)) throw new ValidationError(`vector component ${i} is not a finite number`, where);
    parts[i] = String(Math.fround(x));
  }
  return `[${parts.join(',')}]`;
}

/** Parses pgvector's text form back into a Float32Array. */
export function parseVector(text: string): Float32Array {
  const inner = text.trim().replace(/^\[/, '').replace(/\]$/, '');
  if (inner === '') return new Float32Array(0);
  const parts = inner.split(',');
  const out = new Float32Array(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = Number(parts[i]);
  return out;
}

/** Size in bytes of one vector in pgvector's binary wire format (int16 dims, int16 unused, float4s). */
export function binaryVectorSize(dims: number): number {
  return 4 + 4 * dims;
}

/** Writes pgvector's binary form (as `vector_recv` reads it) into `view` at `offset`; returns the new offset. */
export function writeBinaryVector(view: DataView, offset: number, vector: ArrayLike<number>): number {
  view.setInt16(offset, vector.length);
  view.setInt16(offset + 2, 0);
  let o = offset + 4;
  for (let i = 0; i < vector.length; i++) {
    view.setFloat32(o, vector[i] as number);
    o += 4;
  }
  return o;
}

/** Cosine similarity of two equal-length vectors (exact-scan reference for recall checks). */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
