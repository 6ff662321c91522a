/**
 * A small browser-test runner over playwright-core (no browser download: Debian's Chromium).
 * Tests run in registration order against one signed-in browser context per test; each test
 * fails on any console error or uncaught page error. Prints Playwright-style "N passed".
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where the servers under test listen and where artifacts go. */
export interface E2EEnv {
  webUrl: string;
  apiUrl: string;
  userName: string;
  artifacts: string;
}

/** What a test gets: a fresh page in a signed-in context, plus helpers. */
export interface TestContext {
  env: E2EEnv;
  page: Page;
  context: BrowserContext;
  /** Saves a full-page screenshot under test-results/. */
  screenshot: (name: string) => Promise<void>;
  /** Runs axe-core (WCAG 2 A/AA) on the page and fails on any violation. */
  checkA11y: (label: string) => Promise<void>;
  /** Console messages to tolerate in this test (e.g. a socket closed by a reload). */
  allowConsole: (pattern: RegExp) => void;
}

interface Registered {
  name: string;
  fn: (t: TestContext) => Promise<void>;
  signedIn: boolean;
}

const registered: Registered[] = [];
/** State shared between tests (e.g. the answer of the first question). */
export const shared = new Map<string, unknown>();

/** Registers a test that runs in a signed-in browser context. */
export function test(name: string, fn: (t: TestContext) => Promise<void>): void {
  registered.push({ name, fn, signedIn: true });
}

/** Registers a test that starts signed out (the sign-in flow itself). */
export function testSignedOut(name: string, fn: (t: TestContext) => Promise<void>): void {
  registered.push({ name, fn, signedIn: false });
}

/** Fails with a message unless the condition holds. */
export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Chromium flags for a sandbox-less, offline, headless run. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let storageState: Awaited<ReturnType<BrowserContext['storageState']>> | null = null;

/** Remembers the signed-in cookies for the following tests. */
export async function rememberSession(context: BrowserContext): Promise<void> {
  storageState = await context.storageState();
}

async function runOne(browser: Browser, env: E2EEnv, test: Registered): Promise<void> {
  if (test.signedIn && !storageState) throw new Error('not signed in: the sign-in test must pass first');
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    ...(test.signedIn && storageState ? { storageState } : {}),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems: string[] = [];
  const allowed: RegExp[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (!allowed.some((p) => p.test(text))) problems.push(`console error: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  const t: TestContext = {
    env,
    page,
    context,
    screenshot: async (name) => {
      mkdirSync(env.artifacts, { recursive: true });
      await page.screenshot({ path: join(env.artifacts, `${name}.png`), fullPage: true });
    },
    checkA11y: async (label) => {
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      const violations = result.violations.map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(' | ')}`,
      );
      expect(violations.length === 0, `axe violations on ${label}:\n  ${violations.join('\n  ')}`);
    },
    allowConsole: (pattern) => allowed.push(pattern),
  };
  try {
    await test.fn(t);
    expect(problems.length === 0, problems.join('\n'));
  } catch (error) {
    mkdirSync(env.artifacts, { recursive: true });
    const safe = test.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    await page
      .screenshot({ path: join(env.artifacts, `failed-${safe}.png`), fullPage: true })
      .catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

/** Runs every registered test; returns the number of failures. */
export async function runAll(env: E2EEnv): Promise<number> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: process.env.E2E_HEADED !== '1',
  });
  const started = Date.now();
  let passed = 0;
  const failures: string[] = [];
  const results: { name: string; ok: boolean; ms: number }[] = [];
  try {
    for (const test of registered) {
      const t0 = Date.now();
      try {
        await runOne(browser, env, test);
        passed += 1;
        results.push({ name: test.name, ok: true, ms: Date.now() - t0 });
        process.stdout.write(`  ✓ ${test.name} (${((Date.now() - t0) / 1000).toFixed(1)}s)\n`);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        results.push({ name: test.name, ok: false, ms: Date.now() - t0 });
        failures.push(`${test.name}\n    ${message.split('\n').join('\n    ')}`);
        process.stdout.write(`  ✘ ${test.name} (${((Date.now() - t0) / 1000).toFixed(1)}s)\n`);
      }
    }
  } finally {
    await browser.close();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failures.length > 0) {
    process.stdout.write(`\n${failures.map((f, i) => `  ${i + 1}) ${f}`).join('\n\n')}\n\n`);
    process.stdout.write(`  ${failures.length} failed\n`);
  }
  process.stdout.write(`  ${passed} passed (${seconds}s)\n`);
  const report = process.env.E2E_REPORT;
  if (report) {
    mkdirSync(dirname(report), { recursive: true });
    writeFileSync(report, JSON.stringify({ passed, failed: failures.length, tests: results }, null, 2));
  }
  return failures.length;
}
