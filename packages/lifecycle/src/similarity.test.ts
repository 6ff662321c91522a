import { describe, expect, it } from 'vitest';
import { compareEntities, decide, assertThresholds, type EntityProfile } from './similarity';

const profile = (p: Partial<EntityProfile> & { name: string }): EntityProfile => ({
  type: 'Person',
  aliases: [],
  attributes: {},
  ...p,
});

describe('compareEntities', () => {
  it('auto-merges the same name with agreeing attributes and a close vector', () => {
    const a = profile({ name: 'Marie Curie', attributes: { born: 1867, field: 'physics' } });
    const b = profile({ name: 'marie  CURIE', attributes: { born: 1867 } });
    const c = compareEntities(a, b, 0.95);
    expect(c.nameMatch).toBe('name');
    expect(c.score).toBeGreaterThanOrEqual(0.9);
    expect(decide(c)).toBe('merge');
  });

  it('sends a name-only match to review and an alias match with no other evidence too', () => {
    expect(
      decide(compareEntities(profile({ name: 'Paris' }), profile({ name: 'Paris' }), 0.5)).valueOf(),
    ).toBe('review');
    const alias = compareEntities(
      profile({ name: 'Madame Curie' }),
      profile({ name: 'Marie Curie', aliases: ['Madame Curie'] }),
    );
    expect(alias.nameMatch).toBe('alias');
    expect(decide(alias)).toBe('review');
  });

  it('never merges homonyms: same name with another type, or conflicting single values', () => {
    const city = profile({ name: 'Paris', type: 'City' });
    const person = profile({ name: 'Paris', type: 'Person' });
    const t = compareEntities(city, person, 0.99);
    expect(t.homonym).toBe(true);
    expect(decide(t)).toBe('separate');
    const a = profile({ name: 'John Smith', attributes: { born: 1950 } });
    const b = profile({ name: 'John Smith', attributes: { born: 1982 } });
    const c = compareEntities(a, b, 0.99);
    expect(c.conflicts).toEqual(['born']);
    expect(decide(c)).toBe('separate');
  });

  it('treats multi-valued attributes as sets: partial overlap is shared, no overlap is not a conflict', () => {
    const a = profile({ name: 'X', attributes: { tags: ['a', 'b'] } });
    const b = profile({ name: 'X', attributes: { tags: ['c'] } });
    expect(compareEntities(a, b).conflicts).toEqual([]);
    const d = profile({ name: 'X', attributes: { tags: ['b', 'z'] } });
    expect(compareEntities(a, d).sharedAttributes).toEqual(['tags']);
  });

  it('keeps unrelated names separate and ignores a NaN cosine', () => {
    const c = compareEntities(profile({ name: 'Iron' }), profile({ name: 'Gold' }), Number.NaN);
    expect(c.cosine).toBeNull();
    expect(decide(c)).toBe('separate');
  });

  it('validates thresholds', () => {
    expect(() => assertThresholds({ autoMerge: 0.5, review: 0.8 })).toThrow(RangeError);
    expect(assertThresholds({ autoMerge: 0.9, review: 0.6 })).toEqual({ autoMerge: 0.9, review: 0.6 });
  });
});

describe('name-only evidence', () => {
  it('is never enough to merge automatically', () => {
    const c = compareEntities(
      profile({ name: 'Springfield', type: 'City' }),
      profile({ name: 'Springfield', type: 'City' }),
    );
    expect(decide(c)).toBe('review');
  });
});
