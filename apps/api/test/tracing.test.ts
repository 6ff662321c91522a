import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aKnowledgeBase } from './support/knowledge-builder';
import { startTestApi, type TestApi } from './support/harness';

/** A minimal OTLP/HTTP collector: records the span names it receives (JSON encoding). */
let collector: Server;
const spans: string[] = [];
let t: TestApi;

beforeAll(async () => {
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans?: { scopeSpans?: { spans?: { name: string }[] }[] }[];
      };
      for (const rs of body.resourceSpans ?? [])
        for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) spans.push(s.name);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', () => resolve()));
  const { port } = collector.address() as AddressInfo;
  t = await startTestApi({
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` },
    bundle: aKnowledgeBase().withCountry('France', { capital: 'Paris' }).build(),
  });
});
afterAll(async () => {
  await t?.close();
  collector?.close();
});

describe('OpenTelemetry', () => {
  it('exports spans for HTTP, the operation, root resolvers, SQL statements and DAG nodes over OTLP', async () => {
    const token = await t.signIn({ sub: 'traced' });
    const r = await t.gql(
      'mutation { ask(question: "What is the capital of France?") { answer } }',
      {},
      { token },
    );
    expect(r.errors).toBeUndefined();
    await t.close(); // flushes the batch span processor
    expect(spans).toContain('HTTP POST /graphql');
    expect(spans).toContain('graphql.mutation anonymous');
    expect(spans).toContain('graphql.resolve Mutation.ask');
    expect(spans.some((s) => s.startsWith('db.'))).toBe(true);
    expect(spans).toContain('reasoning.run');
    expect(spans.filter((s) => s.includes('entity-identification')).length).toBeGreaterThan(0);
  });
});
