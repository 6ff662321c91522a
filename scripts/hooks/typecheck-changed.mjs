#!/usr/bin/env node
// Pre-commit: type-checks only the workspaces that own a staged file (`tsc -p <ws>/tsconfig.json`),
// so a commit touching one package does not pay for all of them. Files outside a workspace
// (scripts, root config) are covered by lint; the full check is `npm run typecheck`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const workspaces = new Set();
for (const file of process.argv.slice(2)) {
  const [top, name] = file.split('/');
  if ((top === 'packages' || top === 'apps') && name && existsSync(join(root, top, name, 'tsconfig.json'))) {
    workspaces.add(`${top}/${name}`);
  }
}
let failed = 0;
for (const ws of [...workspaces].sort()) {
  process.stdout.write(`tsc -p ${ws}/tsconfig.json\n`);
  const r = spawnSync(
    join(root, 'node_modules', '.bin', 'tsc'),
    ['-p', join(ws, 'tsconfig.json'), '--noEmit'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
