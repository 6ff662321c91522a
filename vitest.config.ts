import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import coverageThresholds from './scripts/coverage-thresholds.json' with { type: 'json' };

// In-memory test databases start from a migrated template instead of initdb + migrations each
// (packages/store/src/memory-template.ts); scripts/test-all.mjs sets the same directory.
process.env.RUSTYGPT_MEMORY_TEMPLATE_DIR ||= fileURLToPath(
  new URL('./node_modules/.cache/rustygpt/pglite-templates', import.meta.url),
);

// One vitest run over every workspace; each package is a project so output is grouped and
// `--project store` runs one. Browser (Playwright) tests run separately (scripts/test-all.mjs).
export default defineConfig({
  test: {
    // `vitest run --coverage` (npm run test:coverage): v8 over every package's sources; per-package
    // line thresholds live in scripts/coverage-thresholds.json (also read by scripts/coverage-report.mjs).
    coverage: {
      provider: 'v8',
      // apps/web: the logic modules (.ts); its React components (.tsx) are covered by the browser suite
      include: ['packages/*/src/**/*.{ts,tsx}', 'apps/api/src/**/*.ts', 'apps/web/src/**/*.ts'],
      exclude: [
        '**/*.test.ts',
        '**/*.test.tsx',
        '**/*.d.ts',
        '**/test/**',
        '**/generated/**',
        'apps/web/src/gql/**',
      ],
      reporter: ['text-summary', 'json-summary', 'html'],
      // a failing test file still yields the per-package table (the run fails anyway)
      reportOnFailure: true,
      reportsDirectory: 'coverage',
      thresholds: coverageThresholds,
    },
    projects: [
      {
        test: {
          name: 'core',
          root: 'packages/core',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          // 1,000-run properties take ~0.5 s alone but came within reach of the 5 s default at load 30
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'store',
          root: 'packages/store',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'models',
          root: 'packages/models',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'reasoning',
          root: 'packages/reasoning',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'api',
          root: 'apps/api',
          // One graphql instance: Pothos and yoga load graphql's CJS build through Node.
          alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      // Web app logic (stream state, markdown, graph layout, i18n); browser tests: apps/web/scripts/e2e.mjs.
      {
        test: {
          name: 'web',
          root: 'apps/web',
          // the app's `@/` import path (tsconfig paths), so modules that use it can be unit-tested
          alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./apps/web/src/', import.meta.url)) }],
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'lifecycle',
          root: 'packages/lifecycle',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/resilience/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      // The quality gates' own logic (scripts/lib: coverage table, schema check, licences, docs).
      { test: { name: 'quality', root: '.', include: ['scripts/**/*.test.mjs'] } },
    ],
  },
});
