import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError, type EntityInput } from '@rustygpt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeStore, rewireEntityReferences } from '../src/index';
import { aBundle, solarSystem } from './support/bundle-builder';
import { freshStore, openTestDatabase, type TestDatabase } from './support/modes';

// The KnowledgeStore facade as its callers see it: workspace scoping of every read and write,
// defaults and filters of the list and search methods, patches that keep what they do not name,
// optimistic-concurrency checks, merges, resource links and their validation, usage counters and
// the vector reads. One embedded database; each test takes a workspace of its own.
describe('KnowledgeStore facade (embedded)', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase('embedded');
  }, 60_000);
  afterAll(async () => t?.close());

  const fresh = (): Promise<KnowledgeStore> => freshStore(t.db, 'ks-mut');
  const thing = (key: string, overrides: Partial<EntityInput> = {}): EntityInput => ({
    key,
    type: 'Thing',
    name: key.replace(/^.*:/, ''),
    ...overrides,
  });
  const solar = async (): Promise<KnowledgeStore> => {
    const s = await fresh();
    await s.importBundle(solarSystem().build());
    return s;
  };
  const idOf = async (s: KnowledgeStore, key: string): Promise<number> => (await s.getEntityByKey(key))!.id;
  const rejection = async (p: Promise<unknown>): Promise<unknown> =>
    p.then(
      () => null,
      (e: unknown) => e,
    );

  describe('entity reads', () => {
    it('returns entities in the order of the ids asked for, skipping unknown and non-integer ids', async () => {
      const s = await fresh();
      const [a, b] = await s.upsertEntities([thing('t:a'), thing('t:b')]);
      const got = await s.getEntities([b!.id, 1.5, a!.id, Number.NaN, 987_654_321]);
      expect(got.map((e) => e.key)).toEqual(['t:b', 't:a']);
      expect((await s.getEntity(a!.id))?.key).toBe('t:a');
      expect(await s.getEntity(987_654_321)).toBeNull();
    });

    it('does not see entities of another workspace by id, key or alias', async () => {
      const s = await fresh();
      const other = await fresh();
      const { entity } = await s.upsertEntity(thing('t:hidden', { name: 'Hidden Gem' }));
      expect(await other.getEntity(entity.id)).toBeNull();
      expect(await other.getEntityByKey('t:hidden')).toBeNull();
      expect(await other.findByAlias('hidden gem')).toEqual([]);
      expect(await other.searchEntities('hidden')).toEqual([]);
      expect(await other.countEntities()).toBe(0);
      expect(await other.listEntities({ first: 10 })).toEqual([]);
      expect(await other.versionsOf([entity.id])).toEqual([]);
      expect(s.forWorkspace(other.workspaceId).workspaceId).toBe(other.workspaceId);
      expect(await s.forWorkspace(other.workspaceId).getEntityByKey('t:hidden')).toBeNull();
    });

    it('lists homonyms found by alias with active entities first, then by id', async () => {
      const s = await fresh();
      const first = (await s.upsertEntity(thing('t:1', { name: 'Mercury', state: 'archived' }))).entity;
      const second = (await s.upsertEntity(thing('t:2', { name: 'Mercury' }))).entity;
      const third = (await s.upsertEntity(thing('t:3', { name: 'Other', aliases: ['mercury'] }))).entity;
      expect((await s.findByAlias('MERCURY')).map((e) => e.id)).toEqual([second.id, third.id, first.id]);
      expect(await s.findByAlias('?!')).toEqual([]);
    });

    it('counts entities, optionally only some types and states', async () => {
      const s = await fresh();
      await s.upsertEntities([
        thing('t:a', { type: 'A' }),
        thing('t:b', { type: 'B' }),
        thing('t:c', { type: 'A', state: 'archived' }),
      ]);
      expect(await s.countEntities()).toBe(3);
      expect(await s.countEntities({ types: ['A'] })).toBe(2);
      expect(await s.countEntities({ states: ['active'] })).toBe(2);
      expect(await s.countEntities({ types: ['A'], states: ['archived'] })).toBe(1);
      expect(await s.countEntities({ types: ['Z'] })).toBe(0);
    });

    it('pages entities by id with offset, type and state filters; negative bounds read as zero', async () => {
      const s = await fresh();
      await s.upsertEntities([
        thing('t:1', { type: 'A' }),
        thing('t:2', { type: 'B' }),
        thing('t:3', { type: 'A', state: 'inactive' }),
        thing('t:4', { type: 'A' }),
      ]);
      const keys = async (o: Parameters<KnowledgeStore['listEntities']>[0]) =>
        (await s.listEntities(o)).map((e) => e.key);
      expect(await keys({ first: 10 })).toEqual(['t:1', 't:2', 't:3', 't:4']);
      expect(await keys({ first: 2, offset: 1 })).toEqual(['t:2', 't:3']);
      expect(await keys({ first: 10, types: ['A'] })).toEqual(['t:1', 't:3', 't:4']);
      expect(await keys({ first: 10, states: ['inactive'] })).toEqual(['t:3']);
      expect(await keys({ first: 2, offset: -5 })).toEqual(['t:1', 't:2']);
      expect(await keys({ first: -1 })).toEqual([]);
    });

    it('ranks search hits exact name, then prefix, then substring, shorter names first; default limit 20', async () => {
      const s = await fresh();
      await s.upsertEntities([
        thing('t:sub', { name: 'The Big Star' }),
        thing('t:prefix-long', { name: 'Star Cluster Far' }),
        thing('t:prefix', { name: 'Starfish' }),
        thing('t:exact', { name: 'Zed', aliases: ['star'] }),
        thing('t:none', { name: 'Moon' }),
      ]);
      expect((await s.searchEntities('Star')).map((e) => e.key)).toEqual([
        't:exact',
        't:prefix',
        't:prefix-long',
        't:sub',
      ]);
      expect((await s.searchEntities('star', { limit: 2 })).map((e) => e.key)).toEqual([
        't:exact',
        't:prefix',
      ]);
      expect(await s.searchEntities(' - ')).toEqual([]);
      await s.upsertEntities(Array.from({ length: 25 }, (_, i) => thing(`many:${i}`, { name: `Many ${i}` })));
      expect(await s.searchEntities('many')).toHaveLength(20);
    });

    it('returns history rows per entity oldest first with all their fields', async () => {
      const s = await fresh();
      const a = (await s.upsertEntity(thing('t:a'))).entity;
      const b = (await s.upsertEntity(thing('t:b'))).entity;
      await s.updateEntity(a.id, { name: 'A2' });
      await s.updateEntity(b.id, { name: 'B2' });
      const versions = await s.versionsOf([b.id, a.id]);
      expect(versions.map((v) => [v.entityId, v.version])).toEqual([
        [a.id, 1],
        [a.id, 2],
        [b.id, 1],
        [b.id, 2],
      ]);
      expect(versions[1]).toMatchObject({
        change: 'update:name',
        before: { name: 'a' },
        after: { name: 'A2' },
      });
      expect(typeof versions[1]!.id).toBe('number');
      expect(versions[1]!.createdAt).toBeInstanceOf(Date);
      expect(Number.isNaN(versions[1]!.createdAt.getTime())).toBe(false);
      expect(await s.versionsOf([])).toEqual([]);
    });
  });

  describe('alias dictionary', () => {
    it('lists every alias with its entity, name first, and no removals on a full listing', async () => {
      const s = await fresh();
      const kept = (await s.upsertEntity(thing('t:k', { type: 'K', name: 'Kept', aliases: ['Keeper'] })))
        .entity;
      const gone = (await s.upsertEntity(thing('t:g', { name: 'Gone' }))).entity;
      await s.deleteEntity(gone.id);
      const all = await s.listAliases();
      expect(all.entries).toEqual([
        { entityId: kept.id, alias: 'Kept', normalized: 'kept', entityType: 'K', state: 'active' },
        { entityId: kept.id, alias: 'Keeper', normalized: 'keeper', entityType: 'K', state: 'active' },
      ]);
      expect(all.removedEntityIds).toEqual([]);
      expect(all.watermark).toBeGreaterThan(0);
      // the tombstone is newer than the kept entity: it sets the watermark
      expect((await s.listAliases({ changedSince: all.watermark - 1 })).removedEntityIds).toEqual([gone.id]);
    });

    it('keeps the caller watermark when nothing newer exists, and an empty workspace reads zero', async () => {
      const s = await fresh();
      expect(await s.listAliases()).toEqual({ entries: [], watermark: 0, removedEntityIds: [] });
      await s.upsertEntity(thing('t:a'));
      const { watermark } = await s.listAliases();
      const later = await s.listAliases({ changedSince: watermark + 1_000 });
      expect(later).toEqual({ entries: [], watermark: watermark + 1_000, removedEntityIds: [] });
    });
  });

  describe('entity writes', () => {
    it('upserts with an expected version: accepted when current, refused when stale', async () => {
      const s = await fresh();
      await s.upsertEntity(thing('t:v', { name: 'V1' }));
      const ok = await s.upsertEntity(thing('t:v', { name: 'V2' }), { expectedVersion: 1 });
      expect(ok).toMatchObject({ outcome: 'updated', entity: { name: 'V2', version: 2 } });
      const error = await rejection(s.upsertEntity(thing('t:v', { name: 'V3' }), { expectedVersion: 1 }));
      expect(error).toBeInstanceOf(ConflictError);
      expect((await s.getEntityByKey('t:v'))?.name).toBe('V2');
    });

    it('upserts many entities reporting each outcome, and names the bad one by index', async () => {
      const s = await fresh();
      await s.upsertEntities([thing('t:a'), thing('t:c')]);
      const rows = await s.upsertEntities([thing('t:a'), thing('t:b'), thing('t:c', { name: 'C!' })]);
      expect(rows.map((r) => [r.key, r.outcome])).toEqual([
        ['t:a', 'unchanged'],
        ['t:b', 'created'],
        ['t:c', 'updated'],
      ]);
      const error = await rejection(s.upsertEntities([thing('t:e'), thing('t:d', { name: '' })]));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).path).toMatch(/^\$\[1\]/);
      expect(await s.getEntityByKey('t:e')).toBeNull();
    });

    it('names the invalid field of a single upsert or update from the root of its input', async () => {
      const s = await fresh();
      const bad = await rejection(s.upsertEntity(thing('t:bad', { name: '' })));
      expect(bad).toBeInstanceOf(ValidationError);
      expect((bad as ValidationError).path).toBe('$.name');
      const { entity } = await s.upsertEntity(thing('t:good'));
      const badUpdate = await rejection(s.updateEntity(entity.id, { name: '' }));
      expect(badUpdate).toBeInstanceOf(ValidationError);
      expect((badUpdate as ValidationError).path).toBe('$.name');
      expect((await s.getEntity(entity.id))?.name).toBe('good');
    });

    it('patches only what an update names and keeps the rest', async () => {
      const s = await fresh();
      const e = (
        await s.upsertEntity(
          thing('t:p', { type: 'Planet', name: 'Pluto', aliases: ['P'], attributes: { dwarf: true } }),
        )
      ).entity;
      const renamed = await s.updateEntity(e.id, { name: 'Pluto II' });
      expect(renamed).toMatchObject({
        key: 't:p',
        type: 'Planet',
        name: 'Pluto II',
        aliases: ['P'],
        attributes: { dwarf: true },
        state: 'active',
        version: 2,
      });
      const retyped = await s.updateEntity(e.id, { type: 'Dwarf', aliases: ['Q', 'R'] });
      expect(retyped).toMatchObject({ type: 'Dwarf', name: 'Pluto II', aliases: ['Q', 'R'], version: 3 });
      const inactive = await s.setState(e.id, 'inactive');
      expect(inactive).toMatchObject({
        state: 'inactive',
        type: 'Dwarf',
        name: 'Pluto II',
        aliases: ['Q', 'R'],
      });
      expect(inactive.attributes).toEqual({ dwarf: true });
    });

    it('merges attributes: given ones replace, null removes, others stay; name, type and state stay', async () => {
      const s = await fresh();
      const e = (
        await s.upsertEntity(
          thing('t:m', { type: 'T', name: 'M', aliases: ['Em'], attributes: { a: 1, b: 'x', c: true } }),
        )
      ).entity;
      await s.setState(e.id, 'inactive');
      const next = await s.setAttributes(e.id, { a: 2, b: null, d: ['p', 'q'] });
      expect(next).toMatchObject({ type: 'T', name: 'M', aliases: ['Em'], state: 'inactive', version: 3 });
      expect(next.attributes).toEqual({ a: 2, c: true, d: ['p', 'q'] });
      expect((await s.unsetAttribute(e.id, 'c')).attributes).toEqual({ a: 2, d: ['p', 'q'] });
    });

    it('checks the expected version of an update and names the entity when it is missing', async () => {
      const s = await fresh();
      const e = (await s.upsertEntity(thing('t:x'))).entity;
      const stale = await rejection(s.updateEntity(e.id, { name: 'Y' }, 7));
      expect(stale).toBeInstanceOf(ConflictError);
      expect((stale as ConflictError).details).toEqual({ id: e.id, version: 1 });
      expect((stale as ConflictError).message).toBe(`entity ${e.id} is at version 1, not 7`);
      expect((await s.setAttributes(e.id, { n: 1 }, 1)).version).toBe(2);
      expect((await s.getEntity(e.id))?.attributes).toEqual({ n: 1 });
      const missing = await rejection(s.updateEntity(987_654_321, { name: 'Y' }));
      expect(missing).toBeInstanceOf(NotFoundError);
      expect((missing as NotFoundError).message).toBe('entity 987654321 not found');
      const other = await fresh();
      expect(await rejection(other.updateEntity(e.id, { name: 'Y' }))).toBeInstanceOf(NotFoundError);
    });

    it('deletes only within its workspace and leaves a tombstone for alias refreshes', async () => {
      const s = await fresh();
      const e = (await s.upsertEntity(thing('t:d'))).entity;
      const other = await fresh();
      const foreign = await rejection(other.deleteEntity(e.id));
      expect(foreign).toBeInstanceOf(NotFoundError);
      expect((foreign as NotFoundError).message).toBe(`entity ${e.id} not found`);
      expect(await s.getEntity(e.id)).not.toBeNull();
      const { watermark } = await s.listAliases();
      await s.deleteEntity(e.id);
      expect(await s.getEntity(e.id)).toBeNull();
      expect((await s.listAliases({ changedSince: watermark })).removedEntityIds).toEqual([e.id]);
    });
  });

  describe('merging entities', () => {
    it('folds names and aliases of the duplicates into the kept entity, records the merge and tombstones them', async () => {
      const s = await fresh();
      const keep = (await s.upsertEntity(thing('t:keep', { name: 'Keep', aliases: ['K'] }))).entity;
      const a = (await s.upsertEntity(thing('t:a', { name: 'Dup A', aliases: ['Alpha'] }))).entity;
      const b = (await s.upsertEntity(thing('t:b', { name: 'Dup B' }))).entity;
      const { watermark } = await s.listAliases();
      const merged = await s.mergeEntities(keep.id, [a.id, b.id, a.id, keep.id]);
      expect(merged).toMatchObject({ id: keep.id, name: 'Keep', version: 2 });
      expect(merged.aliases).toEqual(['K', 'Dup A', 'Alpha', 'Dup B']);
      expect(await s.getEntities([a.id, b.id])).toEqual([]);
      const versions = await s.versionsOf([keep.id]);
      expect(versions.at(-1)?.change).toBe(`merge:${a.id},${b.id}`);
      const delta = await s.listAliases({ changedSince: watermark });
      expect([...delta.removedEntityIds].sort((x, y) => x - y)).toEqual([a.id, b.id]);
      expect((await s.findByAlias('alpha')).map((e) => e.id)).toEqual([keep.id]);
    });

    it('returns the kept entity untouched when there is nothing else to merge', async () => {
      const s = await fresh();
      const keep = (await s.upsertEntity(thing('t:keep'))).entity;
      expect(await s.mergeEntities(keep.id, [keep.id])).toEqual(keep);
      expect(await s.mergeEntities(keep.id, [])).toEqual(keep);
      expect(await s.versionsOf([keep.id])).toHaveLength(1);
    });

    it('refuses a missing kept or duplicate entity, naming it, and changes nothing', async () => {
      const s = await fresh();
      const keep = (await s.upsertEntity(thing('t:keep'))).entity;
      const dup = (await s.upsertEntity(thing('t:dup'))).entity;
      const noKeep = await rejection(s.mergeEntities(987_654_321, [dup.id]));
      expect(noKeep).toBeInstanceOf(NotFoundError);
      expect((noKeep as NotFoundError).message).toBe('entity 987654321 not found');
      const dup2 = (await s.upsertEntity(thing('t:dup2'))).entity;
      const noDup = await rejection(s.mergeEntities(keep.id, [dup.id, dup2.id, 987_654_322]));
      expect(noDup).toBeInstanceOf(NotFoundError);
      expect((noDup as NotFoundError).message).toBe('entity 987654322 not found');
      expect(await s.getEntity(dup.id)).not.toBeNull();
      expect((await s.getEntity(keep.id))?.version).toBe(1);
      const other = await fresh();
      const foreignDup = (await other.upsertEntity(thing('t:foreign'))).entity;
      expect(await rejection(s.mergeEntities(keep.id, [foreignDup.id]))).toBeInstanceOf(NotFoundError);
      expect(await other.getEntity(foreignDup.id)).not.toBeNull();
    });
  });

  describe('rewiring references on a merge', () => {
    const round = (n: number | undefined) => Math.round((n ?? Number.NaN) * 100) / 100;
    const graph = async () => {
      const s = await fresh();
      await s.upsertEntities(['e:k', 'e:d1', 'e:d2', 'e:s', 'e:x', 'e:y'].map((k) => thing(k)));
      const ids = Object.fromEntries(
        await Promise.all(
          ['e:k', 'e:d1', 'e:d2', 'e:s', 'e:x', 'e:y'].map(async (k) => [k, await idOf(s, k)]),
        ),
      ) as Record<string, number>;
      return { s, ids };
    };

    it('moves relationships onto the kept entity: the higher weight wins, self-loops go, paths stay', async () => {
      const { s, ids } = await graph();
      await s.upsertRelationships([
        { from: 'e:k', to: 'e:s', type: 'orbits', weight: 0.3, path: 'astro.orbits' },
        { from: 'e:d1', to: 'e:s', type: 'orbits', weight: 0.8, path: 'astro.orbits' },
        { from: 'e:k', to: 'e:x', type: 'sees', weight: 0.9 },
        { from: 'e:d1', to: 'e:x', type: 'sees', weight: 0.2 },
        { from: 'e:d1', to: 'e:y', type: 'likes', weight: 0.4 },
        { from: 'e:d2', to: 'e:y', type: 'likes', weight: 0.6 },
        { from: 'e:x', to: 'e:d2', type: 'knows', weight: 0.5, path: 'social.knows' },
        { from: 'e:k', to: 'e:d1', type: 'same', weight: 1 },
        { from: 'e:d1', to: 'e:d2', type: 'twin', weight: 1 },
      ]);
      await s.mergeEntities(ids['e:k']!, [ids['e:d1']!, ids['e:d2']!]);
      const rels = (await s.exportBundle()).relationships!.map((r) => ({ ...r, weight: round(r.weight) }));
      expect(rels).toEqual([
        { from: 'e:k', to: 'e:s', type: 'orbits', weight: 0.8, path: 'astro.orbits' },
        { from: 'e:k', to: 'e:x', type: 'sees', weight: 0.9, path: 'sees' },
        { from: 'e:k', to: 'e:y', type: 'likes', weight: 0.6, path: 'likes' },
        { from: 'e:x', to: 'e:k', type: 'knows', weight: 0.5, path: 'social.knows' },
      ]);
    });

    it('moves resource links with the higher confidence and adds up usage, latest access kept', async () => {
      const { s, ids } = await graph();
      await s.upsertResource({
        uri: 'test://r1',
        entities: [
          { key: 'e:k', confidence: 0.4 },
          { key: 'e:d1', confidence: 0.7 },
        ],
      });
      await s.upsertResource({
        uri: 'test://r2',
        entities: [
          { key: 'e:d1', confidence: 0.3 },
          { key: 'e:d2', confidence: 0.5 },
        ],
      });
      await s.upsertResource({
        uri: 'test://r3',
        entities: [
          { key: 'e:k', confidence: 0.9 },
          { key: 'e:d2', confidence: 0.2 },
        ],
      });
      await s.trackReferences([
        ids['e:k']!,
        ids['e:k']!,
        ids['e:d1']!,
        ids['e:d1']!,
        ids['e:d1']!,
        ids['e:d2']!,
      ]);
      await t.db.query(
        "UPDATE reference_tracking SET last_accessed = '2030-01-01T00:00:00Z' WHERE entity_id = $1",
        [ids['e:d2']],
      );
      await t.db.query(
        "UPDATE reference_tracking SET last_accessed = '2029-01-01T00:00:00Z' WHERE entity_id = $1",
        [ids['e:k']],
      );
      await s.mergeEntities(ids['e:k']!, [ids['e:d1']!, ids['e:d2']!]);
      const links = (await s.exportBundle()).resources!.map((r) => [
        r.uri,
        r.entities!.map((l) => [l.key, round(l.confidence)]),
      ]);
      expect(links).toEqual([
        ['test://r1', [['e:k', 0.7]]],
        ['test://r2', [['e:k', 0.5]]],
        ['test://r3', [['e:k', 0.9]]],
      ]);
      const [usage] = await s.usageOf([ids['e:k']!]);
      expect(usage?.usageCount).toBe(6);
      expect(usage?.lastAccessed?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    });

    it('gives a never-used kept entity the usage of its duplicates, and none when they had none', async () => {
      const { s, ids } = await graph();
      await s.trackReferences([ids['e:d1']!]);
      await t.db.query(
        "UPDATE reference_tracking SET last_accessed = '2031-05-06T00:00:00Z' WHERE entity_id = $1",
        [ids['e:d1']],
      );
      await s.mergeEntities(ids['e:k']!, [ids['e:d1']!]);
      const [used] = await s.usageOf([ids['e:k']!]);
      expect(used).toMatchObject({ usageCount: 1 });
      expect(used?.lastAccessed?.toISOString()).toBe('2031-05-06T00:00:00.000Z');
      await s.mergeEntities(ids['e:s']!, [ids['e:d2']!]);
      expect(await s.usageOf([ids['e:s']!])).toEqual([
        { entityId: ids['e:s'], usageCount: 0, lastAccessed: null },
      ]);
    });

    it('reports only the relationships and links it created, not the ones it raised', async () => {
      const { s, ids } = await graph();
      await s.upsertRelationships([
        { from: 'e:k', to: 'e:s', type: 'orbits', weight: 0.3 },
        { from: 'e:d1', to: 'e:s', type: 'orbits', weight: 0.8 },
        { from: 'e:d1', to: 'e:x', type: 'sees', weight: 0.5 },
      ]);
      const r1 = (await s.upsertResource({ uri: 'test://r1', entities: [{ key: 'e:k' }, { key: 'e:d1' }] }))
        .resource;
      const r2 = (await s.upsertResource({ uri: 'test://r2', entities: [{ key: 'e:d1' }] })).resource;
      const created = await t.db.transaction((tx) => rewireEntityReferences(tx, ids['e:k']!, [ids['e:d1']!]));
      const sees = (await s.neighbours(ids['e:k']!, { types: ['sees'] })).map((n) => n.relationship.id);
      expect(sees).toHaveLength(1);
      expect(created).toEqual({ createdRelationshipIds: sees, createdLinkResourceIds: [r2.id] });
      expect(created.createdLinkResourceIds).not.toContain(r1.id);
    });
  });

  describe('relationships', () => {
    it('reads relationships by id in id order, only of its own workspace', async () => {
      const s = await solar();
      const rels = await s.relationshipsUnderPath('astro');
      const ids = rels.map((r) => r.id).sort((a, b) => b - a);
      const got = await s.getRelationships(ids);
      expect(got.map((r) => r.id)).toEqual([...ids].sort((a, b) => a - b));
      expect(got[0]).toEqual({
        id: got[0]!.id,
        fromId: await idOf(s, 'planet:earth'),
        toId: await idOf(s, 'star:sun'),
        type: 'orbits',
        weight: expect.closeTo(0.9, 5),
        path: 'astro.orbits',
      });
      expect(await s.getRelationships([])).toEqual([]);
      expect(await (await fresh()).getRelationships(ids)).toEqual([]);
    });

    it('upserts several relationships, naming a bad one by index, writing none of them', async () => {
      const s = await solar();
      const rels = await s.upsertRelationships([
        { from: 'moon:moon', to: 'star:sun', type: 'lit by', weight: 0.2 },
        { from: 'moon:phobos', to: 'star:sun', type: 'lit by', weight: 0.1 },
      ]);
      expect(rels.map((r) => [r.type, r.weight])).toEqual([
        ['lit by', expect.closeTo(0.2, 5)],
        ['lit by', expect.closeTo(0.1, 5)],
      ]);
      const error = await rejection(
        s.upsertRelationships([
          { from: 'moon:moon', to: 'planet:mars', type: 'sees' },
          { from: 'moon:moon', to: 'planet:nowhere', type: 'sees' },
        ]),
      );
      expect((error as ValidationError).path).toBe('$[1].to');
      expect(await s.neighbours(await idOf(s, 'moon:moon'), { types: ['sees'] })).toEqual([]);
      const single = await rejection(s.upsertRelationship({ from: 'moon:x', to: 'star:sun', type: 'sees' }));
      expect((single as ValidationError).path).toBe('$.from');
    });

    it('deletes a relationship only within its own workspace', async () => {
      const s = await solar();
      const [rel] = await s.relationshipsUnderPath('science');
      const other = await fresh();
      const error = await rejection(other.deleteRelationship(rel!.id));
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as NotFoundError).message).toBe(`relationship ${rel!.id} not found`);
      expect(await s.getRelationships([rel!.id])).toHaveLength(1);
      await s.deleteRelationship(rel!.id);
      expect(await s.getRelationships([rel!.id])).toEqual([]);
    });

    it('answers graph reads for its own workspace only', async () => {
      const s = await solar();
      const other = await fresh();
      const earth = await idOf(s, 'planet:earth');
      expect((await s.neighbours(earth)).length).toBe(2);
      expect(await other.neighbours(earth)).toEqual([]);
      expect((await s.relationshipsOf([earth])).length).toBe(2);
      expect(await other.relationshipsOf([earth])).toEqual([]);
      expect((await s.traverse([earth], { depth: 1 })).length).toBeGreaterThan(0);
      expect(await other.traverse([earth], { depth: 1 })).toEqual([]);
      expect((await s.vocabulary()).entityTypes.length).toBeGreaterThan(0);
      expect(await other.vocabulary()).toEqual({
        relationshipTypes: [],
        attributeNames: [],
        entityTypes: [],
      });
    });
  });

  describe('resources', () => {
    it('links a resource to entities, confidence 1 by default, and lists links most confident first', async () => {
      const s = await solar();
      const { resource, outcome } = await s.upsertResource({
        uri: 'test://links',
        title: 'Links',
        text: 'about the moon',
        entities: [{ key: 'moon:moon', confidence: 0 }, { key: 'planet:earth' }],
      });
      expect(outcome).toBe('created');
      expect(resource).toMatchObject({ uri: 'test://links', title: 'Links', contentType: 'text/plain' });
      const moon = await idOf(s, 'moon:moon');
      const earth = await idOf(s, 'planet:earth');
      const links = await s.resourcesForEntities([earth, moon]);
      const mine = links.filter((l) => l.resource.id === resource.id);
      expect(mine.map((l) => [l.entityId, l.confidence])).toEqual([
        [earth, 1],
        [moon, 0],
      ]);
      const confidences = links.map((l) => l.confidence);
      expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
      expect(await s.resourcesForEntities([])).toEqual([]);
      expect(await (await fresh()).resourcesForEntities([earth])).toEqual([]);
    });

    it('refuses unknown entity keys and confidences outside [0, 1], naming the link', async () => {
      const s = await solar();
      const unknown = await rejection(
        s.upsertResource({ uri: 'test://bad', entities: [{ key: 'moon:moon' }, { key: 'moon:none' }] }),
      );
      expect(unknown).toBeInstanceOf(ValidationError);
      expect((unknown as ValidationError).path).toBe('$.entities[1].key');
      expect((unknown as ValidationError).message).toContain('unknown entity key "moon:none"');
      for (const confidence of [1.01, -0.01, Number.NaN]) {
        const error = await rejection(
          s.upsertResource({ uri: 'test://bad', entities: [{ key: 'moon:moon', confidence }] }),
        );
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).path).toBe('$.entities[0].confidence');
        expect((error as ValidationError).message).toBe(
          '$.entities[0].confidence: confidence must be between 0 and 1',
        );
      }
      expect(await s.getResources([])).toEqual([]);
      const ok = await s.upsertResource({
        uri: 'test://ok',
        entities: [{ key: 'moon:moon', confidence: 1 }],
      });
      expect(ok.outcome).toBe('created');
      const moon = await idOf(s, 'moon:moon');
      const links = await s.resourcesForEntities([moon]);
      expect(links.some((l) => l.resource.uri === 'test://bad')).toBe(false);
    });

    it('reads resources by id in id order with every field, fetched time as a Date', async () => {
      const s = await solar();
      const a = (await s.upsertResource({ uri: 'test://a', text: 'alpha' })).resource;
      const b = (await s.upsertResource({ uri: 'test://b', type: 'text/markdown', title: 'B' })).resource;
      await t.db.query("UPDATE external_resources SET fetched_at = '2026-02-03T04:05:06Z' WHERE id = $1", [
        a.id,
      ]);
      const got = await s.getResources([b.id, a.id]);
      expect(got.map((r) => r.id)).toEqual([a.id, b.id]);
      expect(got[0]).toMatchObject({
        workspaceId: s.workspaceId,
        uri: 'test://a',
        title: null,
        contentType: 'text/plain',
        text: 'alpha',
      });
      expect(got[0]!.fetchedAt?.toISOString()).toBe('2026-02-03T04:05:06.000Z');
      expect(got[1]).toMatchObject({ uri: 'test://b', title: 'B', contentType: 'text/markdown', text: null });
      expect(got[1]!.fetchedAt).toBeNull();
      expect(await (await fresh()).getResources([a.id])).toEqual([]);
    });

    it('lists chunks by resource, after an id and up to a limit', async () => {
      const s = await solar();
      const all = await s.listChunks();
      expect(all.length).toBeGreaterThanOrEqual(2);
      expect(all.map((c) => c.id)).toEqual([...all.map((c) => c.id)].sort((x, y) => x - y));
      const [mars] = await s.getResources([all.at(-1)!.resourceId]);
      const marsChunks = await s.listChunks({ resourceIds: [mars!.id] });
      expect(marsChunks).toEqual([
        { id: expect.any(Number), resourceId: mars!.id, chunkIndex: 0, text: mars!.text },
      ]);
      expect(await s.listChunks({ afterId: all[0]!.id })).toEqual(all.slice(1));
      expect(await s.listChunks({ limit: 1 })).toEqual(all.slice(0, 1));
      expect(await (await fresh()).listChunks()).toEqual([]);
    });

    it('ranks full-text hits by score, at least one hit even for k = 0, only in its own workspace', async () => {
      const s = await fresh();
      await s.upsertResource({ uri: 'test://one', text: 'comet' });
      await s.upsertResource({ uri: 'test://two', text: 'comet comet comet tail' });
      const hits = await s.searchChunksFullText('comet', { k: 5 });
      expect(hits.map((h) => h.resource.uri)).toEqual(['test://two', 'test://one']);
      expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
      expect(hits[0]).toMatchObject({ chunkIndex: 0, text: 'comet comet comet tail' });
      expect(await s.searchChunksFullText('comet', { k: 0 })).toHaveLength(1);
      expect(await s.searchChunksFullText('   ', { k: 5 })).toEqual([]);
      expect(await (await fresh()).searchChunksFullText('comet', { k: 5 })).toEqual([]);
    });
  });

  describe('embeddings', () => {
    const model = async (s: KnowledgeStore, dims = 2) =>
      s.registerModel({ name: `ks-mut-${randomUUID()}`, dims, fileHash: 'h' });

    it('finds active and inactive entities by vector by default, archived ones only when asked', async () => {
      const s = await fresh();
      const rows = await s.upsertEntities([
        thing('t:active'),
        thing('t:inactive', { state: 'inactive' }),
        thing('t:archived', { state: 'archived' }),
      ]);
      const m = await model(s);
      expect(
        await s.upsertEntityEmbeddings(
          m.name,
          rows.map((r, i) => ({ id: r.id, vector: new Float32Array([1, i / 10]), contentHash: `h${i}` })),
        ),
      ).toBe(3);
      const keys = async (states?: ('active' | 'inactive' | 'archived')[]) =>
        (await s.searchEntitiesByVector(new Float32Array([1, 0]), { modelId: m.id, k: 5, states })).map(
          (h) => h.item.key,
        );
      expect(await keys()).toEqual(['t:active', 't:inactive']);
      expect(await keys(['archived'])).toEqual(['t:archived']);
      const [best] = await s.searchEntitiesByVector(new Float32Array([1, 0]), {
        modelId: m.name,
        k: 1,
        efSearch: 80,
      });
      expect(best!.score).toBeCloseTo(1, 5);
      const hashes = await s.entityEmbeddingHashes(m.id, [rows[1]!.id]);
      expect([...hashes]).toEqual([[rows[1]!.id, 'h1']]);
      expect((await s.entityEmbeddingHashes(m.id)).size).toBe(3);
      expect((await (await fresh()).entityEmbeddingHashes(m.id)).size).toBe(0);
    });

    it('returns chunk vector hits with their resource, text and cosine score, best first', async () => {
      const s = await fresh();
      await s.upsertResource({ uri: 'test://x', text: 'first' });
      await s.upsertResource({ uri: 'test://y', text: 'second' });
      const chunks = await s.listChunks();
      const m = await model(s);
      expect(
        await s.upsertChunkEmbeddings(
          m.name,
          chunks.map((c, i) => ({
            id: c.id,
            vector: new Float32Array(i === 0 ? [1, 0] : [0, 1]),
            contentHash: `c${i}`,
          })),
        ),
      ).toBe(2);
      const hits = await s.searchChunksByVector(new Float32Array([0.2, 1]), { modelId: m.name, k: 2 });
      expect(hits.map((h) => [h.resource.uri, h.text, h.chunkIndex])).toEqual([
        ['test://y', 'second', 0],
        ['test://x', 'first', 0],
      ]);
      expect(hits[0]!.score).toBeGreaterThan(0.9);
      expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
      expect([...(await s.chunkEmbeddingHashes(m.id))].sort()).toEqual(
        chunks.map((c, i) => [c.id, `c${i}`]).sort(),
      );
      expect((await (await fresh()).chunkEmbeddingHashes(m.id)).size).toBe(0);
    });
  });

  describe('models and runs', () => {
    it('registers, indexes, activates and clears an embedding model through the store', async () => {
      const s = await fresh();
      const a = await s.registerModel({ name: `ks-mut-a-${randomUUID()}`, dims: 2, fileHash: 'a' });
      const b = await s.registerModel({ name: `ks-mut-b-${randomUUID()}`, dims: 2, fileHash: 'b' });
      await s.ensureModelIndex(a.id, 2);
      await expect(s.ensureModelIndex(a.id, 3)).rejects.toBeInstanceOf(ValidationError);
      expect((await s.setActiveModel(a.id)).id).toBe(a.id);
      expect((await s.getActiveModel())?.id).toBe(a.id);
      await s.setActiveModel(b.id);
      expect((await s.getActiveModel())?.id).toBe(b.id);
      const [e] = await s.upsertEntities([thing('t:v')]);
      await s.upsertEntityEmbeddings(a.id, [
        { id: e!.id, vector: new Float32Array([1, 0]), contentHash: 'h' },
      ]);
      expect(await s.deleteModelVectors(a.id)).toEqual({ entities: 1, chunks: 0 });
      expect((await s.entityEmbeddingHashes(a.id)).size).toBe(0);
    });

    it('saves a run in its workspace and reads it back; other workspaces do not see it', async () => {
      const s = await fresh();
      const run = {
        id: randomUUID(),
        workspaceId: s.workspaceId,
        question: 'Q?',
        answer: 'A',
        status: 'complete' as const,
        workflowVersion: 'v1',
        startedAt: new Date('2026-01-01T00:00:00.000Z'),
        durationMs: 3,
        userId: null,
        messageId: null,
        steps: [],
      };
      await s.saveRun(run);
      expect(await s.getRun(run.id)).toEqual(run);
      expect(await (await fresh()).getRun(run.id)).toBeNull();
    });

    it('works in the default workspace (id 1) when none is given', () => {
      expect(new KnowledgeStore(t.db).workspaceId).toBe(1);
    });
  });

  describe('usage counters', () => {
    it('counts uses per entity of its own workspace, zero and null for never-used ones, in id order', async () => {
      const s = await fresh();
      const [a, b, c] = await s.upsertEntities([thing('t:a'), thing('t:b'), thing('t:c')]);
      const other = await fresh();
      await other.trackReferences([a!.id]);
      await s.trackReferences([b!.id, a!.id, b!.id, 1.5]);
      await s.trackReferences([]);
      const usage = await s.usageOf([c!.id, b!.id, a!.id]);
      expect(usage.map((u) => [u.entityId, u.usageCount])).toEqual([
        [a!.id, 1],
        [b!.id, 2],
        [c!.id, 0],
      ]);
      expect(usage[0]!.lastAccessed).toBeInstanceOf(Date);
      expect(usage[2]!.lastAccessed).toBeNull();
      expect(await s.usageOf([])).toEqual([]);
      expect(await other.usageOf([a!.id])).toEqual([]);
    });
  });

  describe('bundles', () => {
    it('exports its workspace, also through a given transaction', async () => {
      const s = await fresh();
      const summary = await s.importBundle(
        aBundle().withEntity('t:a').withEntity('t:b', { state: 'inactive' }).build(),
      );
      expect(summary.entities).toEqual({ created: 2, updated: 0, unchanged: 0 });
      const inTx = await t.db.transaction((tx) => s.exportBundle(tx));
      expect(inTx.entities?.map((e) => e.key)).toEqual(['t:a', 't:b']);
      expect(await s.exportBundle()).toEqual(inTx);
    });
  });
});
