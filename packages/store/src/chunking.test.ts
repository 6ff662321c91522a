import { describe, expect, it } from 'vitest';
import { chunkText } from './chunking';

describe('chunkText', () => {
  it('keeps short text whole and squeezes whitespace', () => {
    expect(chunkText('  One  two.\nThree. ')).toEqual(['One two. Three.']);
    expect(chunkText('')).toEqual([]);
  });

  it('packs paragraphs up to the limit and splits long ones at sentences', () => {
    const text = `${'a'.repeat(30)}.\n\n${'b'.repeat(30)}.\n\n${'c'.repeat(30)}. ${'d'.repeat(30)}.`;
    const chunks = chunkText(text, 70);
    expect(chunks).toEqual([
      `${'a'.repeat(30)}. ${'b'.repeat(30)}.`,
      `${'c'.repeat(30)}. ${'d'.repeat(30)}.`,
    ]);
    expect(chunkText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('never loses words', () => {
    const words = Array.from({ length: 500 }, (_, i) => `w${i}${i % 17 === 0 ? '.' : ''}`);
    const chunks = chunkText(words.join(' '), 120);
    expect(chunks.every((c) => c.length <= 120)).toBe(true);
    expect(chunks.join(' ').split(' ')).toEqual(words);
  });
});
