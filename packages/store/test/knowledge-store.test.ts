import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError, type ReasoningRunRecord } from '@rustygpt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeStore } from '../src/index';
import { solarSystem } from './support/bundle-builder';
import { TEST_MODES, freshStore, openTestDatabase, type TestDatabase } from './support/modes';

describe.each(TEST_MODES)('KnowledgeStore (%s)', (mode) => {
  let t: TestDatabase;
  let store: KnowledgeStore;
  const id = async (key: string) => (await store.getEntityByKey(key))!.id;

  beforeAll(async () => {
    t = await openTestDatabase(mode);
    store = await freshStore(t.db, 'ks');
    await store.importBundle(solarSystem().build());
  });
  afterAll(async () => t?.close());

  describe('entities', () => {
    it('reads an entity by key and by id with aliases and attributes', async () => {
      const earth = await store.getEntityByKey('planet:earth');
      expect(earth).toMatchObject({
        key: 'planet:earth',
        type: 'Planet',
        name: 'Earth',
        state: 'active',
        version: 1,
        aliases: ['Terra', 'the Blue Planet'],
        attributes: { radius_km: 6371, habitable: true, moons: ['Moon'] },
        workspaceId: store.workspaceId,
      });
      expect((await store.getEntity(earth!.id))?.key).toBe('planet:earth');
      expect(await store.getEntityByKey('planet:pluto')).toBeNull();
      expect(await store.getEntities([earth!.id, 999_999])).toHaveLength(1);
    });

    it('finds entities by name or alias ignoring case, accents and punctuation', async () => {
      expect((await store.findByAlias('THE blue-planet!')).map((e) => e.key)).toEqual(['planet:earth']);
      expect((await store.findByAlias('anders angstrom')).map((e) => e.key)).toEqual(['person:angstrom']);
      expect(await store.findByAlias('   ')).toEqual([]);
    });

    it('keeps homonyms: the same alias may name two entities', async () => {
      const s = store.forWorkspace(store.workspaceId);
      await s.upsertEntity({ key: 'myth:mars', type: 'Deity', name: 'Mars', aliases: ['the Red Planet'] });
      expect((await s.findByAlias('mars')).map((e) => e.key).sort()).toEqual(['myth:mars', 'planet:mars']);
      expect((await s.findByAlias('the red planet')).length).toBe(2);
      await s.deleteEntity(await id('myth:mars'));
    });

    it('reports created, updated and unchanged upserts and versions each change', async () => {
      const created = await store.upsertEntity({ key: 'x:1', type: 'T', name: 'One', attributes: { a: 1 } });
      expect(created.outcome).toBe('created');
      const again = await store.upsertEntity({ key: 'x:1', type: 'T', name: 'One', attributes: { a: 1 } });
      expect(again.outcome).toBe('unchanged');
      expect(again.entity.version).toBe(1);
      const changed = await store.upsertEntity({ key: 'x:1', type: 'T', name: 'One', attributes: { a: 2 } });
      expect(changed.outcome).toBe('updated');
      expect(changed.entity.version).toBe(2);
      const versions = await store.versionsOf([created.entity.id]);
      expect(versions.map((v) => [v.version, v.change])).toEqual([
        [1, 'create'],
        [2, 'update:attributes'],
      ]);
      expect(versions[1]?.before).toMatchObject({ attributes: { a: 1 } });
      expect(versions[1]?.after).toMatchObject({ attributes: { a: 2 } });
    });

    it('leaves aliases and attributes alone when an upsert omits them', async () => {
      await store.upsertEntity({
        key: 'x:2',
        type: 'T',
        name: 'Two',
        aliases: ['Deux'],
        attributes: { n: 2 },
      });
      const r = await store.upsertEntity({ key: 'x:2', type: 'T', name: 'Two' });
      expect(r.outcome).toBe('unchanged');
      expect(r.entity).toMatchObject({ aliases: ['Deux'], attributes: { n: 2 } });
    });

    it('sets and unsets attributes (multi-valued too), one version per call', async () => {
      const e = (await store.upsertEntity({ key: 'x:3', type: 'T', name: 'Three' })).entity;
      const a = await store.setAttributes(e.id, { colours: ['red', 'blue', 'red'], size: 3 });
      expect(a.attributes).toEqual({ colours: ['red', 'blue'], size: 3 });
      expect(a.version).toBe(2);
      const b = await store.unsetAttribute(e.id, 'size');
      expect(b.attributes).toEqual({ colours: ['red', 'blue'] });
      expect(b.version).toBe(3);
      const same = await store.setAttributes(e.id, { colours: ['red', 'blue'] });
      expect(same.version).toBe(3);
      expect((await store.versionsOf([e.id])).length).toBe(3);
      await expect(store.setAttributes(424_242, { a: 1 })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('refuses an update against a stale version', async () => {
      const e = (await store.upsertEntity({ key: 'x:4', type: 'T', name: 'Four' })).entity;
      await store.updateEntity(e.id, { name: 'Vier' }, 1);
      await expect(store.updateEntity(e.id, { name: 'Quatre' }, 1)).rejects.toBeInstanceOf(ConflictError);
      expect((await store.getEntity(e.id))?.name).toBe('Vier');
    });

    it('archives entities and leaves them out of vector search by default', async () => {
      const e = (await store.upsertEntity({ key: 'x:5', type: 'T', name: 'Five' })).entity;
      expect((await store.setState(e.id, 'archived')).state).toBe('archived');
      expect(await store.countEntities({ states: ['archived'] })).toBe(1);
    });

    it('deletes an entity with its relationships and reports unknown ids', async () => {
      const s = await freshStore(t.db, 'del');
      await s.importBundle(solarSystem().build());
      const phobos = (await s.getEntityByKey('moon:phobos'))!.id;
      await s.deleteEntity(phobos);
      expect(await s.getEntityByKey('moon:phobos')).toBeNull();
      expect((await s.relationshipsUnderPath('astro')).length).toBe(3);
      await expect(s.deleteEntity(phobos)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('lists, counts and searches entities', async () => {
      expect(await store.countEntities({ types: ['Planet'] })).toBe(2);
      const page = await store.listEntities({ first: 2, offset: 0, types: ['Planet', 'Moon'] });
      expect(page).toHaveLength(2);
      expect((await store.searchEntities('planet')).map((e) => e.key)).toEqual(
        expect.arrayContaining(['planet:earth', 'planet:mars']),
      );
      expect((await store.searchEntities('Ångström'))[0]?.key).toBe('person:angstrom');
      expect(await store.searchEntities('100%_')).toEqual([]);
    });

    it('merges duplicates into one entity, moving aliases and relationships', async () => {
      const s = await freshStore(t.db, 'merge');
      await s.importBundle(
        solarSystem()
          .withEntity('planet:earth2', { type: 'Planet', name: 'Planet Earth', aliases: ['Gaia'] })
          .withRelationship('planet:earth2', 'star:sun', 'orbits', { path: 'astro.orbits', weight: 1 })
          .withRelationship('planet:earth2', 'planet:mars', 'neighbour of', { path: 'astro.near' })
          .build(),
      );
      const keep = (await s.getEntityByKey('planet:earth'))!.id;
      const dup = (await s.getEntityByKey('planet:earth2'))!.id;
      const merged = await s.mergeEntities(keep, [dup]);
      expect(merged.aliases).toEqual(expect.arrayContaining(['Planet Earth', 'Gaia', 'Terra']));
      expect(await s.getEntityByKey('planet:earth2')).toBeNull();
      const out = await s.neighbours(keep, { direction: 'out' });
      expect(out.map((n) => [n.relationship.type, n.entity.key, n.relationship.weight]).sort()).toEqual([
        ['neighbour of', 'planet:mars', 1],
        ['orbits', 'star:sun', 1],
      ]);
    });
  });

  describe('alias dictionary', () => {
    it('lists names and aliases and refreshes incrementally from a watermark', async () => {
      const s = await freshStore(t.db, 'alias');
      await s.importBundle(solarSystem().build());
      const all = await s.listAliases();
      expect(all.entries.find((e) => e.alias === 'Terra')).toMatchObject({
        normalized: 'terra',
        entityType: 'Planet',
        state: 'active',
      });
      expect(all.entries.filter((e) => e.normalized === 'earth')).toHaveLength(1);
      const mark = all.watermark;
      expect((await s.listAliases({ changedSince: mark })).entries).toEqual([]);
      const mars = (await s.getEntityByKey('planet:mars'))!;
      await s.updateEntity(mars.id, { aliases: ['Red Planet', 'Ares'] });
      const phobos = (await s.getEntityByKey('moon:phobos'))!.id;
      await s.deleteEntity(phobos);
      const delta = await s.listAliases({ changedSince: mark });
      expect(delta.entries.map((e) => e.alias).sort()).toEqual(['Ares', 'Mars', 'Red Planet']);
      expect(delta.removedEntityIds).toEqual([phobos]);
      expect(delta.watermark).toBeGreaterThan(mark);
    });
  });

  describe('relationships and traversal', () => {
    it('upserts a relationship idempotently, validating path and weight', async () => {
      const first = await store.upsertRelationship({
        from: 'planet:mars',
        to: 'planet:earth',
        type: 'near',
        weight: 0.3,
      });
      expect(first.outcome).toBe('created');
      expect(first.relationship.path).toBe('near');
      expect(
        (
          await store.upsertRelationship({
            from: 'planet:mars',
            to: 'planet:earth',
            type: 'near',
            weight: 0.3,
          })
        ).outcome,
      ).toBe('unchanged');
      expect(
        (
          await store.upsertRelationship({
            from: 'planet:mars',
            to: 'planet:earth',
            type: 'near',
            weight: 0.4,
          })
        ).outcome,
      ).toBe('updated');
      await expect(
        store.upsertRelationship({
          from: 'planet:mars',
          to: 'planet:earth',
          type: 'near',
          path: 'astro.bad-label',
        }),
      ).rejects.toThrow(/\$\.path: invalid ltree label "bad-label"/);
      await expect(
        store.upsertRelationship({
          from: 'planet:mars',
          to: 'planet:earth',
          type: 'near',
          weight: Number.NaN,
        }),
      ).rejects.toBeInstanceOf(ValidationError);
      await expect(
        store.upsertRelationship({ from: 'planet:mars', to: 'planet:nowhere', type: 'near' }),
      ).rejects.toThrow(/\$\.to: unknown entity key/);
      await store.deleteRelationship(first.relationship.id);
      await expect(store.deleteRelationship(first.relationship.id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('derives the default path from the type', async () => {
      const r = await store.upsertRelationship({ from: 'moon:moon', to: 'star:sun', type: 'lit by' });
      expect(r.relationship.path).toBe('lit_by');
      await store.deleteRelationship(r.relationship.id);
    });

    it('lists neighbours by direction, type and minimum weight', async () => {
      const earth = await id('planet:earth');
      const both = await store.neighbours(earth);
      expect(both.map((n) => [n.direction, n.entity.key]).sort()).toEqual([
        ['in', 'moon:moon'],
        ['out', 'star:sun'],
      ]);
      expect((await store.neighbours(earth, { direction: 'out' })).map((n) => n.entity.key)).toEqual([
        'star:sun',
      ]);
      expect(await store.neighbours(earth, { minWeight: 0.95 })).toEqual([]);
      expect(await store.neighbours(earth, { types: ['studied'] })).toEqual([]);
      const rows = await store.relationshipsOf([earth, await id('planet:mars')], { direction: 'in' });
      expect(rows.map((r) => r.relationship.type)).toEqual(['orbits', 'orbits']);
    });

    it('finds relationships under an ltree path prefix', async () => {
      const astro = await store.relationshipsUnderPath('astro');
      expect(astro).toHaveLength(4);
      expect(astro.every((r) => r.path.startsWith('astro'))).toBe(true);
      expect(await store.relationshipsUnderPath('science.studied')).toHaveLength(1);
      await expect(store.relationshipsUnderPath('astro..x')).rejects.toBeInstanceOf(ValidationError);
    });

    it('traverses k hops, best path weight first, without cycles', async () => {
      const moon = await id('moon:moon');
      const hops = await store.traverse([moon], { depth: 3, direction: 'both' });
      const byKey = new Map<number, (typeof hops)[number]>(hops.map((h) => [h.entityId, h]));
      const sun = byKey.get(await id('star:sun'))!;
      expect(sun.depth).toBe(2);
      expect(sun.pathWeight).toBeCloseTo(0.7 * 0.9);
      expect(sun.viaRelationshipIds).toHaveLength(2);
      expect(byKey.has(moon)).toBe(false);
      expect(byKey.get(await id('planet:mars'))?.depth).toBe(3);
      const weights = hops.map((h) => h.pathWeight);
      expect([...weights].sort((a, b) => b - a)).toEqual(weights);
      expect(await store.traverse([moon], { depth: 1, direction: 'out' })).toHaveLength(1);
      expect(await store.traverse([moon], { depth: 3, direction: 'both', types: ['studied'] })).toEqual([]);
      expect(await store.traverse([moon], { depth: 3, direction: 'both', limit: 2 })).toHaveLength(2);
    });

    it('reads relationships by id and describes the vocabulary', async () => {
      const rels = await store.relationshipsUnderPath('astro');
      expect((await store.getRelationships(rels.map((r) => r.id))).length).toBe(4);
      const v = await store.vocabulary();
      expect(v.relationshipTypes).toContainEqual({ type: 'orbits', path: 'astro.orbits', count: 4 });
      expect(v.entityTypes).toContainEqual({ type: 'Planet', count: 2 });
      expect(v.attributeNames).toContainEqual({ name: 'radius_km', count: 2 });
    });
  });

  describe('resources', () => {
    it('links resources to entities and searches chunks by full text', async () => {
      const res = await store.resourcesForEntities([await id('moon:moon')]);
      expect(res).toHaveLength(1);
      expect(res[0]).toMatchObject({
        confidence: expect.closeTo(0.9, 5),
        resource: { uri: 'test://moon', title: 'The Moon' },
      });
      const hits = await store.searchChunksFullText('natural satellites', { k: 5 });
      expect(hits[0]?.resource.uri).toBe('test://moon');
      expect(hits[0]?.text).toContain('natural satellite');
      expect(await store.searchChunksFullText('zebra', { k: 5 })).toEqual([]);
    });

    it('re-chunks only changed text and reports outcomes', async () => {
      const a = await store.upsertResource({ uri: 'test://r', text: 'alpha beta' });
      expect(a.outcome).toBe('created');
      expect((await store.upsertResource({ uri: 'test://r', text: 'alpha beta' })).outcome).toBe('unchanged');
      expect((await store.upsertResource({ uri: 'test://r', text: 'gamma delta' })).outcome).toBe('updated');
      expect(await store.searchChunksFullText('alpha', { k: 5 })).toEqual([]);
      expect((await store.searchChunksFullText('gamma', { k: 5 }))[0]?.resource.id).toBe(a.resource.id);
      expect((await store.getResources([a.resource.id]))[0]?.contentHash).toMatch(/^[0-9a-f]{64}$/);
      await expect(
        store.upsertResource({ uri: 'test://r2', entities: [{ key: 'nope' }] }),
      ).rejects.toBeInstanceOf(ValidationError);
      expect((await store.getResources([a.resource.id + 1000])).length).toBe(0);
    });
  });

  describe('embeddings', () => {
    it('stores vectors per model and finds the nearest, filtered by type and state', async () => {
      const s = await freshStore(t.db, 'vec');
      await s.importBundle(solarSystem().build());
      const model = await s.registerModel({ name: `m3-${randomUUID()}`, dims: 3, fileHash: 'h1' });
      await s.ensureModelIndex(model.id, 3);
      const keys = ['planet:earth', 'planet:mars', 'moon:moon', 'star:sun'];
      const vectors = [
        [1, 0, 0],
        [0.9, 0.1, 0],
        [0, 1, 0],
        [0, 0, 1],
      ];
      const ids = await Promise.all(keys.map(async (k) => (await s.getEntityByKey(k))!.id));
      const written = await s.upsertEntityEmbeddings(
        model.name,
        ids.map((eid, i) => ({ id: eid, vector: new Float32Array(vectors[i]!), contentHash: `c${i}` })),
      );
      expect(written).toBe(4);
      const top = await s.searchEntitiesByVector(new Float32Array([1, 0.05, 0]), {
        modelId: model.name,
        k: 2,
      });
      expect(top.map((h) => h.item.key)).toEqual(['planet:earth', 'planet:mars']);
      expect(top[0]!.score).toBeGreaterThan(top[1]!.score);
      const moons = await s.searchEntitiesByVector(new Float32Array([1, 0, 0]), {
        modelId: model.id,
        k: 2,
        types: ['Moon'],
      });
      expect(moons.map((h) => h.item.key)).toEqual(['moon:moon']);
      await s.setState(ids[0]!, 'archived');
      const active = await s.searchEntitiesByVector(new Float32Array([1, 0, 0]), {
        modelId: model.name,
        k: 1,
      });
      expect(active[0]?.item.key).toBe('planet:mars');
      expect((await s.entityEmbeddingHashes(model.name)).get(ids[1]!)).toBe('c1');
    });

    it('widens the candidate list when filters reject the nearest vectors', async () => {
      const s = await freshStore(t.db, 'vecwide');
      const rows = await s.upsertEntities(
        Array.from({ length: 60 }, (_, i) => ({
          key: `w:${i}`,
          type: i === 59 ? 'Rare' : 'Common',
          name: `W${i}`,
        })),
      );
      const model = await s.registerModel({ name: `wide-${randomUUID()}`, dims: 2, fileHash: 'h' });
      await s.ensureModelIndex(model.id, 2);
      // Common entities point along x; the single Rare one points away, so it ranks last.
      await s.upsertEntityEmbeddings(
        model.id,
        rows.map((r, i) => ({
          id: r.id,
          vector: new Float32Array(i === 59 ? [-1, 0.1] : [1, i / 100]),
          contentHash: 'h',
        })),
      );
      const rare = await s.searchEntitiesByVector(new Float32Array([1, 0]), {
        modelId: model.id,
        k: 1,
        types: ['Rare'],
      });
      expect(rare.map((h) => h.item.key)).toEqual(['w:59']);
      const top = await s.searchEntitiesByVector(new Float32Array([1, 0]), { modelId: model.id, k: 3 });
      expect(top.map((h) => h.item.key)).toEqual(['w:0', 'w:1', 'w:2']);
      expect(
        await s.searchEntitiesByVector(new Float32Array([1, 0]), {
          modelId: model.id,
          k: 3,
          types: ['None'],
        }),
      ).toEqual([]);
    });

    it('rejects vectors of the wrong dimension and dangling ids, writing nothing', async () => {
      const s = await freshStore(t.db, 'vecbad');
      await s.importBundle(solarSystem().build());
      const model = await s.registerModel({ name: `m4-${randomUUID()}`, dims: 4, fileHash: 'h' });
      const earth = (await s.getEntityByKey('planet:earth'))!.id;
      await expect(
        s.upsertEntityEmbeddings(model.id, [
          { id: earth, vector: new Float32Array([1, 2, 3, 4]), contentHash: 'a' },
          { id: earth, vector: new Float32Array([1, 2, 3]), contentHash: 'a' },
        ]),
      ).rejects.toThrow(/\$\[1\]\.vector: vector has 3 dimensions/);
      await expect(
        s.upsertEntityEmbeddings(model.id, [
          { id: earth, vector: new Float32Array([1, 2, 3, 4]), contentHash: 'a' },
          { id: 987_654, vector: new Float32Array([1, 2, 3, 4]), contentHash: 'a' },
        ]),
      ).rejects.toBeInstanceOf(ValidationError);
      expect((await s.entityEmbeddingHashes(model.id)).size).toBe(0);
      await expect(
        s.searchEntitiesByVector(new Float32Array([1, 2]), { modelId: model.id, k: 1 }),
      ).rejects.toBeInstanceOf(ValidationError);
      await expect(
        s.searchEntitiesByVector(new Float32Array([1, 2]), { modelId: 'no-such-model', k: 1 }),
      ).rejects.toBeInstanceOf(NotFoundError);
    });

    it('searches chunk vectors and switches the active model atomically', async () => {
      const s = await freshStore(t.db, 'chunks');
      await s.importBundle(solarSystem().build());
      const a = await s.registerModel({ name: `a-${randomUUID()}`, dims: 2, fileHash: 'x' });
      const b = await s.registerModel({ name: `b-${randomUUID()}`, dims: 2, fileHash: 'y' });
      expect(a.state).toBe('building');
      const chunks = await s.listChunks();
      expect(chunks.length).toBeGreaterThanOrEqual(2);
      await s.upsertChunkEmbeddings(
        a.id,
        chunks.map((c, i) => ({
          id: c.id,
          vector: new Float32Array([i === 0 ? 1 : 0, i === 0 ? 0 : 1]),
          contentHash: 'h',
        })),
      );
      const hits = await s.searchChunksByVector(new Float32Array([1, 0]), { modelId: a.id, k: 1 });
      expect(hits[0]?.resource.id).toBe(chunks[0]!.resourceId);
      expect(hits[0]?.chunkIndex).toBe(chunks[0]!.chunkIndex);
      expect((await s.chunkEmbeddingHashes(a.id)).size).toBe(chunks.length);
      await s.setActiveModel(a.id);
      expect((await s.getActiveModel())?.id).toBe(a.id);
      await s.setActiveModel(b.id);
      expect((await s.getActiveModel())?.id).toBe(b.id);
      expect((await s.models.get(a.id))?.state).toBe('retired');
      expect(await s.deleteModelVectors(a.id)).toEqual({ entities: 0, chunks: chunks.length });
      expect(await s.searchChunksByVector(new Float32Array([1, 0]), { modelId: a.id, k: 1 })).toEqual([]);
      await expect(s.setActiveModel(9_999_999)).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('usage and runs', () => {
    it('tracks references in batches and ignores unknown ids', async () => {
      const earth = await id('planet:earth');
      await store.trackReferences([earth, earth, await id('star:sun'), 999_999]);
      await store.trackReferences([earth]);
      const usage = await store.usageOf([earth]);
      expect(usage[0]).toMatchObject({ entityId: earth, usageCount: 3 });
      expect(usage[0]?.lastAccessed).toBeInstanceOf(Date);
    });

    it('saves and reloads a run with its steps in order', async () => {
      const run: ReasoningRunRecord = {
        id: randomUUID(),
        workspaceId: store.workspaceId,
        question: 'What orbits Earth?',
        answer: 'The Moon',
        status: 'complete',
        workflowVersion: 'v1',
        startedAt: new Date('2026-01-01T00:00:00.000Z'),
        durationMs: 12.5,
        userId: null,
        messageId: null,
        steps: [
          {
            id: 's2',
            parentId: 's1',
            node: 'answer',
            pass: 1,
            order: 2,
            startedAt: new Date('2026-01-01T00:00:00.010Z'),
            durationMs: 2,
            status: 'ok',
            decision: 'answered',
            reason: null,
            inputs: { q: 1 },
            outputs: { a: 'The Moon' },
            entityIds: [await id('moon:moon')],
            resourceIds: [],
          },
          {
            id: 's1',
            parentId: null,
            node: 'identify',
            pass: 1,
            order: 1,
            startedAt: new Date('2026-01-01T00:00:00.000Z'),
            durationMs: 10,
            status: 'ok',
            decision: null,
            reason: 'alias match',
            inputs: {},
            outputs: { found: ['Earth'] },
            entityIds: [await id('planet:earth')],
            resourceIds: [1],
          },
        ],
      };
      await store.saveRun(run);
      const loaded = await store.getRun(run.id);
      expect(loaded).toEqual({ ...run, steps: [run.steps[1], run.steps[0]] });
      await store.saveRun({ ...run, status: 'error', steps: [] });
      expect((await store.getRun(run.id))?.steps).toEqual([]);
      expect(await store.getRun(randomUUID())).toBeNull();
      expect(await store.forWorkspace(store.workspaceId + 10_000).getRun(run.id)).toBeNull();
    });
  });

  it('serialises concurrent transactions without losing writes', async () => {
    const s = await freshStore(t.db, 'conc');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        s.upsertEntity({ key: `c:${i % 4}`, type: 'T', name: `C${i % 4}`, attributes: { n: i } }),
      ),
    );
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(4);
    expect(await s.countEntities()).toBe(4);
    const versions = await s.versionsOf((await s.listEntities({ first: 10 })).map((e) => e.id));
    expect(versions).toHaveLength(12); // every call changed `n`: 4 creates + 8 updates
  });

  it('isolates workspaces', async () => {
    const other = await freshStore(t.db, 'iso');
    expect(await other.getEntityByKey('planet:earth')).toBeNull();
    expect(await other.findByAlias('earth')).toEqual([]);
    expect(await other.relationshipsUnderPath('astro')).toEqual([]);
    expect(await other.getEntities([await id('planet:earth')])).toEqual([]);
  });
});
