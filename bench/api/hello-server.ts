// Baseline for bench/api/run.ts: a bare graphql-yoga hello world, measured alongside the API.
// HELLO_BODY_LIMITER=off turns yoga's streaming request-body limiter off, as the API does.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';

const yoga = createYoga({
  schema: createSchema({
    typeDefs: 'type Query { hello: String! }',
    resolvers: { Query: { hello: () => 'world' } },
  }),
  logging: false,
  landingPage: false,
  graphiql: false,
  ...(process.env.HELLO_BODY_LIMITER === 'off' ? { maxRequestBodySize: false as const } : {}),
});
const server = createServer(yoga);
// CPU time of this process, read by the bench before and after a measurement.
const cpu = createServer((_req, res) => res.end(JSON.stringify(process.cpuUsage())));
server.listen(0, '127.0.0.1', () => {
  cpu.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    const cpuPort = (cpu.address() as AddressInfo).port;
    process.stdout.write(
      `${JSON.stringify({ url: `http://127.0.0.1:${port}/graphql`, cpuUrl: `http://127.0.0.1:${cpuPort}/` })}\n`,
    );
  });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
