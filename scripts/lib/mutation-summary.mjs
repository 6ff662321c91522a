// Pure part of scripts/mutation-summary.mjs: folds StrykerJS JSON reports into per-file and
// per-package counts.

/**
 * @typedef {{ status: string }} Mutant
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

/**
 * Per file, the counts of the newest report that mutated it (a later, scoped run of a file replaces
 * an earlier one); per package, the sum of its files.
 * @param {Report[]} reports
 * @param {(file: string) => string} [name] how a report's file path is shown
 * @returns {{ files: FileScore[], packages: { pkg: string, files: number, detected: number, valid: number, score: number | null }[] }}
 */
export function summarise(reports, name = (f) => f) {
  /** @type {Map<string, FileScore & { mtimeMs: number }>} */
  const byFile = new Map();
  for (const report of reports) {
    for (const [path, entry] of Object.entries(report.json.files ?? {})) {
      const file = name(path);
      const seen = byFile.get(file);
      if (seen && seen.mtimeMs >= report.mtimeMs) continue;
      const count = (status) => entry.mutants.filter((m) => m.status === status).length;
      const counts = {
        killed: count('Killed'),
        timeout: count('Timeout'),
        survived: count('Survived'),
        noCoverage: count('NoCoverage'),
        ignored: count('Ignored'),
      };
      byFile.set(file, {
        file,
        pkg: packageOf(file),
        report: report.name,
        mtimeMs: report.mtimeMs,
        ...counts,
        score: score(counts),
      });
    }
  }
  const files = [...byFile.values()]
    .map(({ mtimeMs: _, ...f }) => f)
    .sort((a, b) => a.file.localeCompare(b.file));
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
