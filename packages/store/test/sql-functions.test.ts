import { randomUUID } from 'node:crypto';
import { ValidationError } from '@rustygpt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeStore, toVectorLiteral, type Database, type Queryable } from '../src/index';
import { solarSystem } from './support/bundle-builder';
import { TEST_MODES, freshStore, openTestDatabase, type TestDatabase } from './support/modes';

describe.each(TEST_MODES)('SQL functions (%s)', (mode) => {
  let t: TestDatabase;
  let store: KnowledgeStore;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    store = await freshStore(t.db, 'sqlfn');
    await store.importBundle(solarSystem().build());
  });
  afterAll(async () => t?.close());
  const key = async (k: string) => (await store.getEntityByKey(k))!.id;

  it('insert_entity upserts by key and bumps the version only on change', async () => {
    const [a] = await t.db.query<{ id: number }>('SELECT insert_entity($1, $2, $3, $4) AS id', [
      store.workspaceId,
      'fn:x',
      'T',
      'X',
    ]);
    const [b] = await t.db.query<{ id: number }>('SELECT insert_entity($1, $2, $3, $4) AS id', [
      store.workspaceId,
      'fn:x',
      'T',
      'X',
    ]);
    expect(b!.id).toBe(a!.id);
    expect((await store.getEntity(a!.id))?.version).toBe(1);
    await t.db.query('SELECT insert_entity($1, $2, $3, $4)', [store.workspaceId, 'fn:x', 'T', 'Ex']);
    expect(await store.getEntity(a!.id)).toMatchObject({ name: 'Ex', version: 2 });
  });

  it('insert_relationship upserts, defaults the path and refuses unknown ends and bad paths', async () => {
    const earth = await key('planet:earth');
    const mars = await key('planet:mars');
    const [r] = await t.db.query<{ id: number }>('SELECT insert_relationship($1, $2, $3) AS id', [
      earth,
      mars,
      'neighbour',
    ]);
    const [again] = await t.db.query<{ id: number }>(
      'SELECT insert_relationship($1, $2, $3, $4, $5::ltree) AS id',
      [earth, mars, 'neighbour', 0.2, 'astro.near'],
    );
    expect(again!.id).toBe(r!.id);
    expect((await store.getRelationships([r!.id]))[0]).toMatchObject({ weight: 0.2, path: 'astro.near' });
    await expect(
      t.db.query('SELECT insert_relationship($1, $2, $3)', [earth, 987_654, 'x']),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      t.db.query('SELECT insert_relationship($1, $2, $3, 1, $4::ltree)', [earth, mars, 'y', 'bad..path']),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      t.db.query('SELECT insert_relationship($1, $2, $3)', [earth, mars, 'has space']),
    ).rejects.toBeInstanceOf(ValidationError);
    const other = await freshStore(t.db, 'sqlfn2');
    const far = (await other.upsertEntity({ key: 'far', type: 'T', name: 'Far' })).entity.id;
    await expect(
      t.db.query('SELECT insert_relationship($1, $2, $3)', [earth, far, 'x']),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('get_entity_relationships lists both directions', async () => {
    const rows = await t.db.query<{ type: string; direction: string; path: string }>(
      'SELECT type, direction, path::text AS path FROM get_entity_relationships($1) ORDER BY direction, type',
      [await key('star:sun')],
    );
    expect(rows).toEqual([
      { type: 'orbits', direction: 'in', path: 'astro.orbits' },
      { type: 'orbits', direction: 'in', path: 'astro.orbits' },
      { type: 'studied', direction: 'in', path: 'science.studied' },
    ]);
  });

  it('find_relationships returns relationships under an ltree prefix in the workspace', async () => {
    const rows = await t.db.query<{ type: string }>('SELECT type FROM find_relationships($1, $2::ltree)', [
      store.workspaceId,
      'astro',
    ]);
    expect(rows.filter((r) => r.type === 'orbits')).toHaveLength(4);
    expect(
      await t.db.query('SELECT * FROM find_relationships($1, $2::ltree)', [
        store.workspaceId,
        'nothing.here',
      ]),
    ).toEqual([]);
  });

  it('find_similar_entity ranks by cosine similarity under one model and checks dimensions', async () => {
    const model = await store.registerModel({ name: `fn-${randomUUID()}`, dims: 2, fileHash: 'h' });
    await store.ensureModelIndex(model.id, 2);
    await store.upsertEntityEmbeddings(model.id, [
      { id: await key('planet:earth'), vector: new Float32Array([1, 0]), contentHash: 'a' },
      { id: await key('planet:mars'), vector: new Float32Array([0, 1]), contentHash: 'b' },
    ]);
    const rows = await t.db.query<{ entity_id: number; similarity: number }>(
      'SELECT * FROM find_similar_entity($1, $2, $3::vector, 2)',
      [store.workspaceId, model.id, toVectorLiteral([0.9, 0.1])],
    );
    expect(rows.map((r) => r.entity_id)).toEqual([await key('planet:earth'), await key('planet:mars')]);
    expect(rows[0]!.similarity).toBeGreaterThan(0.9);
    await expect(
      t.db.query('SELECT * FROM find_similar_entity($1, $2, $3::vector)', [
        store.workspaceId,
        model.id,
        '[1,2,3]',
      ]),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('uses the partial HNSW index for the cast expression', async () => {
    const model = await store.registerModel({ name: `plan-${randomUUID()}`, dims: 3, fileHash: 'h' });
    await store.ensureModelIndex(model.id, 3);
    const plan = await t.db.transaction(async (tx) => {
      await tx.exec('SET LOCAL enable_seqscan = off');
      return tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT entity_id FROM entity_embeddings WHERE model_id = ${model.id}
          ORDER BY embedding::vector(3) <=> '[1,0,0]'::vector(3) LIMIT 5`,
      );
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain(`entity_embeddings_hnsw_m${model.id}`);
  });

  it("the store's vector search statement can use the model's HNSW index (same cast expression)", async () => {
    const s = await freshStore(t.db, 'plan');
    const rows = await s.upsertEntities(
      Array.from({ length: 300 }, (_, i) => ({ key: `p:${i}`, type: 'T', name: `P${i}` })),
    );
    const model = await s.registerModel({ name: `splan-${randomUUID()}`, dims: 4, fileHash: 'h' });
    await s.upsertEntityEmbeddings(
      model.id,
      rows.map((r, i) => ({ id: r.id, vector: new Float32Array([1, i, i % 7, 1]), contentHash: 'h' })),
    );
    await s.ensureModelIndex(model.id, 4);
    // Record the statements the search sends, then EXPLAIN the main one with the same parameters.
    const seen: { sql: string; params: readonly unknown[] }[] = [];
    const spy = (q: Queryable): Queryable => ({
      ...q,
      query: (sql, params) => {
        seen.push({ sql, params: params ?? [] });
        return q.query(sql, params);
      },
    });
    const recording: Database = { ...t.db, transaction: (fn) => t.db.transaction((tx) => fn(spy(tx))) };
    const hits = await new KnowledgeStore(recording, s.workspaceId).searchEntitiesByVector(
      new Float32Array([1, 3, 3, 1]),
      {
        modelId: model.id,
        k: 5,
      },
    );
    expect(hits).toHaveLength(5);
    const main = seen.find((x) => x.sql.includes('MATERIALIZED'));
    expect(main).toBeDefined();
    // On 300 tiny rows a scan and sort is the right plan; forbid it to prove the index matches the statement.
    const plan = await t.db.transaction(async (tx) => {
      await tx.exec(
        'SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off',
      );
      return tx.query<Record<string, string>>(`EXPLAIN ${main!.sql}`, main!.params);
    });
    expect(plan.map((r) => Object.values(r)[0]).join('\n')).toContain(`entity_embeddings_hnsw_m${model.id}`);
  });
});
