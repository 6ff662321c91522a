// Stryker config for a run over the reasoning DAG nodes beside other Stryker runs in the same
// tree: same settings as stryker.config.mjs, its own sandbox and report paths, and it does not
// copy other sandboxes. STRYKER_RUN=<name> gives a run its own sandbox and reports, so several
// scoped runs can go side by side (reports/mutation-nodes-<name>/).
// npx stryker run stryker.nodes.config.mjs --mutate 'packages/reasoning/src/nodes/generation.ts'
import base from './stryker.config.mjs';

const run = process.env.STRYKER_RUN ? `-${process.env.STRYKER_RUN.replace(/[^\w-]/g, '')}` : '';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: ['packages/reasoning/src/nodes/**/*.ts', ...base.mutate.filter((p) => p.startsWith('!'))],
  ignorePatterns: [...base.ignorePatterns, '.stryker-tmp*'],
  htmlReporter: { fileName: `reports/mutation-nodes${run}/index.html` },
  jsonReporter: { fileName: `reports/mutation-nodes${run}/mutation.json` },
  tempDirName: `.stryker-tmp-nodes${run}`,
};
