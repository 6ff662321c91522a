#!/usr/bin/env node
// Sums StrykerJS JSON reports (reports/mutation*/mutation.json) into one table: per file, each
// mutant from the newest report that tested it (line-range runs and re-checks add up), then per
// package. Scoped runs (STRYKER_RUN=<name>) each write their own report, so this is how several
// runs become one package-wide figure for docs/QUALITY.md.
//   node scripts/mutation-summary.mjs [--markdown] [--package=store] [--baselines] [reports-dir]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isBaseline, summarise } from './lib/mutation-summary.mjs';

const args = process.argv.slice(2);
if (args.includes('--help')) {
  process.stdout.write(
    'usage: node scripts/mutation-summary.mjs [--markdown] [--package=<name>] [--baselines] [reports-dir]\n' +
      'Per-file and per-package mutation scores from every reports/mutation*/mutation.json;\n' +
      'each mutant counts once, from the newest report that tested it. Runs named as baselines\n' +
      '(STRYKER_RUN=<x>-baseline or <x>-base-<y>) are "before" figures and left out unless --baselines.\n',
  );
  process.exit(0);
}
const root = new URL('..', import.meta.url).pathname;
const dir = args.find((a) => !a.startsWith('--')) ?? join(root, 'reports');
const only = args.find((a) => a.startsWith('--package='))?.slice('--package='.length);
const markdown = args.includes('--markdown');
const withBaselines = args.includes('--baselines');

const reports = existsSync(dir)
  ? readdirSync(dir)
      .filter((name) => name.startsWith('mutation') && existsSync(join(dir, name, 'mutation.json')))
      .filter((name) => withBaselines || !isBaseline(name))
      .map((name) => {
        const path = join(dir, name, 'mutation.json');
        return { name, mtimeMs: statSync(path).mtimeMs, json: JSON.parse(readFileSync(path, 'utf8')) };
      })
  : [];
if (reports.length === 0) {
  process.stderr.write(`no mutation reports under ${dir}: run npm run test:mutation first\n`);
  process.exit(1);
}
const { files, packages } = summarise(reports, (file) => relative(root, file));
const shown = only ? files.filter((f) => f.pkg === only) : files;
const pct = (s) => (s === null ? '—' : s.toFixed(1));
if (markdown) {
  console.log('| file | killed | timeout | survived | no coverage | score % | report |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const f of shown)
    console.log(
      `| \`${f.file}\` | ${f.killed} | ${f.timeout} | ${f.survived} | ${f.noCoverage} | ${pct(f.score)} | ${f.report} |`,
    );
} else {
  for (const f of shown)
    console.log(
      `${pct(f.score).padStart(6)}  ${f.file}  (${f.killed} killed, ${f.timeout} timeout, ${f.survived} survived, ${f.noCoverage} no coverage; ${f.report})`,
    );
}
console.log('');
for (const p of packages.filter((p) => !only || p.pkg === only))
  console.log(
    `${p.pkg}: ${pct(p.score)} % (${p.detected} of ${p.valid} mutants detected, ${p.files} files measured)`,
  );
