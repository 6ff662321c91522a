import { describe, expect, it } from 'vitest';
import { aChemistryKnowledgeBase } from '../../test/support/chemistry-kb';
import { GraphCache } from './graph-cache';

describe('GraphCache', () => {
  it('serves repeated reads from memory until an entity changes', async () => {
    const { kb, e } = aChemistryKnowledgeBase();
    const cache = new GraphCache();
    await cache.getEntities(kb, [e.iron.id, e.neon.id]);
    const edges = await cache.edges(kb, [e.ramsay.id]);
    expect(
      edges
        .get(e.ramsay.id)!
        .map((x) => x.otherId)
        .sort(),
    ).toEqual([e.helium.id, e.neon.id, e.argon.id].sort());
    kb.calls.length = 0;
    await cache.getEntities(kb, [e.iron.id]);
    await cache.edges(kb, [e.ramsay.id]);
    expect(kb.calls).toEqual([]);
    cache.invalidate([e.iron.id]);
    await cache.getEntities(kb, [e.iron.id, e.neon.id]);
    await cache.edges(kb, [e.ramsay.id]);
    expect(kb.calls).toEqual(['getEntities', 'neighbours']);
  });
});
