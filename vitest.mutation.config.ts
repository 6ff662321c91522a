import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import rootConfig from './vitest.config';

// Mutation testing (stryker.config.mjs) runs only the projects whose code it mutates, with the
// same settings as `vitest run`: the API's integration tests also import these packages, and
// running them for every mutant would multiply the cost without adding a targeted test.
// MUTATION_PROJECTS=core (comma-separated) picks others, with a matching `--mutate`.
// By default only the unit tests beside the code run (src/**/*.test.ts, plus this gate's
// test/**/*.mutation.test.ts): the integration tests in test/ open an embedded PostgreSQL in their
// hooks, which Stryker would re-run for every mutant. MUTATION_INTEGRATION=1 includes them all.
const mutated = new Set((process.env.MUTATION_PROJECTS ?? 'store,reasoning').split(','));
const withIntegration = process.env.MUTATION_INTEGRATION === '1';

const projects = (rootConfig.test?.projects ?? [])
  .filter(
    (p): p is TestProjectInlineConfiguration =>
      typeof p === 'object' && p !== null && 'test' in p && mutated.has(String(p.test?.name)),
  )
  .map((p) =>
    withIntegration
      ? p
      : { ...p, test: { ...p.test, include: ['src/**/*.test.ts', 'test/**/*.mutation.test.ts'] } },
  );

export default defineConfig({ test: { projects } });
