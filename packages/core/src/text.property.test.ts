import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeText, tokenize } from './text';

/** Runs per property: normalisation of short strings is cheap, so 1,000 runs cost milliseconds. */
const numRuns = 1_000;

/** Any text, including astral-plane code points, lone surrogates and combining marks. */
const anyText = fc.string({ unit: 'binary', maxLength: 60 });
/** Printable text a user might type (graphemes, so accents and emoji arrive whole). */
const userText = fc.string({ unit: 'grapheme', maxLength: 40 });
const asciiWord = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('')),
  minLength: 1,
  maxLength: 10,
});
const punctuation = fc.string({
  unit: fc.constantFrom(' ', '\t', '\n', '-', ',', '.', '!', '?', "'", '"', '(', ')', '/', ':', ';', '_'),
  minLength: 1,
  maxLength: 4,
});

describe('normalizeText (properties)', () => {
  it('is idempotent, so the store can normalise already-normalised aliases safely', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, userText), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
      { numRuns },
    );
  });

  it('yields single-spaced, trimmed, lower-case text without combining accents', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, userText), (s) => {
        const out = normalizeText(s);
        expect(out).toBe(out.trim());
        expect(out).not.toMatch(/\s\s/);
        expect(out).not.toMatch(/[\u0300-\u036f]/);
        expect(out).toBe(out.toLowerCase());
        expect(out).toMatch(/^[\p{L}\p{N} ]*$/u);
      }),
      { numRuns },
    );
  });

  it('ignores ASCII case', () => {
    fc.assert(
      fc.property(fc.array(asciiWord, { minLength: 1, maxLength: 5 }), (words) => {
        const s = words.join(' ');
        expect(normalizeText(s.toUpperCase())).toBe(normalizeText(s.toLowerCase()));
      }),
      { numRuns },
    );
  });

  it('ignores combining accents on Latin letters (Cafe + U+0301 matches Cafe)', () => {
    const accent = fc.constantFrom('\u0300', '\u0301', '\u0302', '\u0303', '\u0308', '\u030a', '\u0327');
    fc.assert(
      fc.property(asciiWord, fc.nat(), accent, (word, at, mark) => {
        const i = (at % word.length) + 1;
        const accented = `${word.slice(0, i)}${mark}${word.slice(i)}`;
        expect(normalizeText(accented)).toBe(normalizeText(word));
        // the precomposed form (NFC) matches too
        expect(normalizeText(accented.normalize('NFC'))).toBe(normalizeText(word));
      }),
      { numRuns },
    );
  });

  it('treats any run of punctuation and whitespace between words as one space', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(asciiWord, punctuation), { minLength: 1, maxLength: 5 }), (pairs) => {
        const words = pairs.map(([w]) => w.toLowerCase());
        const joined = pairs.map(([w, p]) => `${w}${p}`).join('');
        expect(normalizeText(`${joined}`)).toBe(words.join(' '));
      }),
      { numRuns },
    );
  });
});

describe('tokenize (properties)', () => {
  it('returns the words of normalizeText: no empty tokens, joining them gives the normal form', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, userText), (s) => {
        const tokens = tokenize(s);
        expect(tokens.every((t) => t.length > 0 && !t.includes(' '))).toBe(true);
        expect(tokens.join(' ')).toBe(normalizeText(s));
      }),
      { numRuns },
    );
  });

  it('is stable: tokenising the joined tokens gives the same tokens', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, userText), (s) => {
        const tokens = tokenize(s);
        expect(tokenize(tokens.join(' '))).toEqual(tokens);
      }),
      { numRuns },
    );
  });
});
