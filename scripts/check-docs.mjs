#!/usr/bin/env node
// Gate: runs every runnable example in README.md and docs/*.md (```ts blocks marked with
// `<!-- runnable -->`) with tsx; an example fails when it throws (use node:assert in examples).
// Examples are written under node_modules/.cache so `@rustygpt/*` imports resolve. Offline, fast.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { extractRunnable } from './lib/doc-examples.mjs';

const root = new URL('..', import.meta.url).pathname;
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const files = [
  join(root, 'README.md'),
  ...(existsSync(join(root, 'docs'))
    ? readdirSync(join(root, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => join(root, 'docs', f))
    : []),
].filter((f) => existsSync(f));

const work = join(root, 'node_modules', '.cache', 'rustygpt-doc-examples');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

let run = 0;
let failed = 0;
for (const file of files) {
  const name = relative(root, file);
  for (const { line, code } of extractRunnable(readFileSync(file, 'utf8'))) {
    run += 1;
    const example = join(work, `${name.replace(/[^\w]+/g, '_')}_L${line}.ts`);
    writeFileSync(example, code);
    const r = spawnSync(process.execPath, [tsx, example], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) {
      console.log(`ok   ${name}:${line}`);
    } else {
      failed += 1;
      console.log(`FAIL ${name}:${line}\n${(r.stderr || r.stdout || String(r.error)).trim()}`);
    }
  }
}
rmSync(work, { recursive: true, force: true });
console.log(`doc examples: ${run} run, ${failed} failed (from ${files.length} files)`);
process.exit(failed === 0 ? 0 : 1);
