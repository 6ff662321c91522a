/**
 * `npm run eval`: the reasoning dev set (periodic table, accuracy per kind), the held-out checks
 * (GitHub Linguist languages, the demo solar system) and the HotpotQA answer slice (exact
 * match), each in its own process so one failing does not hide the other.
 * Pass `--embed` to load the built-in embedder. Results land in test/eval/results/.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const extra = process.argv.slice(2);
let failed = false;
for (const script of ['periodic/run.ts', 'linguist/run.ts', 'demo/run.ts', 'hotpotqa/run.ts']) {
  process.stdout.write(`\n## ${script}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, script), ...extra], {
    stdio: 'inherit',
  });
  if (result.status !== 0 && !script.startsWith('hotpotqa')) failed = true;
}
process.exitCode = failed ? 1 : 0;
