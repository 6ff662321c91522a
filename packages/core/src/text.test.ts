import { describe, expect, it } from 'vitest';
import { normalizeText, tokenize } from './text';

describe('normalizeText', () => {
  it('folds case, accents and punctuation', () => {
    expect(normalizeText('  Ångström-Unit, Café! ')).toBe('angstrom unit cafe');
  });
  it('tokenizes into words', () => {
    expect(tokenize("What's the capital of Côte d'Ivoire?")).toEqual([
      'what',
      's',
      'the',
      'capital',
      'of',
      'cote',
      'd',
      'ivoire',
    ]);
    expect(tokenize('   ')).toEqual([]);
  });
});
