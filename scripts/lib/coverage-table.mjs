// Groups vitest's json-summary coverage (one entry per file) by workspace package, so CI output
// says which package lacks tests instead of one global percentage.
import { relative, sep } from 'node:path';

/** The four istanbul metrics, in the order the table prints them. */
export const METRICS = /** @type {const} */ (['lines', 'statements', 'functions', 'branches']);

/**
 * The workspace package a file belongs to (`packages/store`), or null outside packages/ and apps/.
 * @param {string} file absolute path from coverage-summary.json
 * @param {string} root repository root
 */
export function packageOf(file, root) {
  const parts = relative(root, file).split(sep);
  if ((parts[0] === 'packages' || parts[0] === 'apps') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return null;
}

/**
 * Sums per-file coverage into one row per package with percentages recomputed from counts
 * (averaging file percentages would weight a 3-line file like a 300-line one).
 * @param {Record<string, Record<string, {total: number, covered: number}>>} summary coverage-summary.json
 * @param {string} root repository root
 * @returns {{pkg: string, files: number, metrics: Record<string, {total: number, covered: number, pct: number}>}[]}
 */
export function summarizeByPackage(summary, root) {
  /** @type {Map<string, {pkg: string, files: number, metrics: Record<string, {total: number, covered: number, pct: number}>}>} */
  const rows = new Map();
  for (const [file, data] of Object.entries(summary)) {
    if (file === 'total') continue;
    const pkg = packageOf(file, root);
    if (pkg === null) continue;
    let row = rows.get(pkg);
    if (row === undefined) {
      row = { pkg, files: 0, metrics: {} };
      for (const m of METRICS) row.metrics[m] = { total: 0, covered: 0, pct: 100 };
      rows.set(pkg, row);
    }
    row.files += 1;
    for (const m of METRICS) {
      const metric = row.metrics[m];
      metric.total += data[m]?.total ?? 0;
      metric.covered += data[m]?.covered ?? 0;
    }
  }
  for (const row of rows.values()) {
    for (const m of METRICS) {
      const metric = row.metrics[m];
      // istanbul's convention: nothing to cover counts as fully covered
      metric.pct = metric.total === 0 ? 100 : Math.floor((metric.covered / metric.total) * 10000) / 100;
    }
  }
  return [...rows.values()].sort((a, b) => a.pkg.localeCompare(b.pkg));
}

/**
 * The line threshold that applies to a package: the one from coverage-thresholds.json whose glob
 * starts with the package directory (`packages/store/src/**` for `packages/store`).
 * @param {string} pkg
 * @param {Record<string, {lines?: number}>} thresholds
 * @returns {number | undefined}
 */
export function lineThresholdFor(pkg, thresholds) {
  for (const [glob, value] of Object.entries(thresholds)) {
    if (glob.startsWith(`${pkg}/`)) return value.lines;
  }
  return undefined;
}

/**
 * Renders rows as a fixed-width table with the line threshold and a verdict per package.
 * @param {ReturnType<typeof summarizeByPackage>} rows
 * @param {Record<string, {lines?: number}>} thresholds
 * @returns {{text: string, failing: string[]}}
 */
export function renderTable(rows, thresholds) {
  const header = ['package', 'files', ...METRICS.map((m) => `${m} %`), 'min lines %', 'status'];
  /** @type {string[][]} */
  const body = [];
  /** @type {string[]} */
  const failing = [];
  for (const row of rows) {
    const min = lineThresholdFor(row.pkg, thresholds);
    const lines = row.metrics.lines.pct;
    const ok = min === undefined || lines >= min;
    if (!ok) failing.push(row.pkg);
    body.push([
      row.pkg,
      String(row.files),
      ...METRICS.map((m) => row.metrics[m].pct.toFixed(2)),
      min === undefined ? '-' : String(min),
      ok ? 'ok' : 'BELOW',
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const fmt = (/** @type {string[]} */ r) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const text = [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(fmt)].join('\n');
  return { text, failing };
}
