#!/usr/bin/env node
// The README's test command. Runs every gate and suite in turn, keeps going after a failure so
// one run shows everything, and ends with one line `N passed, N failed` summing all of them:
// each test of a test runner counts, and each static gate (format, lint, types, ...) counts as one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, 'reports');
mkdirSync(reports, { recursive: true });
const only = process.argv.slice(2);
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  TURBO_TELEMETRY_DISABLED: '1',
  FORCE_COLOR: '0',
  // In-memory databases of every suite start from one migrated template (packages/store/src/memory-template.ts).
  RUSTYGPT_MEMORY_TEMPLATE_DIR:
    process.env.RUSTYGPT_MEMORY_TEMPLATE_DIR || join(root, 'node_modules/.cache/rustygpt/pglite-templates'),
};

let passed = 0;
let failed = 0;
const lines = [];
/** The failing tests' names, repeated under the summary so a log's tail names them. */
const failures = [];

function run(name, cmd, args, options = {}) {
  const started = Date.now();
  process.stdout.write(`\n== ${name}: ${cmd} ${args.join(' ')}\n`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds };
}

/** A gate counts as one test. */
function gate(name, cmd, args) {
  if (only.length > 0 && !only.includes(name)) return;
  const { ok, seconds } = run(name, cmd, args);
  if (ok) passed += 1;
  else failed += 1;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${name} (${seconds}s)`);
}

/** A suite counts its tests, read from a JSON report it writes. */
function suite(name, cmd, args, reportFile, count, failedNames = () => []) {
  if (only.length > 0 && !only.includes(name)) return;
  rmSync(reportFile, { force: true });
  const { ok, seconds } = run(name, cmd, args);
  let p = 0;
  let f = 0;
  if (existsSync(reportFile)) {
    try {
      const report = JSON.parse(readFileSync(reportFile, 'utf8'));
      [p, f] = count(report);
      for (const test of failedNames(report)) failures.push(`${name}: ${test}`);
    } catch (error) {
      process.stdout.write(`could not read ${reportFile}: ${String(error)}\n`);
    }
  }
  if (!ok && f === 0) f = 1; // the runner failed outside any test (crash, coverage threshold, ...)
  passed += p;
  failed += f;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${p} passed, ${f} failed (${seconds}s)`);
}

const vitestCount = (json) => [
  json.numPassedTests ?? 0,
  (json.numFailedTests ?? 0) + (json.numRuntimeErrorTestSuites ?? 0),
];

/** `file › test name` of each failed test, or the file alone when it failed outside any test. */
const vitestFailures = (json) =>
  (json.testResults ?? []).flatMap((file) => {
    const path = String(file.name ?? '').replace(root, '');
    const tests = (file.assertionResults ?? [])
      .filter((t) => t.status === 'failed')
      .map((t) => `${path} › ${t.fullName ?? t.title}`);
    return tests.length > 0 || file.status !== 'failed' ? tests : [`${path} (${file.message || 'failed'})`];
  });

gate('format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
gate('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
gate('typecheck', 'npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only']);
gate('typecheck:root', 'npx', ['tsc', '-p', 'tsconfig.json']); // bench/, test/eval/, scripts/*.ts
if (existsSync(join(root, 'apps/web/scripts/i18n-check.mjs'))) {
  gate('i18n', 'node', ['apps/web/scripts/i18n-check.mjs']);
}
suite(
  'unit+integration',
  'npx',
  [
    'vitest',
    'run',
    '--coverage',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(reports, 'vitest.json')}`,
  ],
  join(reports, 'vitest.json'),
  vitestCount,
  vitestFailures,
);
// Per-package coverage table (vitest itself enforces the thresholds in the suite above).
if (only.length === 0 || only.includes('unit+integration'))
  run('coverage', 'node', ['scripts/coverage-report.mjs']);
gate('schema', 'node', ['scripts/check-schema.mjs']);
gate('licenses', 'node', ['scripts/check-licenses.mjs']);
gate('doc-examples', 'node', ['scripts/check-docs.mjs']);
gate('tsdoc', 'node', ['scripts/tsdoc-report.mjs', '--strict']); // every exported symbol has TSDoc
suite(
  'resilience',
  'npx',
  [
    'vitest',
    'run',
    '--config',
    'packages/lifecycle/vitest.resilience.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(reports, 'resilience.json')}`,
  ],
  join(reports, 'resilience.json'),
  vitestCount,
  vitestFailures,
);
// The reasoning dev set must stay at >= 95% overall and 100% on unknown entities.
gate('eval', 'node', ['--import', 'tsx', 'test/eval/periodic/run.ts']);
if (existsSync(join(root, 'apps/web/scripts/e2e.mjs'))) {
  suite(
    'browser',
    'node',
    ['apps/web/scripts/e2e.mjs', `--report=${join(reports, 'e2e.json')}`],
    join(reports, 'e2e.json'),
    (json) => [json.passed ?? 0, json.failed ?? 0],
    (json) => (json.tests ?? []).filter((t) => !t.ok).map((t) => t.name),
  );
}

process.stdout.write(`\n== summary\n${lines.join('\n')}\n`);
if (failures.length > 0) process.stdout.write(`failed tests:\n${failures.map((t) => `  ${t}`).join('\n')}\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
