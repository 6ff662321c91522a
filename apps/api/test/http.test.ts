import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOf, startTestApi, type TestApi } from './support/harness';

let t: TestApi;

beforeAll(async () => {
  t = await startTestApi({ env: { RUSTYGPT_MAX_BODY_BYTES: '65536', RUSTYGPT_MAX_VARIABLES_BYTES: '2048' } });
});
afterAll(async () => {
  await t?.close();
});

describe('GraphQL over HTTP', () => {
  it('passes every graphql-http server audit against the live server', async () => {
    const failures: string[] = [];
    for (const audit of serverAudits({ url: () => t.url, fetchFn: fetch })) {
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers GET queries and refuses mutations over GET', async () => {
    const ok = await fetch(`${t.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(await ok.json()).toEqual({ data: { __typename: 'Query' } });
    const mutation = await fetch(
      `${t.url}?query=${encodeURIComponent('mutation { createConversation { id } }')}`,
    );
    expect(mutation.status).toBe(405);
  });

  it('refuses simple cross-site form posts (CSRF) but accepts them with the custom header', async () => {
    const body = new URLSearchParams({ query: '{ __typename }' }).toString();
    const forged = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(forged.status).toBe(403);
    const textPlain = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"{ __typename }"}',
    });
    expect(textPlain.status).toBe(403);
    const withHeader = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rustygpt-csrf': '1' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(withHeader.status).toBe(200);
  });

  it('limits the request body and variables', async () => {
    const big = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(70_000)}` }),
    });
    expect(big.status).toBe(413);
    // A body without a Content-Length (chunked) cannot be checked before it is read: refused.
    const chunks = [`{"query":"{ __typename } # ${'x'.repeat(40_000)}`, `${'x'.repeat(40_000)}"}`];
    const chunked = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(411);
    const vars = await t.gql('query ($s: String) { __typename }', { s: 'y'.repeat(3_000) });
    expect(vars.status).toBe(413);
    expect(codesOf(vars)).toEqual(['BAD_USER_INPUT']);
  });

  it('masks unexpected errors and labels client errors', async () => {
    const invalid = await t.gql('{ nope }');
    expect(invalid.status).toBe(400);
    expect(codesOf(invalid)).toEqual(['BAD_USER_INPUT']);
  });

  it('serves liveness, readiness and Prometheus metrics beside /graphql', async () => {
    const health = await fetch(`${t.base}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${t.base}/readyz`);
    const readiness = (await ready.json()) as Record<string, unknown>;
    expect(ready.status).toBe(200);
    expect(readiness).toMatchObject({ status: 'ready', database: 'ok', models: 'loaded' });
    expect((readiness.nodes as string[]).length).toBeGreaterThan(0);
    const token = await t.signIn({ sub: 'metered' });
    expect(
      (
        await t.gql(
          'mutation { ask(question: "What is the capital of Atlantis?") { answer } }',
          {},
          { token },
        )
      ).errors,
    ).toBeUndefined();
    const metrics = await (await fetch(`${t.base}/metrics`)).text();
    expect(metrics).toMatch(
      /rustygpt_dag_node_duration_seconds_count\{node="entity-identification",status="ok"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /rustygpt_graphql_operation_duration_seconds_count\{operation="anonymous",type="mutation"\} [1-9]/,
    );
    expect(metrics).toContain('rustygpt_http_request_duration_seconds_bucket');
    expect(metrics).toContain('rustygpt_db_duration_seconds');
    expect(metrics).toContain('rustygpt_active_subscriptions');
    expect(metrics).toMatch(/rustygpt_entities\{workspace="default"\} \d+/);
  });

  it('echoes a request id', async () => {
    const res = await fetch(`${t.base}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
  });
});
