import { defineConfig } from 'vitest/config';

// Heavy resilience tests (crash, database loss, fuzzing): `npm run test:resilience` from the root.
// One file at a time: they start real CLI processes and servers on a 2-core machine.
export default defineConfig({
  test: {
    name: 'resilience',
    root: import.meta.dirname,
    include: ['test/resilience/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
