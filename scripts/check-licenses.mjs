#!/usr/bin/env node
// Gate: every production dependency of the workspaces (their `dependencies`, transitively, as
// installed in node_modules) carries an allowed licence (scripts/license-policy.json), or is an
// exception with a reason there. Offline: reads node_modules only. `--list` prints every package.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { judge, productionTree } from './lib/licenses.mjs';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const policy = JSON.parse(readFileSync(join(root, 'scripts', 'license-policy.json'), 'utf8'));
const workspaceDirs = ['packages', 'apps'].flatMap((parent) =>
  existsSync(join(root, parent))
    ? readdirSync(join(root, parent))
        .map((name) => join(root, parent, name))
        .filter((dir) => existsSync(join(dir, 'package.json')))
    : [],
);

const { dependencies, missing } = productionTree(root, workspaceDirs);
const { offenders, excepted, noted } = judge(dependencies, policy);
const where = (d) =>
  `${d.name}@${d.version} [${d.license ?? 'no licence field'}] at ${d.dir}\n      via ${d.chain.join(' > ')}`;

console.log(
  `licence check: ${dependencies.length} production packages from ${workspaceDirs.length} workspaces`,
);
if (process.argv.includes('--list')) {
  for (const d of [...dependencies].sort((a, b) => a.name.localeCompare(b.name)))
    console.log(`  ${d.name}@${d.version}  ${d.license ?? '-'}`);
}
for (const { dependency, note } of noted)
  console.log(`  note: ${dependency.name}@${dependency.version} ${dependency.license}: ${note}`);
for (const { dependency, reason } of excepted)
  console.log(`  exception: ${dependency.name}@${dependency.version} ${dependency.license}: ${reason}`);
for (const m of missing) console.log(`  warning: not installed: ${m}`);
if (offenders.length > 0) {
  console.error(`licence check: FAIL: ${offenders.length} package(s) with a licence outside the allow-list:`);
  for (const d of offenders) console.error(`  ${where(d)}`);
  console.error('Replace the package, or add an exception with its reason to scripts/license-policy.json.');
  process.exit(1);
}
console.log('licence check: pass');
