import { describe, expect, it } from 'vitest';
import { Deduplicator, mergeEntities, rollbackMerge } from '../src/index';
import { aGraph, useTestWorld } from './support/world';

const world = useTestWorld();

async function curieWorld() {
  return aGraph()
    .withEntity('p:curie', {
      type: 'Person',
      name: 'Marie Curie',
      attributes: { born: 1867, awards: ['Nobel Physics'] },
    })
    .withEntity('p:curie2', {
      type: 'Person',
      name: 'Maria Sklodowska',
      aliases: ['Madame Curie'],
      attributes: { born: 1867, field: 'chemistry', awards: ['Nobel Chemistry'] },
    })
    .withEntity('p:pierre', { type: 'Person', name: 'Pierre Curie' })
    .withEntity('e:radium', { type: 'Element', name: 'Radium' })
    .withRelationship('p:curie2', 'e:radium', 'discovered', 0.9)
    .withRelationship('p:pierre', 'p:curie2', 'married_to', 1)
    .withRelationship('p:curie', 'p:curie2', 'same_as', 0.5)
    .withResource('doc:nobel', 'Curie won two Nobel prizes.', ['p:curie2'])
    .usedDaysAgo('p:curie2', 2, 5)
    .build(world.store);
}

describe('mergeEntities', () => {
  it('rewires relationships and resource links, unions aliases and attributes, deletes the duplicate', async () => {
    const ids = await curieWorld();
    const keep = ids.get('p:curie')!;
    const drop = ids.get('p:curie2')!;
    const { entity, mergeId } = await mergeEntities(world.store, keep, [drop]);
    expect(mergeId).toBeGreaterThan(0);
    expect(await world.store.getEntity(drop)).toBeNull();
    expect(entity.aliases).toEqual(expect.arrayContaining(['Maria Sklodowska', 'Madame Curie']));
    expect(entity.attributes).toMatchObject({ born: 1867, field: 'chemistry' });
    expect(entity.attributes.awards).toEqual(expect.arrayContaining(['Nobel Physics', 'Nobel Chemistry']));
    const rels = await world.store.neighbours(keep);
    expect(rels.map((n) => `${n.relationship.type}:${n.entity.key}`).sort()).toEqual([
      'discovered:e:radium',
      'married_to:p:pierre',
    ]);
    expect((await world.store.resourcesForEntities([keep])).map((r) => r.resource.uri)).toEqual([
      'doc:nobel',
    ]);
    expect((await world.store.usageOf([keep]))[0]?.usageCount).toBe(5);
    expect((await world.store.findByAlias('Madame Curie')).map((e) => e.id)).toEqual([keep]);
  });

  it('refuses to merge entities of different types (homonyms)', async () => {
    const ids = await aGraph()
      .withEntity('c:paris', { type: 'City', name: 'Paris' })
      .withEntity('p:paris', { type: 'Person', name: 'Paris' })
      .build(world.store);
    await expect(
      mergeEntities(world.store, ids.get('c:paris')!, [ids.get('p:paris')!]),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await world.store.countEntities()).toBe(2);
  });
});

describe('rollbackMerge', () => {
  it('puts the graph back exactly as it was, with the same ids', async () => {
    const ids = await curieWorld();
    const before = await world.store.exportBundle();
    const usageBefore = await world.store.usageOf([...ids.values()]);
    const { mergeId } = await mergeEntities(world.store, ids.get('p:curie')!, [ids.get('p:curie2')!]);
    const result = await rollbackMerge(world.store, mergeId);
    expect(result.restored.map((e) => e.id)).toEqual([ids.get('p:curie2')]);
    const after = await world.store.exportBundle();
    expect(after).toEqual(before);
    expect(await world.store.usageOf([...ids.values()])).toEqual(usageBefore);
    expect((await world.store.findByAlias('Madame Curie')).map((e) => e.id)).toEqual([ids.get('p:curie2')]);
  });

  it('refuses a second rollback, and a rollback after the kept entity changed unless forced', async () => {
    const ids = await curieWorld();
    const keep = ids.get('p:curie')!;
    const { mergeId } = await mergeEntities(world.store, keep, [ids.get('p:curie2')!]);
    await world.store.setAttributes(keep, { nationality: 'Polish' });
    await expect(rollbackMerge(world.store, mergeId)).rejects.toMatchObject({ code: 'CONFLICT' });
    await rollbackMerge(world.store, mergeId, { force: true });
    await expect(rollbackMerge(world.store, mergeId)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await world.store.getEntity(keep))?.attributes.nationality).toBeUndefined();
  });

  it('keeps a rolled-back pair apart from later automatic dedup', async () => {
    const ids = await aGraph()
      .withEntity('a', { type: 'Element', name: 'Iron', attributes: { symbol: 'Fe', number: 26 } })
      .withEntity('b', { type: 'Element', name: 'Iron', attributes: { symbol: 'Fe', number: 26 } })
      .build(world.store);
    const dedup = new Deduplicator(world.store, { thresholds: { autoMerge: 0.8, review: 0.5 } });
    const first = await dedup.check([ids.get('b')!]);
    expect(first.merged).toHaveLength(1);
    await rollbackMerge(world.store, first.merged[0]!.mergeId);
    const second = await dedup.check([ids.get('b')!]);
    expect(second.merged).toHaveLength(0);
    expect(await world.store.countEntities()).toBe(2);
  });
});
