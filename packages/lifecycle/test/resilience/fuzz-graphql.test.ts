/**
 * Fuzzing the GraphQL API over HTTP: 7,000 generated requests against a real `rustygpt serve`
 * (deep and huge queries, hostile variables, NaN/Infinity weights, invalid ltree paths, cyclic
 * relationships, oversized and invalid-UTF-8 strings, malformed bodies). Zero 5xx, zero INTERNAL
 * errors, the server stays up, and rejected writes leave every row count unchanged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from '@rustygpt/store';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, key, ltreePath, nastyNumber, nastyString } from './support/arbitraries';
import { errorCodes, postGraphQL, type GraphQLReply } from './support/graphql';
import { startCli, stopAll, waitForHttp } from './support/processes';

const API_PORT = 4202;
const DB_PORT = 5453;
const url = `http://127.0.0.1:${API_PORT}/graphql`;
const dir = mkdtempSync('/tmp/lifecycle-fuzz-');
let db: Database;
const seen = { requests: 0, errors: 0, byCode: new Map<string, number>() };

beforeAll(async () => {
  startCli(['serve', '--port', String(API_PORT), '--db-port', String(DB_PORT)], {
    RUSTYGPT_DATA_DIR: join(dir, 'data'),
    RUSTYGPT_EMBEDDING_MODEL: 'none',
    RUSTYGPT_RATE_LIMIT_PER_MIN: '1000000',
    RUSTYGPT_RATE_LIMIT_BURST: '1000000',
  });
  await waitForHttp(`http://127.0.0.1:${API_PORT}/healthz`, (s) => s === 200, 180_000);
  db = await openDatabase({
    databaseUrl: `postgres://postgres@127.0.0.1:${DB_PORT}/postgres?sslmode=disable`,
    migrate: false,
    poolSize: 1,
  });
  // Entities the generated keys (k:a..k:e) refer to.
  await postGraphQL(url, {
    query: 'mutation($b: JSON!) { importBundle(bundle: $b) { entities { created } } }',
    variables: {
      b: { entities: ['a', 'b', 'c', 'd'].map((k) => ({ key: `k:${k}`, type: 'Thing', name: k })) },
    },
  });
});

afterAll(async () => {
  await db?.close();
  await stopAll('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `graphql fuzz: ${seen.requests} requests, ${seen.errors} with errors`,
    Object.fromEntries(seen.byCode),
  );
});

async function counts(): Promise<string> {
  const [r] = await db.query(
    `SELECT (SELECT count(*) FROM entities) e, (SELECT count(*) FROM relationships) r, (SELECT count(*) FROM external_resources) x,
            (SELECT count(*) FROM entity_aliases) a, (SELECT count(*) FROM entity_attribute_link) l, (SELECT count(*) FROM entity_versions) h`,
  );
  return JSON.stringify(r);
}

function check(reply: GraphQLReply): void {
  seen.requests += 1;
  const codes = errorCodes(reply);
  if (codes.length > 0) seen.errors += 1;
  for (const c of codes) seen.byCode.set(c, (seen.byCode.get(c) ?? 0) + 1);
  if (reply.status >= 500 || codes.includes('INTERNAL')) {
    throw new Error(`status ${reply.status} codes ${codes.join(',')}: ${reply.raw.slice(0, 500)}`);
  }
}

/** Sends a write; when it was rejected (errors, no data), no row count may change. */
async function write(payload: Parameters<typeof postGraphQL>[1]): Promise<void> {
  const before = await counts();
  const reply = await postGraphQL(url, payload);
  check(reply);
  const data = reply.body?.data as Record<string, unknown> | null | undefined;
  const rejected = errorCodes(reply).length > 0 && (!data || Object.values(data).every((v) => v === null));
  if (rejected) expect(await counts()).toBe(before);
}

const read = async (payload: Parameters<typeof postGraphQL>[1]) => check(await postGraphQL(url, payload));

const run = (arb: fc.Arbitrary<unknown>, numRuns: number, seed: number, fn: (v: never) => Promise<void>) =>
  fc.assert(
    fc.asyncProperty(arb, (v) => fn(v as never)),
    { numRuns, seed },
  );

