import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOf, startTestApi, type TestApi } from './support/harness';

let t: TestApi;
let token: string;

beforeAll(async () => {
  t = await startTestApi({
    env: {
      RUSTYGPT_MAX_DEPTH: '8',
      RUSTYGPT_MAX_ALIASES: '3',
      RUSTYGPT_MAX_COMPLEXITY: '400',
      RUSTYGPT_RATE_LIMIT_PER_MIN: '60',
      RUSTYGPT_RATE_LIMIT_BURST: '20',
      RUSTYGPT_MAX_BUNDLE_BYTES: '2048',
    },
  });
  token = await t.signIn({ sub: 'limited' });
});
afterAll(async () => {
  await t?.close();
});

describe('operation limits', () => {
  it('rejects queries that are too deep', async () => {
    const r = await t.gql(
      '{ entities(first: 1) { edges { node { relationships(first: 1) { edges { node { from { relationships(first: 1) { edges { node { type } } } } } } } } } } }',
      {},
      { token },
    );
    expect(codesOf(r)).toContain('BAD_USER_INPUT');
    expect(r.errors![0]!.message).toMatch(/depth/);
  });

  it('rejects alias amplification', async () => {
    const r = await t.gql(
      '{ a: viewer { name } b: viewer { name } c: viewer { name } d: viewer { name } }',
      {},
      { token },
    );
    expect(codesOf(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.message).toMatch(/aliases/);
  });

  it('prices connections by page size, also through variables', async () => {
    const q =
      'query ($n: Int) { entities(first: $n) { edges { node { relationships(first: $n) { edges { node { type } } } } } } }';
    expect((await t.gql(q, { n: 3 }, { token })).errors).toBeUndefined();
    const r = await t.gql(q, { n: 100 }, { token });
    expect(codesOf(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.message).toMatch(/complexity/);
  });

  it('refuses bundles over the size limit with a path', async () => {
    const bundle = {
      entities: Array.from({ length: 80 }, (_, i) => ({ key: `k${i}`, type: 'T', name: `Name number ${i}` })),
    };
    const r = await t.gql(
      'mutation ($b: JSON!) { importBundle(bundle: $b) { entities { created } } }',
      { b: bundle },
      { token },
    );
    expect(codesOf(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.extensions).toMatchObject({ path: 'bundle' });
  });
});

describe('rate limit', () => {
  it('answers RATE_LIMITED with retry information once the bucket is empty, per user', async () => {
    const hasty = await t.signIn({ sub: 'hasty' });
    const results = [];
    for (let i = 0; i < 25; i++) results.push(await t.gql('{ viewer { name } }', {}, { token: hasty }));
    const limited = results.filter((r) => codesOf(r).includes('RATE_LIMITED'));
    expect(limited.length).toBeGreaterThanOrEqual(4);
    const first = limited[0]!;
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(first.errors![0]!.extensions!.retryInMs).toBeGreaterThan(0);
    // Another user is unaffected.
    expect((await t.gql('{ viewer { name } }', {}, { token })).errors).toBeUndefined();
  });
});
