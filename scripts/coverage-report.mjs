#!/usr/bin/env node
// Prints per-package coverage from coverage/coverage-summary.json (written by `vitest run --coverage`).
// Exit 0 after printing (vitest itself enforces the thresholds); `--check` also exits 1 when a
// package is below its line threshold, and 2 when there is no summary to read. `--run [vitest args]`
// first runs `vitest run --coverage [args]`, prints the table, and exits with vitest's status.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTable, summarizeByPackage } from './lib/coverage-table.mjs';

const root = new URL('..', import.meta.url).pathname;
const file = join(root, 'coverage', 'coverage-summary.json');
const args = process.argv.slice(2);
const check = args.includes('--check');
let vitestStatus = 0;
if (args[0] === '--run') {
  const result = spawnSync('npx', ['vitest', 'run', '--coverage', ...args.slice(1)], {
    cwd: root,
    stdio: 'inherit',
  });
  vitestStatus = result.status ?? 1;
}

if (!existsSync(file)) {
  console.log(`no coverage summary at ${file}: run \`npm run test:coverage\` first`);
  process.exit(vitestStatus !== 0 ? vitestStatus : check ? 2 : 0);
}
const summary = JSON.parse(readFileSync(file, 'utf8'));
const thresholds = JSON.parse(readFileSync(join(root, 'scripts', 'coverage-thresholds.json'), 'utf8'));
const { text, failing } = renderTable(summarizeByPackage(summary, root), thresholds);
console.log(`coverage per package (${file})\n${text}`);
if (failing.length > 0) console.log(`below line threshold: ${failing.join(', ')}`);
process.exit(vitestStatus !== 0 ? vitestStatus : check && failing.length > 0 ? 1 : 0);
