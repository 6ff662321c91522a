import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeStore } from '../src/index';
import { TEST_MODES, freshStore, openTestDatabase, type TestDatabase } from './support/modes';

// A DataLoader batch asks for the relationships of many entities in one statement. A hub among
// them must not crowd the others out: per-entity limits keep the best N of each entity.
describe.each(TEST_MODES)('relationshipsOf per-entity limits (%s)', (mode) => {
  let t: TestDatabase;
  let store: KnowledgeStore;
  const ids = new Map<string, number>();
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    store = await freshStore(t.db, 'rel-batch');
    const spokes = Array.from({ length: 30 }, (_, i) => `spoke:${i}`);
    const written = await store.upsertEntities(
      ['hub', 'a', 'b', 'x', ...spokes].map((key) => ({ key, type: 'Node', name: key })),
    );
    for (const w of written) ids.set(w.key, w.id);
    await store.upsertRelationships([
      // 30 strong hub edges, weights 0.99 down to 0.70
      ...spokes.map((to, i) => ({ from: 'hub', to, type: 'links', weight: 0.99 - i * 0.01 })),
      // a and b have weak edges only
      { from: 'a', to: 'x', type: 'links', weight: 0.2 },
      { from: 'a', to: 'b', type: 'likes', weight: 0.1 },
      { from: 'x', to: 'b', type: 'links', weight: 0.3 },
    ]);
  });
  afterAll(async () => t?.close());

  const keyOf = (id: number) => [...ids].find(([, v]) => v === id)?.[0];

  it('a global limit alone lets the hub take every row', async () => {
    const rows = await store.relationshipsOf([ids.get('hub')!, ids.get('a')!, ids.get('b')!], { limit: 10 });
    expect(new Set(rows.map((r) => keyOf(r.entityId)))).toEqual(new Set(['hub']));
  });

  it('keeps the best N relationships of each entity, best weight first overall', async () => {
    const rows = await store.relationshipsOf([ids.get('hub')!, ids.get('a')!, ids.get('b')!], {
      perEntityLimit: 3,
    });
    const of = (key: string) =>
      rows.filter((r) => r.entityId === ids.get(key)).map((r) => r.relationship.weight);
    expect(of('hub')).toEqual([0.99, 0.98, 0.97]);
    expect(of('a')).toEqual([0.2, 0.1]);
    expect(of('b')).toEqual([0.3, 0.1]); // incoming from x and from a
    const weights = rows.map((r) => r.relationship.weight);
    expect(weights).toEqual([...weights].sort((p, q) => q - p));
  });

  it('applies direction, type and weight filters before the per-entity cut', async () => {
    const rows = await store.relationshipsOf([ids.get('a')!, ids.get('b')!], {
      perEntityLimit: 1,
      types: ['likes'],
    });
    expect(rows.map((r) => [keyOf(r.entityId), r.direction, r.relationship.type])).toEqual([
      ['a', 'out', 'likes'],
      ['b', 'in', 'likes'],
    ]);
    const strong = await store.relationshipsOf([ids.get('hub')!, ids.get('b')!], {
      perEntityLimit: 2,
      minWeight: 0.25,
      direction: 'in',
    });
    expect(strong.map((r) => [keyOf(r.entityId), r.relationship.weight])).toEqual([['b', 0.3]]);
  });
});
