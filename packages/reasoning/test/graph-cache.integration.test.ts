/**
 * The graph cache over the real store: a frontier read in one round trip keeps each entity's
 * strongest edges, so a hub in the same batch cannot crowd out the other entities' edges.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IN_MEMORY, KnowledgeStore, openDatabase, type Database } from '@rustygpt/store';
import { GraphCache } from '../src/support/graph-cache';

let db: Database;
let store: KnowledgeStore;
const id: Record<string, number> = {};

beforeAll(async () => {
  db = await openDatabase({ dataDir: IN_MEMORY });
  store = new KnowledgeStore(db);
  const leaves = ['a', 'b', 'c', 'd', 'e', 'x', 'y'];
  await store.importBundle({
    entities: [
      { key: 'hub', type: 'Port', name: 'Hub' },
      { key: 'quiet', type: 'Port', name: 'Quiet' },
      ...leaves.map((k) => ({ key: k, type: 'Ship', name: `Ship ${k.toUpperCase()}` })),
    ],
    relationships: [
      // The hub's edges all outweigh the quiet port's.
      ...['a', 'b', 'c', 'd', 'e'].map((k, i) => ({
        from: k,
        to: 'hub',
        type: 'docks_at',
        weight: 0.9 - i / 20,
      })),
      { from: 'x', to: 'quiet', type: 'docks_at', weight: 0.3 },
      { from: 'quiet', to: 'y', type: 'supplies', weight: 0.2 },
    ],
  });
  for (const key of ['hub', 'quiet', ...leaves]) id[key] = (await store.getEntityByKey(key))!.id;
});

afterAll(() => db.close());

describe('GraphCache over the store', () => {
  it("cuts each entity's edge list on its own, strongest first", async () => {
    const cache = new GraphCache(100, 60_000, 3);
    const edges = await cache.edges(store, [id.hub!, id.quiet!]);
    expect(edges.get(id.hub!)!.map((e) => [e.otherId, e.direction])).toEqual([
      [id.a, 'in'],
      [id.b, 'in'],
      [id.c, 'in'],
    ]);
    expect(
      edges
        .get(id.quiet!)!
        .map((e) => [e.otherId, e.direction])
        .sort(),
    ).toEqual(
      [
        [id.x, 'in'],
        [id.y, 'out'],
      ].sort(),
    );
  });

  it('reads every edge of a batch within the limit', async () => {
    const edges = await new GraphCache().edges(store, [id.hub!, id.quiet!, id.a!]);
    expect(edges.get(id.hub!)).toHaveLength(5);
    expect(edges.get(id.quiet!)).toHaveLength(2);
    expect(edges.get(id.a!)!.map((e) => e.otherId)).toEqual([id.hub]);
  });
});
