// Stryker config for a store-only run beside another Stryker run in the same tree: same settings
// as stryker.config.mjs, its own sandbox and report paths, and it does not copy other sandboxes.
// STRYKER_RUN=<name> gives a run its own sandbox and reports (reports/mutation-store-<name>/), so
// several scoped runs can go side by side.
// npx stryker run stryker.store.config.mjs --mutate 'packages/store/src/vector.ts'
import base from './stryker.config.mjs';

const run = process.env.STRYKER_RUN ? `-${process.env.STRYKER_RUN.replace(/[^\w-]/g, '')}` : '';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: ['packages/store/src/**/*.ts', ...base.mutate.filter((p) => p.startsWith('!'))],
  ignorePatterns: [...base.ignorePatterns, '.stryker-tmp*'],
  htmlReporter: { fileName: `reports/mutation-store${run}/index.html` },
  jsonReporter: { fileName: `reports/mutation-store${run}/mutation.json` },
  tempDirName: `.stryker-tmp-store${run}`,
};
