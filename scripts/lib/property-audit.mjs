// Finds the property-based tests (fast-check) in a test file: each `it`/`test` whose body calls
// fc.assert, with its numRuns (fast-check's default 100 when none is given). A source scan, not a
// run: it keeps docs/QUALITY.md's inventory reproducible (`node scripts/property-audit.mjs`).

/** fast-check's default number of runs per property. */
export const DEFAULT_RUNS = 100;

/**
 * @param {string} source the test file's text
 * @returns {{name: string, line: number, asserts: number, numRuns: number[]}[]}
 */
export function findProperties(source) {
  if (!/from ['"]fast-check['"]/.test(source)) return [];
  /** @type {Map<string, number>} */
  const constants = new Map();
  for (const m of source.matchAll(/const\s+(\w+)\s*=\s*([\d_]+)\s*;/g)) {
    constants.set(/** @type {string} */ (m[1]), Number(/** @type {string} */ (m[2]).replace(/_/g, '')));
  }
  const starts = [...source.matchAll(/\b(?:it|test)(?:\.\w+)?\(\s*(['"`])((?:(?!\1).)*)\1/g)];
  /** @type {{name: string, line: number, asserts: number, numRuns: number[]}[]} */
  const found = [];
  starts.forEach((m, i) => {
    const from = m.index ?? 0;
    const to = starts[i + 1]?.index ?? source.length;
    const body = source.slice(from, to);
    const asserts = (body.match(/\bfc\.assert\(/g) ?? []).length;
    if (asserts === 0) return;
    /** @type {number[]} */
    const numRuns = [];
    for (const r of body.matchAll(/numRuns(?:\s*:\s*([\w_]+))?/g)) {
      const v = r[1] ?? 'numRuns';
      const n = /^[\d_]+$/.test(v) ? Number(v.replace(/_/g, '')) : constants.get(v);
      if (n !== undefined) numRuns.push(n);
    }
    while (numRuns.length < asserts) numRuns.push(DEFAULT_RUNS);
    found.push({
      name: /** @type {string} */ (m[2]),
      line: source.slice(0, from).split('\n').length,
      asserts,
      numRuns: numRuns.slice(0, asserts),
    });
  });
  return found;
}
