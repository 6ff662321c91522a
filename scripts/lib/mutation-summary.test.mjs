import { describe, expect, it } from 'vitest';
import { isBaseline, packageOf, score, summarise } from './mutation-summary.mjs';

/** A report builder: `report('run', 10, { 'packages/store/src/a.ts': ['Killed', 'Survived'] })`. */
const report = (name, mtimeMs, files) => ({
  name,
  mtimeMs,
  json: {
    files: Object.fromEntries(
      Object.entries(files).map(([path, statuses]) => [
        path,
        { mutants: statuses.map((status) => ({ status })) },
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

  it('counts a file once, from its newest report, and sums files per package', () => {
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
});
