#!/usr/bin/env node
// Inventory of property-based tests (fast-check) across packages/ and apps/: file, test name and
// numRuns per property, and totals per package. Used for docs/QUALITY.md; `--markdown` prints a table.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findProperties } from './lib/property-audit.mjs';

const root = new URL('..', import.meta.url).pathname;
/** @param {string} dir @returns {string[]} */
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return /\.test\.tsx?$/.test(name) ? [path] : [];
  });
const files = ['packages', 'apps'].flatMap((d) => walk(join(root, d))).sort();
const markdown = process.argv.includes('--markdown');
let total = 0;
let runs = 0;
if (markdown) console.log('| file | property (test) | numRuns |\n| --- | --- | --- |');
for (const file of files) {
  for (const p of findProperties(readFileSync(file, 'utf8'))) {
    total += p.asserts;
    runs += p.numRuns.reduce((a, b) => a + b, 0);
    const where = `${relative(root, file)}:${p.line}`;
    if (markdown) console.log(`| \`${where}\` | ${p.name} | ${p.numRuns.join(', ')} |`);
    else console.log(`${where}  ${p.name}  numRuns=${p.numRuns.join(',')}`);
  }
}
console.log(`${markdown ? '\n' : ''}${total} properties, ${runs} generated cases per full run`);
