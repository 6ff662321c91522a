#!/usr/bin/env node
// Gate: the GraphQL schema (apps/api/schema.graphql) must not break clients silently. Compares it
// with the previous release (nearest `v*` tag, else HEAD) using GraphQL Inspector; a breaking
// change fails unless CHANGELOG.md declares it under `## Unreleased` as `BREAKING: Type.field`.
// Offline: needs only git and the files. See docs/QUALITY.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_PATH, compareSchemas, findBaseline } from './lib/schema-check.mjs';

// `--root=<dir>` checks another checkout (the script's own tests use a scratch repository)
const rootArg = process.argv.find((a) => a.startsWith('--root='));
const root = rootArg ? rootArg.slice('--root='.length) : new URL('..', import.meta.url).pathname;

/** @type {import('./lib/schema-check.mjs').Git} */
const git = (args) => {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: r.status === 0, stdout: r.stdout ?? '' };
};

const baseline = findBaseline(git);
const currentFile = join(root, SCHEMA_PATH);
if (baseline.kind === 'none') {
  console.log(`schema check: pass (${baseline.reason})`);
  process.exit(0);
}
if (!existsSync(currentFile)) {
  console.error(`schema check: FAIL: ${SCHEMA_PATH} exists at ${baseline.ref} but not in the working tree`);
  process.exit(1);
}
const changelogFile = join(root, 'CHANGELOG.md');
const changelog = existsSync(changelogFile) ? readFileSync(changelogFile, 'utf8') : '';
let result;
try {
  result = await compareSchemas({
    baseline: baseline.sdl,
    current: readFileSync(currentFile, 'utf8'),
    changelog,
  });
} catch (error) {
  console.error(
    `schema check: FAIL: cannot build a schema: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
console.log(
  `schema check against ${baseline.kind === 'tag' ? `release ${baseline.ref}` : 'HEAD'}: ${result.changes.length} change(s)`,
);
for (const c of result.changes) console.log(`  ${c.level.padEnd(12)} ${c.path ?? c.type}: ${c.message}`);
if (!result.ok) {
  console.error(
    `schema check: FAIL: ${result.undeclared.length} undeclared breaking change(s):\n` +
      result.undeclared.map((c) => `  BREAKING: ${c.path ?? c.type}   (${c.message})`).join('\n') +
      '\nDeclare each under `## Unreleased` in CHANGELOG.md as a line `- BREAKING: <path> - why and what clients do`,' +
      '\nor restore the old field (deprecate first with @deprecated, remove in a later release).',
  );
  process.exit(1);
}
console.log('schema check: pass');
