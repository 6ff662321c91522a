import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chunkText } from './chunker';

const words = (n: number, sentence = 10): string =>
  Array.from({ length: n }, (_, i) => `w${i}${(i + 1) % sentence === 0 ? '.' : ''}`).join(' ');

describe('chunkText', () => {
  it('returns one chunk for short text and none for blank text', () => {
    expect(chunkText('  Paris is the capital of France.  ')).toEqual([
      { index: 0, text: 'Paris is the capital of France.', start: 2, end: 33 },
    ]);
    expect(chunkText('   \n ')).toEqual([]);
  });

  it('overlaps consecutive chunks and prefers sentence ends', () => {
    const text = words(100);
    const chunks = chunkText(text, { maxTokens: 25, overlap: 5 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks.slice(0, -1)) expect(c.text.endsWith('.')).toBe(true);
    for (let i = 1; i < chunks.length; i++) {
      const prev = chunks[i - 1]!.text.split(' ');
      const cur = chunks[i]!.text.split(' ');
      expect(cur.slice(0, 5)).toEqual(prev.slice(-5));
    }
  });

  it('covers every word, keeps chunks within maxTokens and offsets exact (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,6}[.!?]?$/), { maxLength: 300 }),
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 0, max: 59 }),
        (ws, maxTokens, rawOverlap) => {
          const overlap = rawOverlap % maxTokens;
          const text = ws.join('  ');
          const chunks = chunkText(text, { maxTokens, overlap });
          const seen = new Set<number>();
          for (const c of chunks) {
            expect(text.slice(c.start, c.end)).toBe(c.text);
            expect(c.text.split(/\s+/).length).toBeLessThanOrEqual(maxTokens);
            for (const m of text.matchAll(/\S+/g))
              if (m.index >= c.start && m.index < c.end) seen.add(m.index);
          }
          expect(seen.size).toBe(ws.length);
        },
      ),
    );
  });
});
