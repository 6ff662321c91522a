import { describe, expect, it } from 'vitest';
import { Deduplicator, Discovery, discoveredKey, rollbackMerge } from '../src/index';
import { aGraph, useTestWorld, withActiveModel } from './support/world';

const world = useTestWorld();

describe('Deduplicator.check', () => {
  it('auto-merges a duplicate whose name, vector and attributes agree into the older entity', async () => {
    const model = `dedup-${world.store.workspaceId}`;
    await withActiveModel(world.store, model);
    const ids = await aGraph()
      .withEntity('el:fe', { type: 'Element', name: 'Iron', attributes: { symbol: 'Fe' } })
      .withEntity('el:fe-dup', { type: 'Element', name: 'iron', attributes: { symbol: 'Fe', number: 26 } })
      .withEntity('el:au', { type: 'Element', name: 'Gold', attributes: { symbol: 'Au' } })
      .withVector('el:fe', [1, 0, 0, 0])
      .withVector('el:fe-dup', [0.99, 0.05, 0, 0])
      .withVector('el:au', [0, 1, 0, 0])
      .build(world.store, model);
    const report = await new Deduplicator(world.store).check([ids.get('el:fe-dup')!]);
    expect(report.merged).toHaveLength(1);
    expect(report.merged[0]?.entity.id).toBe(ids.get('el:fe'));
    expect(report.merged[0]?.entity.attributes).toMatchObject({ symbol: 'Fe', number: 26 });
    expect(await world.store.countEntities()).toBe(2);
  });

  it('queues a name-only match for review; the reviewer merges or rejects it', async () => {
    const ids = await aGraph()
      .withEntity('c:springfield-il', { type: 'City', name: 'Springfield' })
      .withEntity('c:springfield-x', { type: 'City', name: 'Springfield' })
      .withEntity('c:shelbyville', { type: 'City', name: 'Shelbyville' })
      .build(world.store);
    const dedup = new Deduplicator(world.store);
    const report = await dedup.check([ids.get('c:springfield-x')!, ids.get('c:shelbyville')!]);
    expect(report).toMatchObject({ merged: [], separate: 1 });
    expect(report.queued).toHaveLength(1);
    const [candidate] = await dedup.listCandidates();
    expect(candidate).toMatchObject({ state: 'pending' });
    expect([candidate?.entity1?.name, candidate?.entity2?.name]).toEqual(['Springfield', 'Springfield']);
    const decided = await dedup.decide(candidate!.id, 'merge');
    expect(decided.merge?.entity.id).toBe(ids.get('c:springfield-il'));
    expect(await world.store.countEntities()).toBe(2);
    await expect(dedup.decide(candidate!.id, 'merge')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a reviewed merge can be rolled back, and the pair is then kept apart', async () => {
    const ids = await aGraph()
      .withEntity('a', { type: 'City', name: 'Salem' })
      .withEntity('b', { type: 'City', name: 'Salem' })
      .build(world.store);
    const dedup = new Deduplicator(world.store);
    await dedup.check([ids.get('b')!]);
    const [candidate] = await dedup.listCandidates();
    const { merge } = await dedup.decide(candidate!.id, 'merge');
    const back = await rollbackMerge(world.store, merge!.mergeId);
    expect(back.restored.map((e) => e.id)).toEqual([ids.get('b')]);
    expect(
      (await dedup.listCandidates({ state: 'rejected' })).map((c) => [c.entityId1, c.entityId2]),
    ).toEqual([[ids.get('a'), ids.get('b')]]);
    expect((await dedup.check([ids.get('b')!])).queued).toEqual([]);
  });

  it('a rejected pair stays apart and leaves the queue', async () => {
    const ids = await aGraph()
      .withEntity('a', { type: 'City', name: 'Portland' })
      .withEntity('b', { type: 'City', name: 'Portland' })
      .build(world.store);
    const dedup = new Deduplicator(world.store);
    await dedup.check([ids.get('b')!]);
    const [candidate] = await dedup.listCandidates();
    await dedup.decide(candidate!.id, 'reject');
    expect(await dedup.listCandidates()).toEqual([]);
    expect((await dedup.listCandidates({ state: 'rejected' })).map((c) => c.id)).toEqual([candidate!.id]);
    await dedup.check([ids.get('b')!]);
    expect(await dedup.listCandidates()).toEqual([]);
    expect(await world.store.countEntities()).toBe(2);
  });

  it('keeps homonyms apart even with identical vectors: same name, another type or conflicting values', async () => {
    const model = `homonym-${world.store.workspaceId}`;
    await withActiveModel(world.store, model);
    const ids = await aGraph()
      .withEntity('city:paris', { type: 'City', name: 'Paris' })
      .withEntity('person:paris', { type: 'Person', name: 'Paris' })
      .withEntity('p:js1', { type: 'Person', name: 'John Smith', attributes: { born: 1950 } })
      .withEntity('p:js2', { type: 'Person', name: 'John Smith', attributes: { born: 1982 } })
      .withVector('city:paris', [1, 0, 0, 0])
      .withVector('person:paris', [1, 0, 0, 0])
      .withVector('p:js1', [0, 1, 0, 0])
      .withVector('p:js2', [0, 1, 0, 0])
      .build(world.store, model);
    const report = await new Deduplicator(world.store).check([ids.get('person:paris')!, ids.get('p:js2')!]);
    expect(report).toMatchObject({ merged: [], queued: [], separate: 2 });
    expect(await world.store.countEntities()).toBe(4);
  });

  it('follows configured thresholds: a lower auto-merge bar merges what the default only queues', async () => {
    const ids = await aGraph()
      .withEntity('a', { type: 'Company', name: 'Acme Corp', attributes: { ticker: 'ACME' } })
      .withEntity('b', {
        type: 'Company',
        name: 'ACME',
        aliases: ['Acme Corp'],
        attributes: { ticker: 'ACME' },
      })
      .build(world.store);
    const strict = await new Deduplicator(world.store).matches(
      { type: 'Company', name: 'ACME', aliases: ['Acme Corp'], attributes: { ticker: 'ACME' } },
      { entityId: ids.get('b') },
    );
    expect(strict[0]?.decision).toBe('review');
    const loose = await new Deduplicator(world.store, { thresholds: { autoMerge: 0.8, review: 0.5 } }).check([
      ids.get('b')!,
    ]);
    expect(loose.merged).toHaveLength(1);
  });
});

describe('Discovery', () => {
  it('stages unknown mentions only, counts sightings, validates, creates, merges as alias or queues for review', async () => {
    await aGraph()
      .withEntity('el:fe', { type: 'Element', name: 'Iron', aliases: ['Fe'], attributes: { symbol: 'Fe' } })
      .withEntity('c:springfield', { type: 'City', name: 'Springfield' })
      .build(world.store);
    const dedup = new Deduplicator(world.store, { thresholds: { autoMerge: 0.85, review: 0.55 } });
    const discovery = new Discovery(world.store, dedup);
    const { known, staged } = await discovery.stage([
      { text: 'iron', source: 'answer:1' },
      { text: 'Ferrum', type: 'Element', source: 'ingest:doc1', attributes: { symbol: 'Fe' } },
      { text: 'Springfield', type: 'City', source: 'ingest:doc1' },
      { text: 'Zinc', type: 'Element', source: 'ingest:doc1' },
      { text: 'Zinc', type: 'Element', source: 'ingest:doc2' },
      { text: '???', source: 'ingest:doc3' },
      { text: 'it', source: 'answer:2' },
    ]);
    expect([...known.keys()]).toEqual(['iron', 'Springfield']);
    expect(staged.map((s) => s.mention).sort()).toEqual(['Ferrum', 'Zinc', 'it']);
    await discovery.stage([{ text: 'Zinc', type: 'Element', source: 'ingest:doc4' }]);
    expect((await discovery.list('pending')).find((s) => s.mention === 'Zinc')?.seenCount).toBe(2);

    const report = await discovery.process();
    expect(report.rejected.map((r) => r.reason)).toEqual(['stopword']);
    const zinc = await world.store.getEntityByKey(discoveredKey('Element', 'zinc'));
    expect(zinc).toMatchObject({ name: 'Zinc', type: 'Element', state: 'active' });
    // Ferrum shares the selective symbol with Iron, not its name: created, but not merged.
    expect(report.created).toContain(zinc!.id);
    expect((await discovery.list('pending')).length).toBe(0);
  });

  it('merges a mention into the entity it duplicates (as an alias, gaining its attributes)', async () => {
    const ids = await aGraph()
      .withEntity('el:fe', { type: 'Element', name: 'Iron', attributes: { symbol: 'Fe' } })
      .withEntity('el:au', { type: 'Element', name: 'Gold', attributes: { symbol: 'Au' } })
      .build(world.store);
    const discovery = new Discovery(
      world.store,
      new Deduplicator(world.store, { thresholds: { autoMerge: 0.5, review: 0.3 } }),
    );
    await discovery.stage([
      {
        text: 'Iron (element)',
        type: 'Element',
        source: 'ingest:x',
        attributes: { symbol: 'Fe', density: 7.87 },
      },
    ]);
    const report = await discovery.process();
    expect(report.merged).toEqual([{ stagedId: expect.any(Number), entityId: ids.get('el:fe') }]);
    const iron = await world.store.getEntity(ids.get('el:fe')!);
    expect(iron?.aliases).toContain('Iron (element)');
    expect(iron?.attributes).toMatchObject({ symbol: 'Fe', density: 7.87 });
    expect(await world.store.countEntities()).toBe(2);
    expect((await discovery.list('merged')).map((s) => s.entityId)).toEqual([ids.get('el:fe')]);
  });

  it('stages a known name with another type as a new entity (homonym), never merging it', async () => {
    await aGraph().withEntity('c:paris', { type: 'City', name: 'Paris' }).build(world.store);
    const discovery = new Discovery(
      world.store,
      new Deduplicator(world.store, { thresholds: { autoMerge: 0.5, review: 0.3 } }),
    );
    const { staged } = await discovery.stage([{ text: 'Paris', type: 'Person', source: 'answer:7' }]);
    expect(staged).toHaveLength(1);
    const report = await discovery.process();
    expect(report.merged).toEqual([]);
    expect((await world.store.findByAlias('Paris')).map((e) => e.type).sort()).toEqual(['City', 'Person']);
  });
});
