/** Deterministic large knowledge bundles for crash tests (`aLargeBundle(50_000)`). */
import type { KnowledgeBundle } from '@rustygpt/core';

/** `n` entities in a few types with aliases and attributes, and about `n` relationships. */
export function aLargeBundle(n: number, seed = 42): KnowledgeBundle {
  let s = seed;
  const rand = () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  const types = ['Person', 'City', 'Element', 'Company', 'Book'];
  const entities = Array.from({ length: n }, (_, i) => ({
    key: `gen:${i}`,
    type: types[i % types.length] as string,
    name: `Entity ${i}`,
    aliases: [`E${i}`],
    attributes: { rank: i, group: `g${i % 97}` },
  }));
  const relationships = Array.from({ length: n }, (_, i) => ({
    from: `gen:${i}`,
    to: `gen:${Math.floor(rand() * n)}`,
    type: i % 2 === 0 ? 'related_to' : 'part_of',
    weight: Math.round(rand() * 1000) / 1000,
  })).filter((r) => r.from !== r.to);
  return { entities, relationships };
}
