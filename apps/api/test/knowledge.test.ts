import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aKnowledgeBase } from './support/knowledge-builder';
import { codesOf, startTestApi, type TestApi } from './support/harness';
import { wsClient } from './support/streams';

let t: TestApi;
let user: string;
let admin: string;

const bundle = aKnowledgeBase()
  .withCountry('France', { capital: 'Paris', population: 68_000_000, aliases: ['French Republic'] })
  .withCountry('Spain', { capital: 'Madrid' })
  .withRelationship('country:france', 'country:spain', 'borders', 'geo.borders', 0.9)
  .withResource({
    uri: 'demo://france',
    title: 'France',
    text: 'France is a country in Western Europe.',
    entities: [{ key: 'country:france', confidence: 0.8 }],
  })
  .build();

beforeAll(async () => {
  // The real built-in embedding model: vector search and the reindex job run for real.
  t = await startTestApi({
    bundle,
    env: { RUSTYGPT_EMBEDDING_MODEL: 'builtin:glove-100d' },
    reindexOnStart: false,
  });
  user = await t.signIn({ sub: 'editor' });
  admin = await t.signIn({ sub: 'boss', email: 'admin@example.org' });
});
afterAll(async () => {
  await t?.close();
});

async function idOf(key: string): Promise<string> {
  const r = await t.gql<{ entity: { id: string } }>(
    'query ($k: String!) { entity(key: $k) { id } }',
    { k: key },
    { token: user },
  );
  return r.data!.entity.id;
}

