import { describe, expect, it } from 'vitest';
import { decayWeights, inferRelationships, reinforce } from '../src/index';
import { aGraph, useTestWorld, withActiveModel } from './support/world';

const world = useTestWorld();

async function weightOf(from: number, type: string): Promise<number> {
  const n = await world.store.neighbours(from, { direction: 'out', types: [type] });
  return n[0]!.relationship.weight;
}

describe('dynamic weights', () => {
  it('reinforce raises used relationships towards 1, decay lowers only the unused ones, once per period', async () => {
    const ids = await aGraph()
      .withEntity('a')
      .withEntity('b')
      .withEntity('c')
      .withRelationship('a', 'b', 'used', 0.5)
      .withRelationship('a', 'c', 'unused', 0.8)
      .withRelationship('b', 'c', 'strong', 1)
      .build(world.store);
    const a = ids.get('a')!;
    await world.db.query(
      `UPDATE relationships SET updated_at = now() - interval '30 days' WHERE workspace_id = $1`,
      [world.store.workspaceId],
    );
    const used = (await world.store.neighbours(a, { types: ['used'] }))[0]!.relationship.id;
    const strong = (await world.store.neighbours(ids.get('b')!, { direction: 'out', types: ['strong'] }))[0]!
      .relationship.id;
    expect(await reinforce(world.store, [used, used, strong])).toBe(2);
    expect(await weightOf(a, 'used')).toBeCloseTo(0.55);
    expect(await weightOf(ids.get('b')!, 'strong')).toBe(1);

    const weekAgo = new Date(Date.now() - 7 * 86_400_000);
    expect(await decayWeights(world.store, 0.5, weekAgo)).toBe(1);
    expect(await weightOf(a, 'unused')).toBeCloseTo(0.4);
    expect(await weightOf(a, 'used')).toBeCloseTo(0.55);
    expect(await decayWeights(world.store, 0.5, weekAgo)).toBe(0);
    expect(await weightOf(a, 'unused')).toBeCloseTo(0.4);
  });

  it('rejects invalid factors and rates', async () => {
    await expect(decayWeights(world.store, 1.5, new Date())).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(decayWeights(world.store, Number.NaN, new Date())).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(reinforce(world.store, [1], Number.POSITIVE_INFINITY)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});

describe('inferRelationships', () => {
  it('proposes relationships from selective shared attribute values, weighted by agreement', async () => {
    const g = aGraph()
      .withEntity('el:po', {
        type: 'Element',
        name: 'Polonium',
        attributes: { discoverer: 'Curie', country: 'X' },
      })
      .withEntity('el:ra', {
        type: 'Element',
        name: 'Radium',
        attributes: { discoverer: 'Curie', country: 'X' },
      })
      .withEntity('el:fe', { type: 'Element', name: 'Iron', attributes: { country: 'X' } });
    for (let i = 0; i < 30; i += 1) g.withEntity(`filler:${i}`, { attributes: { country: 'X' } });
    const ids = await g.build(world.store);
    const dry = await inferRelationships(world.store, { apply: false, maxGroupSize: 25 });
    expect(dry.written).toEqual([]);
    expect(dry.proposals).toEqual([
      {
        fromId: ids.get('el:po'),
        toId: ids.get('el:ra'),
        type: 'shares_attributes',
        path: 'inferred.shared_attributes',
        weight: 0.45,
        evidence: 'shared discoverer',
      },
    ]);
    const applied = await inferRelationships(world.store, { maxGroupSize: 25 });
    expect(applied.written).toHaveLength(1);
    expect((await world.store.neighbours(ids.get('el:po')!)).map((n) => n.entity.key)).toEqual(['el:ra']);
    expect((await inferRelationships(world.store, { apply: false })).proposals).toEqual([]);
  });

  it('proposes similar_to between entities close in embedding space', async () => {
    const model = `infer-${world.store.workspaceId}`;
    await withActiveModel(world.store, model);
    const ids = await aGraph()
      .withEntity('a', { name: 'Alpha' })
      .withEntity('b', { name: 'Beta' })
      .withEntity('c', { name: 'Gamma' })
      .withVector('a', [1, 0.1, 0, 0])
      .withVector('b', [1, 0.12, 0, 0])
      .withVector('c', [0, 0, 1, 0])
      .build(world.store, model);
    const { proposals } = await inferRelationships(world.store, { apply: false, minCosine: 0.9 });
    expect(proposals.map((p) => [p.fromId, p.toId, p.type])).toEqual([
      [ids.get('a'), ids.get('b'), 'similar_to'],
    ]);
    expect(proposals[0]!.weight).toBeGreaterThan(0.99);
  });
});
