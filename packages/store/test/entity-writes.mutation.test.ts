import { ConflictError, ValidationError, type EntityInput } from '@rustygpt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeStore } from '../src/index';
import { freshStore, openTestDatabase, type TestDatabase } from './support/modes';

// Entity upserts as a store user sees them: outcomes and versions, the history rows each write
// leaves, aliases and attributes rewritten with the entity, optimistic-concurrency conflicts, a
// rejected batch writing nothing, and loading by id in the order asked. One embedded database;
// each test takes a workspace of its own.
describe('entity writes (embedded)', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase('embedded');
  }, 60_000);
  afterAll(async () => t?.close());

  const fresh = (): Promise<KnowledgeStore> => freshStore(t.db, 'entity-writes');
  const person = (overrides: Partial<EntityInput> = {}): EntityInput => ({
    key: 'p:ada',
    type: 'Person',
    name: 'Ada Lovelace',
    aliases: ['Countess of Lovelace', 'Ada'],
    attributes: { born: 1815, langs: ['en', 'fr'], tags: ['math'], notable: true },
    ...overrides,
  });

  it('creates an entity at version 1 with its aliases, attributes and a "create" history row', async () => {
    const store = await fresh();
    const { entity, outcome } = await store.upsertEntity(person());
    expect(outcome).toBe('created');
    expect(entity).toMatchObject({
      key: 'p:ada',
      type: 'Person',
      name: 'Ada Lovelace',
      state: 'active',
      version: 1,
      aliases: ['Countess of Lovelace', 'Ada'],
      attributes: { born: 1815, langs: ['en', 'fr'], tags: ['math'], notable: true },
    });
    // the name is an alias for lookups but not listed among the aliases
    expect((await store.findByAlias('ada lovelace')).map((e) => e.id)).toEqual([entity.id]);
    expect((await store.findByAlias('countess of lovelace')).map((e) => e.id)).toEqual([entity.id]);
    const [v1, ...rest] = await store.versionsOf([entity.id]);
    expect(rest).toEqual([]);
    expect(v1).toMatchObject({ entityId: entity.id, version: 1, change: 'create', before: null });
    expect(v1!.after).toMatchObject({
      key: 'p:ada',
      name: 'Ada Lovelace',
      aliases: ['Countess of Lovelace', 'Ada'],
    });
  });

  it('leaves an identical entity untouched: same version, no new history row', async () => {
    const store = await fresh();
    const first = await store.upsertEntity(person());
    const again = await store.upsertEntity(person());
    expect(again.outcome).toBe('unchanged');
    expect(again.entity).toEqual(first.entity);
    expect(await store.versionsOf([first.entity.id])).toHaveLength(1);
  });

  it('updates a changed entity: version + 1, the parts that changed, before and after, details rewritten', async () => {
    const store = await fresh();
    const first = await store.upsertEntity(person());
    const changed = await store.upsertEntity(
      person({ name: 'Augusta Ada King', aliases: ['Ada'], attributes: { born: 1815 } }),
    );
    expect(changed.outcome).toBe('updated');
    expect(changed.entity).toMatchObject({
      id: first.entity.id,
      version: 2,
      name: 'Augusta Ada King',
      aliases: ['Ada'],
      attributes: { born: 1815 },
    });
    // the old name and the dropped alias no longer find it
    expect(await store.findByAlias('Ada Lovelace')).toEqual([]);
    expect(await store.findByAlias('Countess of Lovelace')).toEqual([]);
    expect((await store.findByAlias('augusta ada king')).map((e) => e.id)).toEqual([first.entity.id]);
    const versions = await store.versionsOf([first.entity.id]);
    expect(versions.map((v) => [v.version, v.change])).toEqual([
      [1, 'create'],
      [2, 'update:name,aliases,attributes'],
    ]);
    expect(versions[1]!.before).toEqual(versions[0]!.after);
    expect(versions[1]!.after).toMatchObject({ name: 'Augusta Ada King', aliases: ['Ada'] });
    // the same input again changes nothing
    const same = await store.upsertEntities([
      person({ name: 'Augusta Ada King', aliases: ['Ada'], attributes: { born: 1815 } }),
    ]);
    expect(same).toEqual([
      expect.objectContaining({ id: first.entity.id, key: 'p:ada', outcome: 'unchanged' }),
    ]);
    expect(await store.versionsOf([first.entity.id])).toHaveLength(2);
  });

  it('reports one result per key of a batch in input order, the last input for a key winning', async () => {
    const store = await fresh();
    await store.upsertEntities([person({ key: 'k:same' }), person({ key: 'k:old' })]);
    const results = await store.upsertEntities([
      person({ key: 'k:new', name: 'First' }),
      person({ key: 'k:old', name: 'Renamed' }),
      person({ key: 'k:same' }),
      person({ key: 'k:new', name: 'Second' }),
    ]);
    expect(results.map((r) => [r.key, r.outcome])).toEqual([
      ['k:new', 'created'],
      ['k:old', 'updated'],
      ['k:same', 'unchanged'],
    ]);
    const loaded = await store.getEntities(results.map((r) => r.id));
    expect(loaded.map((e) => [e.key, e.version])).toEqual([
      ['k:new', 1],
      ['k:old', 2],
      ['k:same', 1],
    ]);
    const created = await store.getEntityByKey('k:new');
    expect(created).toMatchObject({ id: results[0]!.id, name: 'Second' });
    expect((await store.getEntityByKey('k:old'))!.id).toBe(results[1]!.id);
    expect(await store.versionsOf([results[0]!.id])).toHaveLength(1);
    expect(await store.upsertEntities([])).toEqual([]);
  });

  it("records a merge as the kept entity's update, with the merged names as aliases", async () => {
    const store = await fresh();
    const [keep, dup] = await store.upsertEntities([
      { key: 'c:1', type: 'City', name: 'Paris', aliases: [] },
      { key: 'c:2', type: 'City', name: 'Paname', aliases: ['Lutetia'] },
    ]);
    const merged = await store.mergeEntities(keep!.id, [dup!.id]);
    expect(merged).toMatchObject({ version: 2, aliases: ['Paname', 'Lutetia'] });
    const versions = await store.versionsOf([keep!.id]);
    expect(versions.map((v) => v.change)).toEqual(['create', `merge:${dup!.id}`]);
  });

  it('rejects an upsert at a stale expected version with CONFLICT and writes nothing', async () => {
    const store = await fresh();
    const first = await store.upsertEntity(person());
    await store.upsertEntity(person({ name: 'Changed' }), { expectedVersion: 1 });
    const error: unknown = await store
      .upsertEntity(person({ name: 'Lost update' }), { expectedVersion: 1 })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('CONFLICT');
    expect((error as ConflictError).message).toBe('entity p:ada is at version 2, not 1');
    expect((error as ConflictError).details).toEqual({ key: 'p:ada', version: 2 });
    expect(await store.getEntity(first.entity.id)).toMatchObject({ name: 'Changed', version: 2 });
    // an expected version for a key that does not exist yet does not stop the create
    expect((await store.upsertEntity(person({ key: 'p:new' }), { expectedVersion: 3 })).outcome).toBe(
      'created',
    );
  });

  it('rejects a whole batch when one entity is invalid, writing none of it', async () => {
    const store = await fresh();
    const error: unknown = await store
      .upsertEntities([person({ key: 'ok:1' }), person({ key: 'bad:1', name: '  ' })])
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).path).toBe('$[1].name');
    expect(await store.getEntityByKey('ok:1')).toBeNull();
    expect(await store.countEntities()).toBe(0);
  });

  it('shares attribute values between entities and keeps multi-valued order', async () => {
    const store = await fresh();
    const [a, b] = await store.upsertEntities([
      person({ key: 'x:a', attributes: { colour: ['red', 'blue'], size: 3 } }),
      person({ key: 'x:b', name: 'Other', attributes: { colour: ['blue', 'red', 'green'], size: 3 } }),
    ]);
    const [ea, eb] = await store.getEntities([a!.id, b!.id]);
    expect(ea!.attributes).toEqual({ colour: ['red', 'blue'], size: 3 });
    expect(eb!.attributes).toEqual({ colour: ['blue', 'red', 'green'], size: 3 });
    const vocabulary = await store.vocabulary();
    expect(vocabulary.attributeNames).toEqual([
      { name: 'colour', count: 2 },
      { name: 'size', count: 2 },
    ]);
  });

  it('loads entities by id in the order asked, leaving out unknown ids', async () => {
    const store = await fresh();
    const [a, b] = await store.upsertEntities([person({ key: 'o:a' }), person({ key: 'o:b', name: 'B' })]);
    const loaded = await store.getEntities([b!.id, 987_654_321, a!.id]);
    expect(loaded.map((e) => e.key)).toEqual(['o:b', 'o:a']);
    expect(await store.getEntities([])).toEqual([]);
    // another workspace's ids are not visible
    const other = await fresh();
    expect(await other.getEntities([a!.id])).toEqual([]);
  });
});