describe('knowledge queries', () => {
  it('reads an entity with attributes, relationships in both directions, resources and usage', async () => {
    const r = await t.gql<{ entity: Record<string, unknown> }>(
      `query ($id: ID!) { entity(id: $id) {
        key name type state aliases attributes { name value }
        out: relationships(direction: OUT) { edges { node { type weight path to { name } } } }
        borders: relationships(types: ["borders"]) { edges { node { from { name } to { name } } } }
        resources { confidence resource { uri title } }
        usage { count }
      } }`,
      { id: await idOf('country:france') },
      { token: user },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.entity).toMatchObject({
      key: 'country:france',
      name: 'France',
      state: 'ACTIVE',
      aliases: ['French Republic'],
      attributes: [{ name: 'population', value: 68_000_000 }],
      out: {
        edges: [
          { node: { type: 'capital', weight: 1, path: 'geo.capital', to: { name: 'Paris' } } },
          { node: { type: 'borders', weight: 0.9, path: 'geo.borders', to: { name: 'Spain' } } },
        ],
      },
      borders: { edges: [{ node: { from: { name: 'France' }, to: { name: 'Spain' } } }] },
      resources: [{ confidence: 0.8, resource: { uri: 'demo://france', title: 'France' } }],
      usage: { count: 0 },
    });
  });

  it("pages an entity's relationships with cursors, best weight first, filters before paging", async () => {
    type Page = {
      totalOut: { edges: { node: { weight: number; to: { name: string } } }[] };
      page: {
        edges: { cursor: string; node: { weight: number } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const query = `query ($id: ID!, $after: String) { entity(id: $id) {
      totalOut: relationships(direction: OUT, first: 10) { edges { node { weight to { name } } } }
      page: relationships(first: 1, after: $after, minWeight: 0.5) {
        edges { cursor node { weight } } pageInfo { hasNextPage endCursor }
      }
    } }`;
    const id = await idOf('country:france');
    const first = await t.gql<{ entity: Page }>(query, { id }, { token: user });
    expect(first.errors).toBeUndefined();
    expect(first.data!.entity.totalOut.edges.map((e) => e.node.weight)).toEqual([1, 0.9]);
    expect(first.data!.entity.page.edges.map((e) => e.node.weight)).toEqual([1]);
    expect(first.data!.entity.page.pageInfo.hasNextPage).toBe(true);
    const second = await t.gql<{ entity: Page }>(
      query,
      { id, after: first.data!.entity.page.pageInfo.endCursor },
      { token: user },
    );
    expect(second.data!.entity.page.edges.map((e) => e.node.weight)).toEqual([0.9]);
    expect(second.data!.entity.page.pageInfo.hasNextPage).toBe(false);
  });

  it('finds relationships under an ltree prefix and traverses the graph', async () => {
    const byPath = await t.gql<{ relationships: { edges: { node: { type: string } }[] } }>(
      '{ relationships(pathPrefix: "geo", first: 10) { edges { node { type } } } }',
      {},
      { token: user },
    );
    expect(byPath.data!.relationships.edges.map((e) => e.node.type).sort()).toEqual([
      'borders',
      'capital',
      'capital',
    ]);
    const hops = await t.gql<{ traverse: { depth: number; entity: { name: string } }[] }>(
      'query ($id: ID!) { traverse(from: [$id], depth: 2) { depth entity { name } } }',
      { id: await idOf('city:paris') },
      { token: user },
    );
    const names = hops.data!.traverse.map((h) => `${h.depth}:${h.entity.name}`);
    expect(names).toContain('1:France');
    expect(names).toContain('2:Spain');
  });

  it('searches by alias first, then by vector once the reindex job has embedded the graph', async () => {
    const job = await t.gql<{ triggerJob: { id: string; kind: string } }>(
      'mutation { triggerJob(kind: "reindex") { id kind } }',
      {},
      { token: admin },
    );
    expect(job.errors).toBeUndefined();
    const client = wsClient(t.wsUrl, admin);
    const states: string[] = [];
    for await (const r of client.iterate({
      query: 'subscription ($id: ID!) { jobProgress(jobId: $id) { state progress } }',
      variables: { id: job.data!.triggerJob.id },
    })) {
      states.push((r.data as { jobProgress: { state: string } }).jobProgress.state);
    }
    await client.dispose();
    expect(states.at(-1)).toBe('SUCCEEDED');

    const alias = await t.gql<{ searchEntities: { matchedBy: string; entity: { name: string } }[] }>(
      '{ searchEntities(text: "french republic", first: 3) { matchedBy score entity { name } } }',
      {},
      { token: user },
    );
    expect(alias.data!.searchEntities[0]).toEqual({
      matchedBy: 'ALIAS',
      score: 1,
      entity: { name: 'France' },
    });
    expect(alias.data!.searchEntities.slice(1).every((h) => h.matchedBy === 'VECTOR')).toBe(true);
    const vector = await t.gql<{ searchEntities: { matchedBy: string; entity: { name: string } }[] }>(
      '{ searchEntities(text: "Madrid city", first: 2, filter: { types: ["City"] }) { matchedBy entity { name } } }',
      {},
      { token: user },
    );
    expect(vector.data!.searchEntities.map((h) => h.entity.name)).toContain('Madrid');
    const similar = await t.gql<{ similarEntities: { entity: { name: string } }[] }>(
      'query ($id: ID!) { similarEntities(id: $id, first: 3) { entity { name } } }',
      { id: await idOf('country:spain') },
      { token: user },
    );
    expect(similar.data!.similarEntities.map((h) => h.entity.name)).not.toContain('Spain');
    expect(similar.data!.similarEntities.length).toBeGreaterThan(0);
    const metrics = await (await fetch(`${t.base}/metrics`)).text();
    expect(metrics).toMatch(/rustygpt_embedding_cache_ratio\{result="lookups"\} [1-9]/);
  });

  it('describes the reasoning DAG', async () => {
    const r = await t.gql<{ workflow: { nodes: { name: string }[]; edges: { from: string; to: string }[] } }>(
      '{ workflow { name version nodes { name inputs outputs priority } edges { from to key } } }',
      {},
      { token: user },
    );
    const nodes = r.data!.workflow.nodes.map((n) => n.name);
    expect(nodes.length).toBeGreaterThanOrEqual(7);
    for (const edge of r.data!.workflow.edges) {
      expect(nodes).toContain(edge.from);
      expect(nodes).toContain(edge.to);
    }
  });
});

describe('knowledge mutations', () => {
  it('creates, updates with optimistic versioning and sets attributes', async () => {
    const created = await t.gql<{ createEntity: { id: string; version: number } }>(
      'mutation { createEntity(input: { key: "country:italy", type: "Country", name: "Italy", attributes: { capital_city: "Rome" } }) { id version } }',
      {},
      { token: user },
    );
    expect(created.errors).toBeUndefined();
    const { id, version } = created.data!.createEntity;
    const dup = await t.gql(
      'mutation { createEntity(input: { key: "country:italy", type: "Country", name: "Italia" }) { id } }',
      {},
      { token: user },
    );
    expect(codesOf(dup)).toEqual(['BAD_USER_INPUT']);
    const updated = await t.gql<{ updateEntity: { name: string; aliases: string[]; version: number } }>(
      'mutation ($id: ID!, $v: Int) { updateEntity(id: $id, patch: { aliases: ["Italia"] }, expectedVersion: $v) { name aliases version } }',
      { id, v: version },
      { token: user },
    );
    expect(updated.data!.updateEntity).toEqual({ name: 'Italy', aliases: ['Italia'], version: version + 1 });
    const stale = await t.gql(
      'mutation ($id: ID!, $v: Int) { updateEntity(id: $id, patch: { name: "X" }, expectedVersion: $v) { name } }',
      { id, v: version },
      { token: user },
    );
    expect(codesOf(stale)).toEqual(['BAD_USER_INPUT']);
    const attrs = await t.gql<{
      setAttributes: { attributes: { name: string; value: unknown }[]; versions: { change: string }[] };
    }>(
      'mutation ($id: ID!) { setAttributes(id: $id, attributes: { capital_city: null, languages: ["Italian"] }) { attributes { name value } versions { change } } }',
      { id },
      { token: user },
    );
    expect(attrs.data!.setAttributes.attributes).toEqual([{ name: 'languages', value: ['Italian'] }]);
    expect(attrs.data!.setAttributes.versions.length).toBeGreaterThanOrEqual(2);
    const badAttrs = await t.gql(
      'mutation ($id: ID!) { setAttributes(id: $id, attributes: { nested: { a: 1 } }) { id } }',
      { id },
      { token: user },
    );
    expect(codesOf(badAttrs)).toEqual(['BAD_USER_INPUT']);
  });

  it('upserts and deletes relationships, and imports bundles idempotently', async () => {
    const up = await t.gql<{ upsertRelationships: { id: string; type: string }[] }>(
      'mutation { upsertRelationships(inputs: [{ from: "country:italy", to: "country:france", type: "borders", path: "geo.borders" }]) { id type } }',
      {},
      { token: user },
    );
    expect(up.data!.upsertRelationships).toHaveLength(1);
    const unknown = await t.gql(
      'mutation { upsertRelationships(inputs: [{ from: "nope", to: "country:france", type: "x" }]) { id } }',
      {},
      { token: user },
    );
    expect(codesOf(unknown)).toEqual(['BAD_USER_INPUT']);
    const del = await t.gql<{ deleteRelationship: string }>(
      'mutation ($id: ID!) { deleteRelationship(id: $id) }',
      { id: up.data!.upsertRelationships[0]!.id },
      { token: user },
    );
    expect(del.data!.deleteRelationship).toBe(up.data!.upsertRelationships[0]!.id);

    const small = aKnowledgeBase().withCountry('Chile', { capital: 'Santiago' }).build();
    const first = await t.gql<{ importBundle: { entities: { created: number } } }>(
      'mutation ($b: JSON!) { importBundle(bundle: $b) { entities { created updated unchanged } } }',
      { b: small },
      { token: user },
    );
    expect(first.data!.importBundle.entities).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const again = await t.gql<{ importBundle: { entities: { unchanged: number } } }>(
      'mutation ($b: JSON!) { importBundle(bundle: $b) { entities { created updated unchanged } } }',
      { b: small },
      { token: user },
    );
    expect(again.data!.importBundle.entities).toEqual({ created: 0, updated: 0, unchanged: 2 });
    const invalid = await t.gql<unknown>(
      'mutation ($b: JSON!) { importBundle(bundle: $b) { entities { created } } }',
      { b: { entities: [{ key: '', type: 'T' }] } },
      { token: user },
    );
    expect(codesOf(invalid as never)).toEqual(['BAD_USER_INPUT']);
  });

  it('ingests a resource with its text and links it', async () => {
    const r = await t.gql<{ ingestResource: { uri: string; title: string } }>(
      'mutation { ingestResource(input: { uri: "demo://chile", title: "Chile", text: "Chile is long and narrow.", entities: [{ key: "country:chile" }] }) { uri title } }',
      {},
      { token: user },
    );
    expect(r.data!.ingestResource).toEqual({ uri: 'demo://chile', title: 'Chile' });
    const fetchAsUser = await t.gql(
      'mutation { ingestResource(input: { uri: "http://127.0.0.1:1/x" }) { uri } }',
      {},
      { token: user },
    );
    expect(codesOf(fetchAsUser)).toEqual(['FORBIDDEN']);
  });

  it('merges duplicates (admin)', async () => {
    await t.gql(
      'mutation { createEntity(input: { key: "dup:fr", type: "Country", name: "République française" }) { id } }',
      {},
      { token: user },
    );
    const merged = await t.gql<{ mergeEntities: { name: string; aliases: string[] } }>(
      'mutation ($a: ID!, $b: ID!) { mergeEntities(keep: $a, merge: [$b]) { name aliases } }',
      { a: await idOf('country:france'), b: await idOf('dup:fr') },
      { token: admin },
    );
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.mergeEntities.aliases).toContain('République française');
  });
});
