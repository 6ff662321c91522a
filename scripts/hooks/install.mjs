#!/usr/bin/env node
// Root `prepare` script (npm runs it on `npm install` and `npm ci`): installs the lefthook git
// hooks. Never fails an install: in CI, without a .git directory, without git or without the
// lefthook binary it prints why it skipped and exits 0.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const skip = (why) => {
  console.log(`git hooks: not installed (${why})`);
  process.exit(0);
};

if (process.env.CI) skip('CI');
if (process.env.LEFTHOOK === '0') skip('LEFTHOOK=0');
const gitDir = spawnSync('git', ['rev-parse', '--git-dir'], { cwd: root, encoding: 'utf8' });
if (gitDir.error || gitDir.status !== 0) skip('not a git checkout');
const bin = join(root, 'node_modules', 'lefthook', 'bin', 'index.js');
if (!existsSync(bin)) skip('lefthook is not installed');
const result = spawnSync(process.execPath, [bin, 'install'], { cwd: root, encoding: 'utf8' });
if (result.status !== 0)
  skip(`lefthook install failed: ${(result.stderr || result.stdout).trim().split('\n').pop()}`);
console.log('git hooks: installed (lefthook.yml: format, lint, types, related unit tests on commit)');
