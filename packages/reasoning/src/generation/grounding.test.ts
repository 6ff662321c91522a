import { describe, expect, it } from 'vitest';
import { ungroundedTerms } from './grounding';

describe('ungroundedTerms', () => {
  const facts = ['Hydrogen discovered by Henry Cavendish', 'Hydrogen atomic mass: 1.008'];

  it('accepts a rephrasing that only reuses the facts', () => {
    expect(
      ungroundedTerms('Hydrogen was discovered by Henry Cavendish. Its atomic mass is 1.008.', facts),
    ).toEqual([]);
  });

  it('names every number or name the facts do not contain', () => {
    expect(
      ungroundedTerms('Hydrogen was discovered by Henry Cavendish in 1766 with Joseph Priestley.', facts),
    ).toEqual(['1766', 'Joseph', 'Priestley']);
  });
});
