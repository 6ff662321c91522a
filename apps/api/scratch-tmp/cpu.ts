import { createSchema, createYoga } from 'graphql-yoga';
import { loadConfig } from '../src/config';
import { startApi } from '../src/compose';
import { createApp } from '../src/app';
import { mintApiToken } from '../src/auth/api-token';
import { LOCAL_IDENTITY } from '../src/auth/viewer';
const config = loadConfig({ NODE_ENV: 'production', RUSTYGPT_DATA_DIR: 'memory://', RUSTYGPT_PORT: '0', RUSTYGPT_JWT_SECRET: 'x'.repeat(40), RUSTYGPT_LOG_LEVEL: 'warn', RUSTYGPT_EMBEDDING_MODEL: 'none', RUSTYGPT_RATE_LIMIT_PER_MIN: '1000000', RUSTYGPT_RATE_LIMIT_BURST: '1000000' });
const api = await startApi(config, { loadDemo: false });
const user = await api.services.data.users.upsertIdentity({ ...LOCAL_IDENTITY, isAdmin: true });
const m = mintApiToken();
await api.services.data.apiTokens.create({ userId: user.id, name: 'b', hash: m.hash, prefix: m.prefix, admin: true });
const hello = createYoga({ schema: createSchema({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'world' } } }), logging: false, landingPage: false, graphiql: false });
const app = createApp(api.services);
async function measure(name: string, fn: () => Promise<Response>) {
  for (let i = 0; i < 500; i++) await (await fn()).text();
  const c0 = process.cpuUsage(); const t0 = performance.now(); const N = 4000;
  for (let i = 0; i < N; i++) await (await fn()).text();
  const c = process.cpuUsage(c0);
  console.log(name, ((c.user + c.system) / N).toFixed(1), 'µs cpu/req', ((performance.now() - t0) * 1000 / N).toFixed(1), 'µs wall/req');
}
const body = (q: string) => JSON.stringify({ query: q });
const h = { 'content-type': 'application/json' };
for (let r = 0; r < 2; r++) {
  await measure('hello', () => hello.fetch('http://localhost/graphql', { method: 'POST', headers: { ...h, 'content-length': '19' }, body: body('{ hello }') }));
  await measure('api __typename anon', () => app.fetch('http://localhost/graphql', { method: 'POST', headers: { ...h, 'content-length': '24' }, body: body('{ __typename }') }));
  await measure('api viewer token', () => app.fetch('http://localhost/graphql', { method: 'POST', headers: { ...h, 'content-length': '40', authorization: `Bearer ${m.secret}` }, body: body('{ viewer { name isAdmin } }') }));
}
await api.close(); process.exit(0);
