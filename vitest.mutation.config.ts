import { defineConfig } from 'vitest/config';
import rootConfig from './vitest.config';

// Mutation testing (stryker.config.mjs) runs only the projects whose code it mutates, with the
// same settings as `vitest run`: the API's integration tests also import these packages, and
// running them for every mutant would multiply the cost without adding a targeted test.
// MUTATION_PROJECTS=core (comma-separated) picks others, with a matching `--mutate`.
const mutated = new Set((process.env.MUTATION_PROJECTS ?? 'store,reasoning').split(','));
const projects = (rootConfig.test?.projects ?? []).filter(
  (p) => typeof p === 'object' && p !== null && 'test' in p && mutated.has(String(p.test?.name)),
);

export default defineConfig({ test: { projects } });
