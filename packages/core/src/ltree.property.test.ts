import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assertLtreePath, isLtreePath, toLtreeLabel } from './ltree';
import { ValidationError } from './errors';

/** Runs per property: each check is a regex over short strings, so 1,000 runs cost milliseconds. */
const numRuns = 1_000;

const labelChar = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'.split(''),
);
/** A valid ltree label: 1..40 chars of letters, digits, underscore. */
const label = fc.string({ unit: labelChar, minLength: 1, maxLength: 40 });
/** Any text, including astral-plane code points, lone surrogates and combining marks. */
const anyText = fc.string({ unit: 'binary', maxLength: 60 });

describe('ltree paths (properties)', () => {
  it('accepts every dot-join of valid labels and returns it unchanged', () => {
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 8 }), (labels) => {
        const path = labels.join('.');
        expect(assertLtreePath(path)).toBe(path);
        expect(isLtreePath(path)).toBe(true);
      }),
      { numRuns },
    );
  });

  it('rejects any path with an empty label (leading, trailing or doubled dot), naming where', () => {
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 5 }),
        fc.nat(),
        fc.constantFrom('lead', 'trail', 'double'),
        (labels, at, where) => {
          const i = at % labels.length;
          const broken =
            where === 'lead'
              ? `.${labels.join('.')}`
              : where === 'trail'
                ? `${labels.join('.')}.`
                : [...labels.slice(0, i + 1), '', ...labels.slice(i + 1)].join('.');
          expect(isLtreePath(broken)).toBe(false);
          try {
            assertLtreePath(broken, '$.path');
            expect.unreachable('an empty label must be rejected');
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationError);
            expect((error as ValidationError).code).toBe('BAD_USER_INPUT');
            expect((error as ValidationError).path).toBe('$.path');
          }
        },
      ),
      { numRuns },
    );
  });

  it('rejects any label holding a character outside letters, digits and underscore', () => {
    const bad = anyText.filter((s) => /[^A-Za-z0-9_.]/.test(s));
    fc.assert(
      fc.property(label, bad, (ok, junk) => {
        expect(isLtreePath(`${ok}.${junk}`)).toBe(false);
      }),
      { numRuns },
    );
  });

  it('rejects labels longer than 256 characters and accepts 256', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), labelChar, (length, c) => {
        expect(isLtreePath(c.repeat(length))).toBe(length <= 256);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects the empty path and non-string input (untyped JSON) with a ValidationError, not a TypeError', () => {
    expect(() => assertLtreePath('', '$.path')).toThrow(/\$\.path: ltree path must be a non-empty string/);
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.constant(null), fc.constant(undefined), fc.object()), (value) => {
        expect(() => assertLtreePath(value as unknown as string)).toThrow(ValidationError);
        expect(isLtreePath(value as unknown as string)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('isLtreePath agrees with assertLtreePath on arbitrary text', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        let threw = false;
        try {
          assertLtreePath(s);
        } catch {
          threw = true;
        }
        expect(isLtreePath(s)).toBe(!threw);
      }),
      { numRuns },
    );
  });
});

describe('toLtreeLabel (properties)', () => {
  it('always yields one valid label (never a path with dots) for any text', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const out = toLtreeLabel(s);
        expect(isLtreePath(out)).toBe(true);
        expect(out).not.toContain('.');
      }),
      { numRuns },
    );
  });

  it('is idempotent, so re-normalising a stored label never changes it', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const once = toLtreeLabel(s);
        expect(toLtreeLabel(once)).toBe(once);
      }),
      { numRuns },
    );
  });

  it('truncates any long text to a label of at most 256 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: labelChar, minLength: 257, maxLength: 600 }), (long) => {
        const out = toLtreeLabel(`a${long}`);
        expect(out.length).toBeLessThanOrEqual(256);
        expect(isLtreePath(out)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('folds accented Latin letters to their base letter instead of dropping them', () => {
    const accent = fc.constantFrom('\u0300', '\u0301', '\u0302', '\u0303', '\u0308', '\u0327');
    const word = fc.string({ unit: fc.constantFrom(...'abcdeoxyz'.split('')), minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(word, fc.nat(), accent, (w, at, mark) => {
        const i = (at % w.length) + 1;
        const accented = `${w.slice(0, i)}${mark}${w.slice(i)}`.normalize('NFC');
        expect(toLtreeLabel(accented)).toBe(w);
      }),
      { numRuns },
    );
    expect(toLtreeLabel('Côte d’Ivoire')).toBe('Cote_d_Ivoire');
  });

  it('keeps a label that is already clean (no leading or trailing underscore)', () => {
    const clean = label.filter((l) => !l.startsWith('_') && !l.endsWith('_') && !/__/.test(l));
    fc.assert(
      fc.property(clean, (l) => {
        expect(toLtreeLabel(l)).toBe(l);
      }),
      { numRuns },
    );
  });

  it('maps words separated by any run of spaces or punctuation to underscores', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcxyz019'.split('')), minLength: 1, maxLength: 8 });
    const sep = fc.string({
      unit: fc.constantFrom(' ', '-', '/', ',', '.', '\t'),
      minLength: 1,
      maxLength: 3,
    });
    fc.assert(
      fc.property(word, sep, word, (a, s, b) => {
        expect(toLtreeLabel(`${a}${s}${b}`)).toBe(`${a}_${b}`);
      }),
      { numRuns },
    );
  });
});
