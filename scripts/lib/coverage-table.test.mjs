import { describe, expect, it } from 'vitest';
import { lineThresholdFor, packageOf, renderTable, summarizeByPackage } from './coverage-table.mjs';

const root = '/repo';
const metric = (total, covered) => ({
  total,
  covered,
  skipped: 0,
  pct: total === 0 ? 100 : (covered / total) * 100,
});
const file = (lines, covered) => ({
  lines: metric(lines, covered),
  statements: metric(lines, covered),
  functions: metric(2, 1),
  branches: metric(0, 0),
});

describe('coverage table', () => {
  it('attributes files to their workspace package and ignores the rest', () => {
    expect(packageOf('/repo/packages/store/src/db.ts', root)).toBe('packages/store');
    expect(packageOf('/repo/apps/api/src/cli/main.ts', root)).toBe('apps/api');
    expect(packageOf('/repo/scripts/x.mjs', root)).toBeNull();
  });

  it('weights packages by line counts, not by averaging file percentages', () => {
    const rows = summarizeByPackage(
      {
        total: file(0, 0),
        '/repo/packages/store/src/big.ts': file(300, 300),
        '/repo/packages/store/src/small.ts': file(100, 0),
        '/repo/apps/api/src/a.ts': file(10, 9),
      },
      root,
    );
    expect(rows.map((r) => r.pkg)).toEqual(['apps/api', 'packages/store']);
    const store = rows[1];
    expect(store.files).toBe(2);
    expect(store.metrics.lines).toEqual({ total: 400, covered: 300, pct: 75 });
    expect(store.metrics.branches.pct).toBe(100);
  });

  it('finds the threshold whose glob starts with the package directory', () => {
    const thresholds = { 'packages/store/src/**': { lines: 90 }, 'apps/api/src/**': { lines: 80 } };
    expect(lineThresholdFor('packages/store', thresholds)).toBe(90);
    expect(lineThresholdFor('apps/api', thresholds)).toBe(80);
    expect(lineThresholdFor('packages/storex', thresholds)).toBeUndefined();
  });

  it('marks packages below their line threshold', () => {
    const rows = summarizeByPackage(
      { '/repo/packages/store/src/a.ts': file(100, 89), '/repo/apps/api/src/a.ts': file(100, 80) },
      root,
    );
    const { text, failing } = renderTable(rows, {
      'packages/store/src/**': { lines: 90 },
      'apps/api/src/**': { lines: 80 },
    });
    expect(failing).toEqual(['packages/store']);
    expect(text).toMatch(/packages\/store\s+1\s+89\.00.*BELOW/);
    expect(text).toMatch(/apps\/api\s+1\s+80\.00.*ok/);
  });
});
