import { describe, expect, it } from 'vitest';
import { DEFAULT_RUNS, findProperties } from './property-audit.mjs';

describe('findProperties', () => {
  it('lists tests that call fc.assert with their numRuns (literal, constant or default)', () => {
    const source = [
      "import fc from 'fast-check';", // 1
      'const numRuns = 1_000;', // 2
      "describe('x', () => {", // 3
      "  it('round-trips', () => {", // 4
      '    fc.assert(fc.property(fc.nat(), () => true), { numRuns: 60 });', // 5
      '  });', // 6
      "  it('plain example', () => { expect(1).toBe(1); });", // 7
      "  it('uses the constant', () => {", // 8
      '    fc.assert(fc.property(fc.nat(), () => true), { numRuns });', // 9
      '  });', // 10
      '  test("default runs", async () => {', // 11
      '    await fc.assert(fc.asyncProperty(fc.nat(), async () => true));', // 12
      '  });', // 13
      '});',
    ].join('\n');
    expect(findProperties(source)).toEqual([
      { name: 'round-trips', line: 4, asserts: 1, numRuns: [60] },
      { name: 'uses the constant', line: 8, asserts: 1, numRuns: [1000] },
      { name: 'default runs', line: 11, asserts: 1, numRuns: [DEFAULT_RUNS] },
    ]);
  });

  it('ignores files that do not import fast-check', () => {
    expect(findProperties("it('x', () => { fc.assert(p); });")).toEqual([]);
  });
});
