import { describe, expect, it } from 'vitest';
import { stem } from './stem';

describe('stem', () => {
  it('brings inflections and derived agent nouns to one stem', () => {
    const same = (words: string[]): void => expect(new Set(words.map(stem)).size).toBe(1);
    same(['discovered', 'discoverer', 'discovers', 'discovery', 'discover']);
    same(['named', 'name', 'names', 'naming']);
    same(['gas', 'gases']);
    same(['category', 'categories']);
    same(['boiling', 'boil', 'boils']);
  });

  it('leaves short words and numbers alone', () => {
    expect(stem('is')).toBe('is');
    expect(stem('1766')).toBe('1766');
  });
});
