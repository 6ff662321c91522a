import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '@rustygpt/core';
import { cosineSimilarity, parseVector, toVectorLiteral } from './vector';

const float32 = fc.float({ noNaN: true, noDefaultInfinity: true });

describe('vector serialisation', () => {
  it('writes pgvector text that reads back to the same float32 values (property)', () => {
    fc.assert(
      fc.property(fc.array(float32, { minLength: 1, maxLength: 64 }), (values) => {
        const v = Float32Array.from(values);
        const back = parseVector(toVectorLiteral(v));
        expect(Array.from(back).map((x) => (Object.is(x, -0) ? 0 : x))).toEqual(
          Array.from(v).map((x) => (Object.is(x, -0) ? 0 : x)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('formats compactly and rejects non-finite components naming where', () => {
    expect(toVectorLiteral([1, 0.5, -2])).toBe('[1,0.5,-2]');
    expect(parseVector('[]')).toEqual(new Float32Array(0));
    expect(() => toVectorLiteral([1, Number.NaN], '$.v')).toThrow(ValidationError);
    expect(() => toVectorLiteral([Infinity], '$.v')).toThrow(/\$\.v: vector component 0/);
  });

  it('computes cosine similarity', () => {
    expect(cosineSimilarity([1, 0], [1, 0])).toBeCloseTo(1);
    expect(cosineSimilarity([1, 0], [0, 1])).toBeCloseTo(0);
    expect(cosineSimilarity([1, 0], [-1, 0])).toBeCloseTo(-1);
    expect(cosineSimilarity([0, 0], [1, 0])).toBe(0);
  });
});
