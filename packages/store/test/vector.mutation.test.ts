/**
 * Tests written from mutants that survived mutation testing (docs/QUALITY.md): each pins a
 * behaviour of the vector helpers that the other tests let change unnoticed.
 */
import { describe, expect, it } from 'vitest';
import {
  binaryVectorSize,
  cosineSimilarity,
  parseVector,
  toVectorLiteral,
  writeBinaryVector,
} from '../src/vector';

describe('vector helpers (from surviving mutants)', () => {
  it('parses pgvector text with surrounding whitespace, as psql and COPY output may carry', () => {
    expect(Array.from(parseVector('  [1,2.5,-3]\n'))).toEqual([1, 2.5, -3]);
    expect(Array.from(parseVector(' [] '))).toEqual([]);
  });

  it('gives similarity 0, not NaN, when either vector is all zeros', () => {
    expect(cosineSimilarity([0, 0, 0], [1, 2, 3])).toBe(0);
    expect(cosineSimilarity([1, 2, 3], [0, 0, 0])).toBe(0);
  });

  it('normalises by the product of both lengths', () => {
    expect(cosineSimilarity([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(cosineSimilarity([3, 0], [0, 5])).toBe(0);
    // different lengths, same direction: 1, whatever the scale of either side
    expect(cosineSimilarity([2, 4], [10, 20])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 2], [-1, -2])).toBeCloseTo(-1, 12);
  });

  it('refuses non-finite components, naming the component', () => {
    expect(() => toVectorLiteral([1, Number.NaN], '$.embedding')).toThrow(
      /\$\.embedding: vector component 1/,
    );
  });
});

describe('pgvector binary form (from mutants without unit coverage)', () => {
  it('sizes a vector as a 4-byte header and 4 bytes per dimension', () => {
    expect(binaryVectorSize(0)).toBe(4);
    expect(binaryVectorSize(3)).toBe(16);
    expect(binaryVectorSize(384)).toBe(1540);
  });

  it('writes dims, a zero unused field and big-endian float4s at the offset, touching nothing else', () => {
    const prefix = 4;
    const view = new DataView(new ArrayBuffer(prefix + binaryVectorSize(3) + binaryVectorSize(2)));
    new Uint8Array(view.buffer).fill(0xab);

    const next = writeBinaryVector(view, prefix, [1, -2.5, 0.1]);
    expect(next).toBe(prefix + 16);
    expect(writeBinaryVector(view, next, Float32Array.of(3, 4))).toBe(view.byteLength);

    expect(Array.from(new Uint8Array(view.buffer, 0, prefix))).toEqual([0xab, 0xab, 0xab, 0xab]);
    expect(view.getInt16(prefix)).toBe(3);
    expect(view.getInt16(prefix + 2)).toBe(0);
    expect([0, 1, 2].map((i) => view.getFloat32(prefix + 4 + 4 * i))).toEqual([1, -2.5, Math.fround(0.1)]);
    expect(view.getInt16(next)).toBe(2);
    expect(view.getInt16(next + 2)).toBe(0);
    expect([view.getFloat32(next + 4), view.getFloat32(next + 8)]).toEqual([3, 4]);
  });
});
