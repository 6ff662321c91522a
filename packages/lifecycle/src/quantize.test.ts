import { describe, expect, it } from 'vitest';
import { dequantize, quantize } from './quantize';

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0,
    na = 0,
    nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    d += (a[i] ?? 0) * (b[i] ?? 0);
    na += (a[i] ?? 0) ** 2;
    nb += (b[i] ?? 0) ** 2;
  }
  return d / Math.sqrt(na * nb);
}

describe('quantize', () => {
  it('round-trips a vector in a quarter of the bytes with cosine > 0.999', () => {
    let s = 7;
    const v = Float32Array.from({ length: 384 }, () => ((s = (s * 48271) % 2147483647) / 2147483647) * 2 - 1);
    const q = quantize(v);
    expect(q.bytes.byteLength).toBe(v.byteLength / 4);
    expect(cosine(v, dequantize(q))).toBeGreaterThan(0.999);
  });

  it('keeps a zero vector zero', () => {
    expect([...dequantize(quantize([0, 0, 0]))]).toEqual([0, 0, 0]);
  });
});
