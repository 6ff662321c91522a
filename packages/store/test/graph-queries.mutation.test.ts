import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '@rustygpt/core';
import type { KnowledgeStore } from '../src/index';
import { freshStore, openTestDatabase, type TestDatabase } from './support/modes';

// What a reader of the graph sees: limits (explicit and default), directions, filters, the depth
// cap and the shape of traversal hops. One embedded database for the whole file.
describe('graph queries (embedded)', () => {
  let t: TestDatabase;
  let store: KnowledgeStore;
  const ids = new Map<string, number>();
  const id = (key: string): number => ids.get(key)!;
  const keyOf = (entityId: number): string | undefined => [...ids].find(([, v]) => v === entityId)?.[0];
  // a chain c0 -> c1 -> ... -> c8 (weight 0.9) for the depth cap
  const chain = Array.from({ length: 9 }, (_, i) => `c${i}`);

  beforeAll(async () => {
    t = await openTestDatabase('embedded');
    store = await freshStore(t.db, 'graph-mut');
    const written = await store.upsertEntities([
      ...['a', 'b', 'c', 'd'].map((key) => ({
        key,
        type: 'Node',
        name: key,
        attributes: key === 'a' ? { colour: 'red', size: 1 } : key === 'b' ? { colour: 'blue' } : {},
      })),
      ...chain.map((key) => ({ key, type: 'Link', name: key })),
    ]);
    for (const w of written) ids.set(w.key, w.id);
    await store.upsertRelationships([
      { from: 'a', to: 'b', type: 'knows', weight: 0.9, path: 'social.knows' },
      { from: 'c', to: 'a', type: 'likes', weight: 0.6, path: 'social.likes' },
      { from: 'a', to: 'd', type: 'knows', weight: 0.3, path: 'social.knows' },
      { from: 'b', to: 'd', type: 'cites', weight: 0.8, path: 'work.cites' },
      ...chain.slice(1).map((to, i) => ({ from: chain[i]!, to, type: 'next', weight: 0.9, path: 'chain' })),
    ]);
  });
  afterAll(async () => t?.close());

  describe('relationshipsOf', () => {
    it('returns nothing for no entities', async () => {
      expect(await store.relationshipsOf([])).toEqual([]);
    });

    it('defaults to both directions, best weight first, tagged with the side found from', async () => {
      const rows = await store.relationshipsOf([id('a')]);
      expect(rows.map((r) => [r.relationship.type, r.direction, keyOf(r.entityId)])).toEqual([
        ['knows', 'out', 'a'],
        ['likes', 'in', 'a'],
        ['knows', 'out', 'a'],
      ]);
      expect(rows.map((r) => r.relationship.weight)).toEqual([0.9, 0.6, 0.3]);
    });

    it('honours an explicit direction, type list, minimum weight and limit', async () => {
      const out = await store.relationshipsOf([id('a')], { direction: 'out' });
      expect(out.map((r) => keyOf(r.relationship.toId))).toEqual(['b', 'd']);
      const inbound = await store.relationshipsOf([id('a')], { direction: 'in' });
      expect(inbound.map((r) => keyOf(r.relationship.fromId))).toEqual(['c']);
      const knows = await store.relationshipsOf([id('a')], { types: ['knows'], minWeight: 0.5 });
      expect(knows.map((r) => keyOf(r.relationship.toId))).toEqual(['b']);
      const limited = await store.relationshipsOf([id('a'), id('b')], { limit: 2 });
      expect(limited.map((r) => r.relationship.weight)).toEqual([0.9, 0.9]);
    });

    it('lists a relationship once per side when both ends are asked for, and repeated ids once', async () => {
      const rows = await store.relationshipsOf([id('a'), id('b'), id('a')], { types: ['knows'] });
      // a -> b is found from both of its ends (same weight and id, so either comes first)
      expect(rows.map((r) => [keyOf(r.entityId), r.direction, r.relationship.weight]).sort()).toEqual([
        ['a', 'out', 0.3],
        ['a', 'out', 0.9],
        ['b', 'in', 0.9],
      ]);
      expect(rows[2]!.relationship.weight).toBe(0.3);
    });

    it('per-entity limits keep the best of each entity and still obey the global limit', async () => {
      const rows = await store.relationshipsOf([id('a'), id('b'), id('d')], { perEntityLimit: 1 });
      expect(rows.map((r) => [keyOf(r.entityId), r.relationship.weight]).sort()).toEqual([
        ['a', 0.9],
        ['b', 0.9],
        ['d', 0.8],
      ]);
      expect(rows[2]!.relationship.weight).toBe(0.8);
      const capped = await store.relationshipsOf([id('a'), id('b'), id('d')], {
        perEntityLimit: 1,
        limit: 2,
      });
      expect(capped).toHaveLength(2);
    });
  });

  describe('neighbours', () => {
    it('loads the entity at the other end for both directions', async () => {
      const rows = await store.neighbours(id('a'));
      expect(rows.map((n) => [n.direction, n.entity.key, n.relationship.weight])).toEqual([
        ['out', 'b', 0.9],
        ['in', 'c', 0.6],
        ['out', 'd', 0.3],
      ]);
    });

    it('filters by direction', async () => {
      const inbound = await store.neighbours(id('d'), { direction: 'in' });
      expect(inbound.map((n) => n.entity.key)).toEqual(['b', 'a']);
      expect(await store.neighbours(id('d'), { direction: 'out' })).toEqual([]);
    });
  });

  describe('traverse', () => {
    it('returns nothing for no start entities or a depth below one', async () => {
      expect(await store.traverse([], { depth: 2 })).toEqual([]);
      expect(await store.traverse([id('a')], { depth: 0 })).toEqual([]);
    });

    it('reports depth, the relationships walked and the product of their weights', async () => {
      const hops = await store.traverse([id('c0')], { depth: 2 });
      const rels = await store.relationshipsOf([id('c0'), id('c1')], { direction: 'out' });
      const c0c1 = rels.find((r) => keyOf(r.entityId) === 'c0')!.relationship.id;
      const c1c2 = rels.find((r) => keyOf(r.entityId) === 'c1')!.relationship.id;
      expect(hops).toEqual([
        { entityId: id('c1'), depth: 1, viaRelationshipIds: [c0c1], pathWeight: 0.9 },
        { entityId: id('c2'), depth: 2, viaRelationshipIds: [c0c1, c1c2], pathWeight: expect.closeTo(0.81) },
      ]);
    });

    it('rounds a fractional depth down and caps the depth at six hops', async () => {
      expect((await store.traverse([id('c0')], { depth: 2.7 })).map((h) => h.depth)).toEqual([1, 2]);
      const deep = await store.traverse([id('c0')], { depth: 20 });
      expect(deep.map((h) => keyOf(h.entityId))).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    });

    it('follows the given direction and filters', async () => {
      const back = await store.traverse([id('c3')], { depth: 2, direction: 'in' });
      expect(back.map((h) => keyOf(h.entityId))).toEqual(['c2', 'c1']);
      const fwd = await store.traverse([id('c3')], { depth: 1, direction: 'out' });
      expect(fwd.map((h) => keyOf(h.entityId))).toEqual(['c4']);
      const both = await store.traverse([id('c3')], { depth: 1 });
      expect(both.map((h) => keyOf(h.entityId))).toEqual(['c2', 'c4']);
      const strong = await store.traverse([id('a')], { depth: 2, minWeight: 0.5 });
      expect(strong.map((h) => keyOf(h.entityId))).toEqual(['b', 'd', 'c']);
      const strongest = await store.traverse([id('a')], { depth: 1, minWeight: 0.85 });
      expect(strongest.map((h) => keyOf(h.entityId))).toEqual(['b']);
      const knows = await store.traverse([id('a')], { depth: 2, types: ['knows'] });
      expect(knows.map((h) => keyOf(h.entityId))).toEqual(['b', 'd']);
    });
  });

  describe('relationshipsUnderPath', () => {
    it('returns relationships at or under the prefix, ordered by path', async () => {
      const rows = await store.relationshipsUnderPath('social');
      expect(rows.map((r) => [r.path, r.weight])).toEqual([
        ['social.knows', 0.9],
        ['social.knows', 0.3],
        ['social.likes', 0.6],
      ]);
      expect((await store.relationshipsUnderPath('work.cites')).map((r) => r.type)).toEqual(['cites']);
    });

    it('rejects a prefix that is not an ltree path', async () => {
      const error: unknown = await store.relationshipsUnderPath('bad label').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({
        code: 'BAD_USER_INPUT',
        path: 'prefix',
        message: expect.stringMatching(/^prefix: /),
      });
    });
  });

  it('describes the vocabulary, most frequent first', async () => {
    const v = await store.vocabulary();
    expect(v.relationshipTypes).toEqual([
      { type: 'next', path: 'chain', count: 8 },
      { type: 'knows', path: 'social.knows', count: 2 },
      { type: 'cites', path: 'work.cites', count: 1 },
      { type: 'likes', path: 'social.likes', count: 1 },
    ]);
    expect(v.entityTypes).toEqual([
      { type: 'Link', count: 9 },
      { type: 'Node', count: 4 },
    ]);
    expect(v.attributeNames).toEqual([
      { name: 'colour', count: 2 },
      { name: 'size', count: 1 },
    ]);
  });

  // the default limits need more rows than they let through: a hub with 1,001 spokes of its own
  describe('default limits', () => {
    let bulk: KnowledgeStore;
    let hub: number;
    beforeAll(async () => {
      bulk = await freshStore(t.db, 'graph-bulk');
      const spokes = Array.from({ length: 1001 }, (_, i) => `spoke${i}`);
      const written = await bulk.upsertEntities([
        { key: 'hub', type: 'Hub', name: 'hub' },
        ...spokes.map((key) => ({ key, type: 'Spoke', name: key })),
      ]);
      hub = written[0]!.id;
      await bulk.upsertRelationships(
        spokes.map((to) => ({ from: 'hub', to, type: 'has', weight: 0.5, path: 'bulk.spoke' })),
      );
    }, 60_000);

    it('neighbours: 100 by default, or the explicit limit', async () => {
      const all = await bulk.neighbours(hub);
      expect(all).toHaveLength(100);
      expect(all.every((n) => n.direction === 'out' && n.entity.type === 'Spoke')).toBe(true);
      expect(await bulk.neighbours(hub, { limit: 3 })).toHaveLength(3);
      expect(await bulk.neighbours(hub, { limit: 150 })).toHaveLength(150);
    });

    it('traverse: 1,000 hops by default, or the explicit limit', async () => {
      expect(await bulk.traverse([hub], { depth: 1 })).toHaveLength(1000);
      expect(await bulk.traverse([hub], { depth: 1, limit: 5 })).toHaveLength(5);
    });

    it('relationshipsUnderPath: 1,000 by default, or the explicit limit', async () => {
      expect(await bulk.relationshipsUnderPath('bulk')).toHaveLength(1000);
      expect(await bulk.relationshipsUnderPath('bulk', { limit: 1001 })).toHaveLength(1001);
    });
  });
});
