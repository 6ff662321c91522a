// Pure part of scripts/mutation-summary.mjs: folds StrykerJS JSON reports into per-file and
// per-package counts.

/**
 * @typedef {{ status: string, mutatorName?: string, replacement?: string,
 *   location?: { start: { line: number, column: number }, end: { line: number, column: number } } }} Mutant
 * @typedef {{ name: string, mtimeMs: number, json: { files: Record<string, { mutants: Mutant[] }> } }} Report
 * @typedef {{ file: string, pkg: string, report: string, killed: number, timeout: number,
 *   survived: number, noCoverage: number, ignored: number, score: number | null }} FileScore
 */

/** The package a source path belongs to: `packages/<name>/...` or `apps/<name>/...`. */
export function packageOf(file) {
  const match = /(?:^|\/)(?:packages|apps)\/([^/]+)\//.exec(file);
  return match ? match[1] : 'other';
}

/** A report folder of a "before" run: `STRYKER_RUN=<x>-baseline` or `<x>-base-<y>`. */
export function isBaseline(reportName) {
  return /(?:^|-)base(?:line)?(?:-|$)/.test(reportName);
}

/**
 * Stryker's mutation score: detected (killed + timed out) over valid mutants (detected, survived and
 * not covered); ignored, static-ignored, compile and runtime errors are left out, as Stryker does.
 * @param {{ killed: number, timeout: number, survived: number, noCoverage: number }} c
 */
export function score(c) {
  const detected = c.killed + c.timeout;
  const valid = detected + c.survived + c.noCoverage;
  return valid === 0 ? null : (100 * detected) / valid;
}

/** A mutant's identity across runs of the same source: where it is and what it changes. */
function mutantKey(m) {
  const { start, end } = m.location ?? { start: {}, end: {} };
  return `${start.line}:${start.column}-${end.line}:${end.column} ${m.mutatorName} ${m.replacement}`;
}

/**
 * Per file, each mutant's status from the newest report that tested it, so runs over line ranges
 * (`--mutate file.ts:1-400`, then `:401-800`) and later re-checks of a few lines add up to one
 * file; per package, the sum of its files.
 * @param {Report[]} reports
 * @param {(file: string) => string} [name] how a report's file path is shown
 * @returns {{ files: FileScore[], packages: { pkg: string, files: number, detected: number, valid: number, score: number | null }[] }}
 */
export function summarise(reports, name = (f) => f) {
  /** @type {Map<string, Map<string, { status: string, mtimeMs: number, report: string }>>} */
  const byFile = new Map();
  for (const report of reports) {
    for (const [path, entry] of Object.entries(report.json.files ?? {})) {
      const file = name(path);
      const mutants = byFile.get(file) ?? new Map();
      byFile.set(file, mutants);
      for (const m of entry.mutants ?? []) {
        const key = mutantKey(m);
        const seen = mutants.get(key);
        if (seen && seen.mtimeMs >= report.mtimeMs) continue;
        mutants.set(key, { status: m.status, mtimeMs: report.mtimeMs, report: report.name });
      }
    }
  }
  const files = [...byFile].map(([file, mutants]) => {
    const all = [...mutants.values()];
    const count = (status) => all.filter((m) => m.status === status).length;
    const counts = {
      killed: count('Killed'),
      timeout: count('Timeout'),
      survived: count('Survived'),
      noCoverage: count('NoCoverage'),
      ignored: count('Ignored'),
    };
    const runs = [...new Set(all.map((m) => m.report))].sort();
    return { file, pkg: packageOf(file), report: runs.join(', '), ...counts, score: score(counts) };
  });
  files.sort((a, b) => a.file.localeCompare(b.file));
  /** @type {Map<string, { pkg: string, files: number, detected: number, valid: number, score: number | null }>} */
  const byPackage = new Map();
  for (const f of files) {
    const p = byPackage.get(f.pkg) ?? { pkg: f.pkg, files: 0, detected: 0, valid: 0, score: null };
    p.files += 1;
    p.detected += f.killed + f.timeout;
    p.valid += f.killed + f.timeout + f.survived + f.noCoverage;
    p.score = p.valid === 0 ? null : (100 * p.detected) / p.valid;
    byPackage.set(f.pkg, p);
  }
  return { files, packages: [...byPackage.values()].sort((a, b) => a.pkg.localeCompare(b.pkg)) };
}
