// Mutation testing (StrykerJS 9, Node >= 20, vitest runner): `npm run test:mutation`, not part of
// `npm test` (CPU heavy). Mutates the store and the reasoning engine, runs their vitest projects
// (vitest.mutation.config.ts) per mutant with per-test coverage, one worker (2 shared cores).
// Scope a run:  npm run test:mutation -- --mutate 'packages/reasoning/src/engine/**/*.ts'
// Report: reports/mutation/index.html and mutation.json; figures in docs/QUALITY.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  mutate: [
    'packages/reasoning/src/**/*.ts',
    'packages/store/src/**/*.ts',
    '!**/*.test.ts',
    '!**/test/**',
    '!**/index.ts',
    '!**/generated/**',
  ],
  ignorePatterns: [
    'apps/web',
    'bench',
    'docs/api',
    'coverage',
    'reports',
    '.rustygpt',
    '.turbo',
    '**/.next',
    'test/eval/data',
  ],
  concurrency: 1,
  // a mutant that loops or never settles a promise costs this much; keep it small (tests run in ms)
  timeoutMS: 8_000,
  timeoutFactor: 1.5,
  thresholds: { high: 85, low: 75, break: null },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
export default config;

/**
 * A run over one area (`nodes`, `store`) beside other Stryker runs in the same tree: these settings,
 * `mutate` narrowed to `glob`, its own sandbox and report folder, and other sandboxes not copied.
 * STRYKER_RUN=<name> gives a run a folder of its own within the area
 * (`.stryker-tmp-<area>-<name>`, `reports/mutation-<area>-<name>/`), so scoped runs can go side by side.
 * @param {string} area
 * @param {string} glob
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function scopedConfig(area, glob) {
  const run = process.env.STRYKER_RUN ? `-${process.env.STRYKER_RUN.replace(/[^\w-]/g, '')}` : '';
  const name = `${area}${run}`;
  return {
    ...config,
    mutate: [glob, ...config.mutate.filter((p) => p.startsWith('!'))],
    ignorePatterns: [...config.ignorePatterns, '.stryker-tmp*'],
    htmlReporter: { fileName: `reports/mutation-${name}/index.html` },
    jsonReporter: { fileName: `reports/mutation-${name}/mutation.json` },
    tempDirName: `.stryker-tmp-${name}`,
  };
}
