#!/usr/bin/env node
// Fails when a translation key is missing from a language, unused by the code, or used by the
// code without being defined. Keys are found as string literals ('section.key') in src/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const messagesDir = join(root, 'src/i18n/messages');
const locales = readdirSync(messagesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace('.json', ''));
const dictionaries = Object.fromEntries(
  locales.map((l) => [l, JSON.parse(readFileSync(join(messagesDir, `${l}.json`), 'utf8'))]),
);
const reference = dictionaries.en;
if (!reference) {
  console.error('i18n: src/i18n/messages/en.json (the reference dictionary) is missing');
  process.exit(1);
}

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'gql' || name === 'messages') continue;
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) yield path;
  }
}

const problems = [];
const used = new Set();
const called = new Map();
for (const file of sources(join(root, 'src'))) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/['"`]([a-z][A-Za-z0-9]*\.[A-Za-z0-9.]+)['"`]/g)) used.add(m[1]);
  for (const m of text.matchAll(/\bt\(\s*['"`]([^'"`]+)['"`]/g)) called.set(m[1], relative(root, file));
}
for (const [key, file] of called) {
  if (!(key in reference)) problems.push(`missing in en: "${key}" (used in ${file})`);
}
for (const key of Object.keys(reference)) {
  if (!used.has(key)) problems.push(`unused key: "${key}"`);
}
for (const locale of locales) {
  const dict = dictionaries[locale];
  for (const key of Object.keys(reference)) {
    if (typeof dict[key] !== 'string' || dict[key].trim() === '')
      problems.push(`missing in ${locale}: "${key}"`);
    else {
      const want = [...reference[key].matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .sort()
        .join(',');
      const have = [...dict[key].matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .sort()
        .join(',');
      if (want !== have)
        problems.push(`placeholders differ in ${locale}: "${key}" has {${have}}, en has {${want}}`);
    }
  }
  for (const key of Object.keys(dict)) {
    if (!(key in reference)) problems.push(`extra key in ${locale}: "${key}" (not in en)`);
  }
}
if (problems.length > 0) {
  console.error(`i18n check failed (${problems.length} problem(s)):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `i18n check passed: ${Object.keys(reference).length} keys × ${locales.length} languages (${locales.join(', ')})`,
);
