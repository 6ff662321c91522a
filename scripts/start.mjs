#!/usr/bin/env node
// The README's run command: API + web + embedded database + demo knowledge base, started
// together through turbo (`turbo run start`: the web app is built first, then both serve).
// Prints the URLs once both answer. Ctrl-C stops everything.
//
// Sign-in: with GITHUB_ID or APPLE_ID set, those providers are used. Without them (a fresh,
// offline machine) this command runs a local OpenID Connect provider (oauth2-mock-server) in
// this process and registers it with the web app as "Local demo sign-in", for this command
// only: it signs you in as a local admin user with one click. Production deployments set real
// provider credentials and never OIDC_TEST_ISSUER.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dataDir = process.env.RUSTYGPT_DATA_DIR ?? join(root, '.rustygpt', 'data');
const stateDir = join(dataDir, '..');
mkdirSync(stateDir, { recursive: true });

/** A secret generated once per checkout so sessions survive restarts; override with the env var. */
function persistentSecret(name) {
  const file = join(stateDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

const apiPort = process.env.RUSTYGPT_API_PORT ?? '4000';
const webPort = process.env.PORT ?? '3000';
const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
const webUrl = `http://127.0.0.1:${webPort}`;
const env = {
  ...process.env,
  RUSTYGPT_DATA_DIR: dataDir,
  RUSTYGPT_API_PORT: apiPort,
  RUSTYGPT_JWT_SECRET: process.env.RUSTYGPT_JWT_SECRET ?? persistentSecret('jwt-secret'),
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? persistentSecret('nextauth-secret'),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? webUrl,
  NEXT_PUBLIC_API_URL: process.env.NEXT_PUBLIC_API_URL ?? apiUrl,
  RUSTYGPT_API_URL: process.env.RUSTYGPT_API_URL ?? apiUrl,
  PORT: webPort,
  NEXT_TELEMETRY_DISABLED: '1',
  TURBO_TELEMETRY_DISABLED: '1',
};

const localUser = { sub: 'local-demo-user', name: 'Local User', email: 'local@rustygpt.localhost' };
if (!process.env.GITHUB_ID && !process.env.APPLE_ID && !process.env.OIDC_TEST_ISSUER) {
  const { OAuth2Server } = await import('oauth2-mock-server');
  const oidc = new OAuth2Server();
  await oidc.issuer.keys.generate('RS256');
  const oidcPort = Number(process.env.RUSTYGPT_LOCAL_OIDC_PORT ?? 4010);
  await oidc.start(oidcPort, '127.0.0.1');
  oidc.issuer.url = `http://127.0.0.1:${oidcPort}`;
  oidc.service.on('beforeTokenSigning', (token) => Object.assign(token.payload, localUser));
  oidc.service.on('beforeUserinfo', (response) => {
    response.body = { ...localUser, email_verified: true };
  });
  Object.assign(env, {
    OIDC_TEST_ISSUER: oidc.issuer.url,
    OIDC_TEST_CLIENT_ID: 'rustygpt-web',
    OIDC_TEST_NAME: 'Local demo sign-in',
    RUSTYGPT_ADMIN_EMAILS: process.env.RUSTYGPT_ADMIN_EMAILS ?? localUser.email,
  });
  process.stdout.write(
    `No GITHUB_ID/APPLE_ID set: "Local demo sign-in" (a local OIDC provider at ${oidc.issuer.url}) signs you in as ${localUser.email}.\n`,
  );
}

const child = spawn('npx', ['turbo', 'run', 'start', '--log-order=stream'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));

async function waitFor(url, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return true;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return false;
}

const [apiUp, webUp] = await Promise.all([
  waitFor(`http://127.0.0.1:${apiPort}/readyz`, 300_000),
  waitFor(webUrl, 300_000),
]);
process.stdout.write(
  `\n  RustyGPT is ${apiUp && webUp ? 'up' : 'starting (still waiting on a part)'}\n` +
    `  web      ${webUrl}\n  GraphQL  ${apiUrl} (HTTP, WebSocket, SSE)\n  health   http://127.0.0.1:${apiPort}/readyz\n` +
    `  data     ${dataDir}\n\n`,
);
