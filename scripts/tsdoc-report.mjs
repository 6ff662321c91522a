#!/usr/bin/env node
// Counts exports without a TSDoc comment per package, using TypeDoc's `notDocumented` validation
// over packages/*/src/index.ts (typedoc.json). Prints the table and exits 0; with `--strict` it
// exits 1 when an exported symbol is undocumented (the gate to switch on once packages settle).
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { countByPackage, parseNotDocumented } from './lib/tsdoc-coverage.mjs';

const root = new URL('..', import.meta.url).pathname;
const strict = process.argv.includes('--strict');
const packages = readdirSync(join(root, 'packages'))
  .filter((d) => existsSync(join(root, 'packages', d, 'src', 'index.ts')))
  .map((d) => JSON.parse(readFileSync(join(root, 'packages', d, 'package.json'), 'utf8')).name);

const r = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--emit', 'none'],
  {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  },
);
const output = `${r.stdout}\n${r.stderr}`;
if (r.status !== 0 && !/does not have any documentation/.test(output)) {
  console.error(`tsdoc report: typedoc failed:\n${output.trim()}`);
  process.exit(1);
}
const items = parseNotDocumented(output);
const counts = countByPackage(items, packages);
console.log('undocumented exports per package (TypeDoc notDocumented over packages/*/src/index.ts)');
console.log(`${'package'.padEnd(22)} ${'exports'.padStart(8)} ${'members'.padStart(8)}`);
for (const [pkg, c] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`${pkg.padEnd(22)} ${String(c.exported).padStart(8)} ${String(c.members).padStart(8)}`);
}
const exported = items.filter((i) => i.exported);
if (process.argv.includes('--list') || strict)
  for (const i of items) console.log(`  ${i.pkg}/${i.file}: ${i.symbol} (${i.kind})`);
if (strict && exported.length > 0) {
  console.error(`tsdoc report: FAIL: ${exported.length} exported symbol(s) without a TSDoc comment`);
  process.exit(1);
}
