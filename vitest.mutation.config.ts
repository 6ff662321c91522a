import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import rootConfig from './vitest.config';

// Mutation testing (stryker.config.mjs) runs only the projects whose code it mutates, with the
// same settings as `vitest run`: the API's integration tests also import these packages, and
// running them for every mutant would multiply the cost without adding a targeted test.
// MUTATION_PROJECTS=core (comma-separated) picks others, with a matching `--mutate`.
// By default only the unit tests beside the code run (src/**/*.test.ts, plus this gate's
// test/**/*.mutation.test.ts): the integration tests in test/ open an embedded PostgreSQL in their
// hooks, which Stryker would re-run for every mutant. MUTATION_INTEGRATION=1 includes them all.
// MUTATION_INCLUDE (comma-separated globs, relative to each package) runs only those test files:
// a per-module run against its own `*.mutation.test.ts`, e.g.
// MUTATION_INCLUDE=test/run-records.mutation.test.ts npx stryker run stryker.store.config.mjs --mutate packages/store/src/run-records.ts
const mutated = new Set((process.env.MUTATION_PROJECTS ?? 'store,reasoning').split(','));
const withIntegration = process.env.MUTATION_INTEGRATION === '1';
const only = process.env.MUTATION_INCLUDE?.split(',').filter(Boolean);

// Stryker runs in a sandbox copy whose node_modules is a link to the real one, so `@rustygpt/x`
// would resolve to the original, unmutated sources: point each package at the sandbox's copy.
const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));
const alias = Object.fromEntries(
  readdirSync(packagesDir)
    .filter((name) => existsSync(`${packagesDir}${name}/src/index.ts`))
    .map((name) => [`@rustygpt/${name}`, `${packagesDir}${name}/src/index.ts`]),
);

const projects = (rootConfig.test?.projects ?? [])
  .filter(
    (p): p is TestProjectInlineConfiguration =>
      typeof p === 'object' && p !== null && 'test' in p && mutated.has(String(p.test?.name)),
  )
  .map((p) => ({
    ...p,
    resolve: { ...p.resolve, alias },
    test: only
      ? { ...p.test, include: only }
      : withIntegration
        ? p.test
        : { ...p.test, include: ['src/**/*.test.ts', 'test/**/*.mutation.test.ts'] },
  }));

export default defineConfig({ test: { projects } });