describe('GraphQL API under hostile input', () => {
  it('reads: search, entity lookups, traversal and ltree prefixes (3,100 requests)', async () => {
    await run(
      fc.tuple(nastyString, fc.oneof(fc.integer(), fc.constant(2 ** 31 - 1))),
      1000,
      1,
      ([text, first]: [string, number]) =>
        read({
          query:
            'query($t: String!, $f: Int) { searchEntities(text: $t, first: $f) { score entity { name } } }',
          variables: { t: text, f: first },
        }),
    );
    await run(fc.tuple(nastyString, nastyString), 700, 2, ([k, id]: [string, string]) =>
      read({
        query:
          'query($k: String, $id: ID) { byKey: entity(key: $k) { name } byId: entity(id: $id) { name } }',
        variables: { k, id },
      }),
    );
    await run(
      fc.tuple(fc.integer({ min: -5, max: 1e9 }), fc.integer(), nastyString),
      700,
      3,
      ([depth, first, id]: [number, number, string]) =>
        read({
          query:
            'query($ids: [ID!]!, $d: Int, $f: Int) { traverse(from: $ids, depth: $d, first: $f) { depth } }',
          variables: { ids: [id, Buffer.from('Entity:1').toString('base64')], d: depth, f: first },
        }),
    );
    await run(ltreePath, 700, 4, (p: string) =>
      read({
        query: 'query($p: String!) { relationships(pathPrefix: $p, first: 5) { edges { node { type } } } }',
        variables: { p },
      }),
    );
  });

  it('writes: entities, relationships with hostile weights and paths, cycles, bundles (2,600 requests)', async () => {
    await run(
      fc.record({
        key: fc.oneof(key, nastyString),
        type: nastyString,
        name: nastyString,
        aliases: fc.array(nastyString, { maxLength: 3 }),
        attributes: fc.jsonValue({ maxDepth: 3 }),
      }),
      1000,
      5,
      (input: Record<string, unknown>) =>
        write({
          query: 'mutation($i: EntityInput!) { createEntity(input: $i) { id } }',
          variables: { i: input },
        }),
    );
    await run(
      fc.array(
        fc.record({
          from: key,
          to: key,
          type: fc.oneof(fc.constantFrom('cycle', 'part_of'), nastyString),
          weight: nastyNumber,
          path: fc.option(ltreePath),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      800,
      6,
      (inputs: { weight: number }[]) => {
        // JSON has no NaN/Infinity: send them as the raw tokens a hostile client would.
        const body = JSON.stringify({
          query: 'mutation($r: [RelationshipInput!]!) { upsertRelationships(inputs: $r) { id weight } }',
          variables: {
            r: inputs.map((r) => ({
              ...r,
              weight: Number.isFinite(r.weight) ? r.weight : `__${String(r.weight)}__`,
            })),
          },
        }).replace(/"__(NaN|Infinity|-Infinity)__"/g, '$1');
        return write(body);
      },
    );
    await run(bundle, 800, 7, (b: unknown) =>
      write({
        query: 'mutation($b: JSON!) { importBundle(bundle: $b) { entities { created } } }',
        variables: { b: b === undefined ? null : b },
      }),
    );
  });

  it('malformed requests: broken JSON, invalid UTF-8, deep and huge queries (1,300 requests)', async () => {
    await run(fc.string({ maxLength: 200 }), 400, 8, (raw: string) => read(raw));
    await run(fc.uint8Array({ minLength: 1, maxLength: 300 }), 300, 9, async (bytes: Uint8Array) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.concat([
          Buffer.from('{"query":"{ entities(first: 1) { edges { node { name } } } }","x":"'),
          Buffer.from(bytes),
          Buffer.from([0xff, 0xfe]),
          Buffer.from('"}'),
        ]),
      });
      const raw = await res.text();
      check({
        status: res.status,
        body: (() => {
          try {
            return JSON.parse(raw) as GraphQLReply['body'];
          } catch {
            return null;
          }
        })(),
        raw,
      });
    });
    await run(fc.integer({ min: 1, max: 400 }), 300, 10, (depth: number) => {
      const query = `{ ${'entities(first: 2) { edges { node { neighbours: relationships(first: 2) { edges { node { '.repeat(Math.min(depth, 60))}__typename${' } } } } } } } }'.repeat(Math.min(depth, 60))} }`;
      const nested = `{ viewer ${'{ __typename '.repeat(depth)}${'}'.repeat(depth)} }`;
      return read({ query: depth % 2 === 0 ? query : nested });
    });
    await run(fc.integer({ min: 1, max: 1000 }), 300, 11, (n: number) =>
      read({
        query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: searchEntities(text: "x${i}", first: 100) { score }`).join(' ')} }`,
      }),
    );
    const health = await fetch(`http://127.0.0.1:${API_PORT}/healthz`);
    expect(health.status).toBe(200);
    expect(seen.requests).toBeGreaterThanOrEqual(7000);
  });
});
