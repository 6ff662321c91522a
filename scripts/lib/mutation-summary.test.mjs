import { describe, expect, it } from 'vitest';
import { isBaseline, packageOf, score, summarise } from './mutation-summary.mjs';

/**
 * A report builder: `report('run', 10, { 'packages/store/src/a.ts': ['Killed', 'Survived'] })`; the
 * i-th status is the mutant on line i + 1 (or `[line, status]` to place it).
 */
const report = (name, mtimeMs, files) => ({
  name,
  mtimeMs,
  json: {
    files: Object.fromEntries(
      Object.entries(files).map(([path, statuses]) => [
        path,
        {
          mutants: statuses.map((s, i) => {
            const [line, status] = Array.isArray(s) ? s : [i + 1, s];
            const at = { line, column: 1 };
            return { status, mutatorName: 'X', replacement: 'y', location: { start: at, end: at } };
          }),
        },
      ]),
    ),
  },
});

describe('mutation summary', () => {
  it('names the package of a source path', () => {
    expect(packageOf('packages/store/src/vector.ts')).toBe('store');
    expect(packageOf('/abs/apps/api/src/app.ts')).toBe('api');
    expect(packageOf('scripts/x.mjs')).toBe('other');
  });

  it('tells baseline runs by their name', () => {
    expect(isBaseline('mutation-store-ks-base-rows')).toBe(true);
    expect(isBaseline('mutation-nodes-rsn-baseline')).toBe(true);
    expect(isBaseline('mutation-store-database')).toBe(false);
    expect(isBaseline('mutation-store-vec-bm25')).toBe(false);
  });

  it('scores detected (killed and timed out) over killed, timed out, survived and uncovered', () => {
    expect(score({ killed: 6, timeout: 2, survived: 1, noCoverage: 1 })).toBe(80);
    expect(score({ killed: 0, timeout: 0, survived: 0, noCoverage: 0 })).toBeNull();
  });

  it('takes each mutant from the newest report that tested it, and sums files per package', () => {
    const { files, packages } = summarise([
      report('new', 20, { 'packages/store/src/a.ts': ['Killed', 'Killed', 'Survived', 'Ignored'] }),
      report('old', 10, {
        'packages/store/src/a.ts': ['Survived', 'Survived', 'Survived'],
        'packages/store/src/b.ts': ['Timeout', 'NoCoverage', 'CompileError'],
        'packages/reasoning/src/c.ts': ['Killed'],
      }),
    ]);
    expect(files.map((f) => [f.file, f.report, f.killed, f.survived, f.ignored])).toEqual([
      ['packages/reasoning/src/c.ts', 'old', 1, 0, 0],
      ['packages/store/src/a.ts', 'new', 2, 1, 1],
      ['packages/store/src/b.ts', 'old', 0, 0, 0],
    ]);
    expect(packages).toEqual([
      { pkg: 'reasoning', files: 1, detected: 1, valid: 1, score: 100 },
      { pkg: 'store', files: 2, detected: 3, valid: 5, score: 60 },
    ]);
  });

  it('adds up runs over line ranges of one file and a later re-check of some of its lines', () => {
    const { files } = summarise([
      report('part1', 10, {
        'packages/store/src/k.ts': [
          [1, 'Killed'],
          [2, 'Survived'],
        ],
      }),
      report('part2', 11, {
        'packages/store/src/k.ts': [
          [3, 'Survived'],
          [4, 'NoCoverage'],
        ],
      }),
      report('recheck', 12, { 'packages/store/src/k.ts': [[3, 'Killed']] }),
    ]);
    expect(files).toEqual([
      expect.objectContaining({
        file: 'packages/store/src/k.ts',
        report: 'part1, part2, recheck',
        killed: 2,
        survived: 1,
        noCoverage: 1,
        score: 50,
      }),
    ]);
  });
});
