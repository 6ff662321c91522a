import { describe, expect, it } from 'vitest';
import { summarizeKeys, summarizeValue } from './summarize';

describe('summarizeValue', () => {
  it('renders null and undefined as null', () => {
    expect(summarizeValue(null)).toBeNull();
    expect(summarizeValue(undefined)).toBeNull();
  });

  it('keeps a string up to 160 characters and cuts a longer one with an ellipsis', () => {
    const exact = 'a'.repeat(160);
    expect(summarizeValue(exact)).toBe(exact);
    expect(summarizeValue(`${exact}b`)).toBe(`${exact}…`);
    expect(summarizeValue('')).toBe('');
  });

  it('rounds numbers to four decimals and writes non-finite ones as text', () => {
    expect(summarizeValue(0.123456)).toBe(0.1235);
    expect(summarizeValue(-2.00004)).toBe(-2);
    expect(summarizeValue(7)).toBe(7);
    expect(summarizeValue(Number.NaN)).toBe('NaN');
    expect(summarizeValue(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });

  it('keeps booleans, and writes bigints and dates as JSON-safe strings', () => {
    expect(summarizeValue(false)).toBe(false);
    expect(summarizeValue(true)).toBe(true);
    expect(summarizeValue(12345678901234567890n)).toBe('12345678901234567890');
    expect(summarizeValue(new Date('2026-01-02T03:04:05.000Z'))).toBe('2026-01-02T03:04:05.000Z');
  });

  it('writes an embedding as its dimension, not its numbers', () => {
    expect(summarizeValue(new Float32Array(768))).toBe('vector(768)');
    expect(summarizeValue({ embedding: new Float32Array(3) })).toEqual({ embedding: 'vector(3)' });
  });

  it('keeps up to five items of a list and counts a longer one', () => {
    expect(summarizeValue([1, 2, 3, 4, 5])).toEqual([1, 2, 3, 4, 5]);
    expect(summarizeValue([1, 2, 3, 4, 5, 6])).toEqual({ count: 6, first: [1, 2, 3, 4, 5] });
    expect(summarizeValue([])).toEqual([]);
  });

  it('summarises nested values and stops three levels down', () => {
    const deep = { a: { b: { c: { d: 1 } }, list: [[[1, 2]]] } };
    expect(summarizeValue(deep)).toEqual({ a: { b: { c: '{…}' }, list: ['[1 items]'] } });
    expect(summarizeValue({ x: 1 }, 3)).toBe('{…}');
    expect(summarizeValue([1, 2, 3], 3)).toBe('[3 items]');
    expect(summarizeValue({ x: 1 }, 2)).toEqual({ x: 1 });
  });

  it('names maps and sets by their size', () => {
    expect(summarizeValue(new Map([['a', 1]]))).toBe('Map(1)');
    expect(summarizeValue(new Set([1, 2]))).toBe('Set(2)');
  });

  it('keeps twelve keys of an object, drops functions, and counts the keys left out', () => {
    const twelve = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, i]));
    expect(summarizeValue(twelve)).toEqual(twelve);
    const thirteen = { ...twelve, k12: 12, k13: 13 };
    expect(summarizeValue(thirteen)).toEqual({ ...twelve, '…': '2 more keys' });
    expect(summarizeValue({ name: 'x', run: () => 1 })).toEqual({ name: 'x' });
  });

  it('writes any other value (a symbol) as text', () => {
    expect(summarizeValue(Symbol('s'))).toBe('Symbol(s)');
  });
});

describe('summarizeKeys', () => {
  it('summarises only the named keys of a state, missing ones as null', () => {
    const state = { question: 'q'.repeat(200), hits: [1, 2], secret: 'x' };
    expect(summarizeKeys(state, ['question', 'hits', 'absent'])).toEqual({
      question: `${'q'.repeat(160)}…`,
      hits: [1, 2],
      absent: null,
    });
  });

  it('writes symbol keys by their description', () => {
    const key = Symbol('slot');
    expect(summarizeKeys({ [key]: 3 }, [key])).toEqual({ 'Symbol(slot)': 3 });
  });
});
