#!/usr/bin/env node
// Browser tests end to end: builds the web app if needed, starts the local OIDC provider, the
// real API (temp data dir, demo knowledge base) and `next start` on free ports in 3100-3199,
// runs test/e2e/*.spec.ts in Chromium, then stops everything. Exit code 0 only if all passed.
//
//   node apps/web/scripts/e2e.mjs [--build] [--keep] [--headed] [--report=FILE]
// --report writes {passed, failed, tests} as JSON (read by scripts/test-all.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OAuth2Server } from 'oauth2-mock-server';

const webDir = fileURLToPath(new URL('..', import.meta.url));
const rootDir = fileURLToPath(new URL('../../..', import.meta.url));
const nextBin = join(rootDir, 'node_modules/next/dist/bin/next');
const args = new Set(process.argv.slice(2));
const reportArg = process.argv.slice(2).find((a) => a.startsWith('--report='));
const reportFile = reportArg ? resolve(reportArg.slice('--report='.length)) : '';
const PORT_RANGE = [Number(process.env.E2E_PORT_MIN ?? 3100), Number(process.env.E2E_PORT_MAX ?? 3199)];

const children = [];
let oidc = null;
let tempDir = null;

function log(message) {
  process.stdout.write(`[e2e] ${message}\n`);
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function freePorts(count) {
  const [min, max] = PORT_RANGE;
  const span = max - min + 1;
  const start = Math.floor(Math.random() * span);
  const found = [];
  for (let i = 0; i < span && found.length < count; i++) {
    const port = min + ((start + i) % span);
    if (await portFree(port)) found.push(port);
  }
  if (found.length < count) throw new Error(`no ${count} free ports in ${min}-${max}`);
  return found;
}

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function needsBuild() {
  const buildId = join(webDir, '.next/BUILD_ID');
  if (args.has('--build') || !existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const inputs = ['src', 'next.config.ts', 'package.json', 'tsconfig.json'].map((p) => join(webDir, p));
  return inputs.some((p) => existsSync(p) && newestMtime(p) > built);
}

function start(name, command, argv, options) {
  const child = spawn(command, argv, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const keep = (chunk) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('exit', (code, signal) => {
    if (!child.stopping)
      log(`${name} exited early (code ${code}, signal ${signal})\n${lines.slice(-40).join('\n')}`);
  });
  children.push({ name, child, lines });
  return child;
}

async function waitFor(name, url, child, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${name} exited before it was ready`);
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} not ready at ${url} after ${timeoutMs / 1000}s`);
}

async function stopAll() {
  for (const { child } of children.reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.stopping = true;
    child.kill('SIGTERM');
    const exited = await Promise.race([
      new Promise((r) => child.once('exit', () => r(true))),
      new Promise((r) => setTimeout(() => r(false), 10_000)),
    ]);
    if (!exited) child.kill('SIGKILL');
  }
  if (oidc) await oidc.stop().catch(() => undefined);
  if (tempDir && !args.has('--keep')) rmSync(tempDir, { recursive: true, force: true });
}

async function main() {
  tempDir = mkdtempSync(join(tmpdir(), 'web-e2e-'));
  const [oidcPort, apiPort, webPort] = await freePorts(3);
  const jwtSecret = randomBytes(32).toString('hex');
  const user = { sub: 'e2e-user-1', name: 'Ada Tester', email: 'ada@example.test' };

  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    TURBO_TELEMETRY_DISABLED: '1',
  };

  // The API starts slowly (embedding model, initdb): start it while the web app builds. The data
  // directory is seeded first (test/e2e/seed.ts: the demo plus near-duplicates waiting in the dedup
  // review queue, which no API mutation can create), then served.
  log(`API on ${apiPort} (data in ${tempDir})`);
  const api = start(
    'api',
    '/bin/sh',
    [
      '-c',
      '"$0" --import tsx "$1" "$2" "$3" && exec "$0" "$4" serve --port "$5"',
      process.execPath,
      join(webDir, 'test/e2e/seed.ts'),
      join(tempDir, 'data'),
      join(rootDir, 'data/demo/bundle.json'),
      join(rootDir, 'apps/api/bin/rustygpt.mjs'),
      String(apiPort),
    ],
    {
      cwd: rootDir,
      env: {
        ...env,
        NODE_ENV: 'test',
        RUSTYGPT_DATA_DIR: join(tempDir, 'data'),
        RUSTYGPT_JWT_SECRET: jwtSecret,
        RUSTYGPT_ADMIN_EMAILS: user.email,
        RUSTYGPT_LOG_LEVEL: 'warn',
        RUSTYGPT_GRAPHIQL: 'false',
        // Paces the demo's instant extractive answer so the stop test reaches a running answer.
        RUSTYGPT_STREAM_TOKEN_DELAY_MS: '150',
      },
    },
  );

  if (needsBuild()) {
    log('building the web app (next build)…');
    const build = spawnSync(process.execPath, [nextBin, 'build'], {
      cwd: webDir,
      env: { ...env, NODE_ENV: 'production' },
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('next build failed');
  } else {
    log('web build is up to date');
  }

  oidc = new OAuth2Server();
  await oidc.issuer.keys.generate('RS256');
  await oidc.start(oidcPort, '127.0.0.1');
  const issuer = `http://127.0.0.1:${oidcPort}`;
  oidc.issuer.url = issuer;
  oidc.service.on('beforeTokenSigning', (token) => {
    Object.assign(token.payload, user);
  });
  oidc.service.on('beforeUserinfo', (response) => {
    response.body = { ...user, email_verified: true };
  });
  log(`OIDC provider at ${issuer}`);

  const webUrl = `http://127.0.0.1:${webPort}`;
  const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
  const web = start('web', process.execPath, [nextBin, 'start', '-p', String(webPort), '-H', '127.0.0.1'], {
    cwd: webDir,
    env: {
      ...env,
      NODE_ENV: 'production',
      NEXTAUTH_URL: webUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
      RUSTYGPT_JWT_SECRET: jwtSecret,
      RUSTYGPT_API_URL: apiUrl,
      OIDC_TEST_ISSUER: issuer,
      OIDC_TEST_CLIENT_ID: 'rustygpt-web',
    },
  });
  await waitFor('web', `${webUrl}/signin`, web, 60_000);
  log(`web on ${webUrl}`);
  await waitFor('api', `http://127.0.0.1:${apiPort}/readyz`, api, 240_000);
  log('API ready');

  // Async spawn: the OIDC provider lives in this process and must keep answering meanwhile.
  const tests = spawn(process.execPath, ['--import', 'tsx', join(webDir, 'test/e2e/run.ts')], {
    cwd: webDir,
    stdio: 'inherit',
    env: {
      ...env,
      E2E_WEB_URL: webUrl,
      E2E_API_URL: apiUrl,
      E2E_USER_NAME: user.name,
      E2E_ARTIFACTS: join(webDir, 'test-results'),
      E2E_HEADED: args.has('--headed') ? '1' : '',
      E2E_REPORT: reportFile,
    },
  });
  const status = await new Promise((resolve) => tests.on('exit', (code) => resolve(code ?? 1)));
  if (status !== 0) {
    for (const { name, lines } of children) log(`--- ${name} (last lines)\n${lines.slice(-25).join('\n')}`);
  }
  return status;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  for (const { name, lines } of children) log(`--- ${name} (last lines)\n${lines.slice(-30).join('\n')}`);
  code = 1;
} finally {
  await stopAll();
}
process.exit(code);
