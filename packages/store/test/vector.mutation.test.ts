/**
 * Tests written from mutants that survived mutation testing (docs/QUALITY.md): each pins a
 * behaviour of the vector helpers that the other tests let change unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { cosineSimilarity, parseVector, toVectorLiteral } from '../src/vector';

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
