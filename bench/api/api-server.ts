// The RustyGPT API under test for bench/api/run.ts: in-memory embedded database with the demo
// bundle, token auth; prints its URL and an API token on stdout.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KnowledgeBundle } from '@rustygpt/core';
import { mintApiToken } from '../../apps/api/src/auth/api-token';
import { LOCAL_IDENTITY } from '../../apps/api/src/auth/viewer';
import { loadConfig } from '../../apps/api/src/config';
import { startApi } from '../../apps/api/src/compose';

const config = loadConfig({
  NODE_ENV: 'production',
  RUSTYGPT_DATA_DIR: 'memory://',
  RUSTYGPT_PORT: '0',
  RUSTYGPT_JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0',
  RUSTYGPT_LOG_LEVEL: 'warn',
  RUSTYGPT_RATE_LIMIT_PER_MIN: '1000000',
  RUSTYGPT_RATE_LIMIT_BURST: '1000000',
});
const api = await startApi(config, { loadDemo: false });
const bundle = JSON.parse(
  readFileSync(new URL('../../data/demo/bundle.json', import.meta.url), 'utf8'),
) as KnowledgeBundle;
await api.services.data.knowledge(1).importBundle(bundle);
const user = await api.services.data.users.upsertIdentity({ ...LOCAL_IDENTITY, isAdmin: true });
const minted = mintApiToken();
await api.services.data.apiTokens.create({
  userId: user.id,
  name: 'bench',
  hash: minted.hash,
  prefix: minted.prefix,
  admin: true,
});
// CPU time of this process, read by the bench before and after a measurement.
const cpu = createServer((_req, res) => res.end(JSON.stringify(process.cpuUsage())));
await new Promise<void>((resolve) => cpu.listen(0, '127.0.0.1', () => resolve()));
const cpuUrl = `http://127.0.0.1:${(cpu.address() as AddressInfo).port}/`;
process.stdout.write(`${JSON.stringify({ url: api.server.url, token: minted.secret, cpuUrl })}\n`);
process.on('SIGTERM', () => {
  void api.close().then(() => process.exit(0));
});
