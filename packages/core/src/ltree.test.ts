import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assertLtreePath, isLtreePath, toLtreeLabel } from './ltree';
import { ValidationError } from './errors';

describe('ltree paths', () => {
  it('accepts dotted labels of letters, digits and underscore', () => {
    expect(assertLtreePath('geo.borders_2')).toBe('geo.borders_2');
  });
  it('rejects empty labels and punctuation, naming where', () => {
    expect(() => assertLtreePath('geo..x', '$.relationships[0].path')).toThrow(ValidationError);
    expect(() => assertLtreePath('geo.bor-ders', '$.p')).toThrow(/\$\.p: invalid ltree label "bor-ders"/);
    expect(isLtreePath('')).toBe(false);
  });
  it('toLtreeLabel always yields a valid label (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => isLtreePath(toLtreeLabel(s))),
      { numRuns: 500 },
    );
  });
});
