import { randomUUID } from 'node:crypto';
import { NotFoundError, ValidationError } from '@rustygpt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EmbeddingModels,
  modelIndexName,
  type Database,
  type EmbeddingModel,
  type KnowledgeStore,
  type Queryable,
} from '../src/index';
import { freshStore, openTestDatabase, type TestDatabase } from './support/modes';

/** A Queryable that fails on any use: proves an answer came from the cache. */
const untouchable: Queryable = {
  query: () => Promise.reject(new Error('no query expected')),
  exec: () => Promise.reject(new Error('no statement expected')),
};

// The embedding model registry as its users see it: registration rules, the one active model,
// HNSW indexes per model, dropping a model's vectors and the resolve cache. One embedded
// database; the registry is global, so the file reads "no active model" before activating one.
describe('embedding model registry (embedded)', () => {
  let t: TestDatabase;
  let models: EmbeddingModels;
  let store: KnowledgeStore;

  beforeAll(async () => {
    t = await openTestDatabase('embedded');
    models = new EmbeddingModels(t.db);
    store = await freshStore(t.db, 'models-mut');
  }, 60_000);
  afterAll(async () => t?.close());

  const name = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`;
  const register = (dims = 2, fileHash = 'h', label = 'm'): Promise<EmbeddingModel> =>
    models.register({ name: name(label), dims, fileHash });
  const indexes = (): Promise<string[]> =>
    t.db
      .query<{ n: string }>(
        `SELECT indexname AS n FROM pg_indexes WHERE tablename IN ('entity_embeddings', 'chunk_embeddings')`,
      )
      .then((rows) => rows.map((r) => r.n));

  it('has no active model before one is activated', async () => {
    await register();
    expect(await models.getActive()).toBeNull();
  });

  it('names the partial HNSW indexes per model and kind', () => {
    expect(modelIndexName(7)).toBe('entity_embeddings_hnsw_m7');
    expect(modelIndexName(7.9, 'chunk')).toBe('chunk_embeddings_hnsw_m7');
  });

  describe('register', () => {
    it('registers a new model as building, with its fields', async () => {
      const before = Date.now();
      const m = await models.register({ name: 'mini-lm-' + randomUUID(), dims: 384, fileHash: 'abc' });
      expect(m).toMatchObject({ dims: 384, fileHash: 'abc', state: 'building' });
      expect(typeof m.id).toBe('number');
      expect(m.createdAt).toBeInstanceOf(Date);
      expect(m.createdAt.getTime()).toBeGreaterThan(before - 60_000);
      expect(m.activatedAt).toBeNull();
      expect(await models.get(m.id)).toEqual(m);
      expect(await models.getByName(m.name)).toEqual(m);
    });

    it('accepts 1 to 16000 dimensions and rejects others', async () => {
      expect((await register(1)).dims).toBe(1);
      expect((await register(16000)).dims).toBe(16000);
      for (const dims of [0, -1, 16001, 2.5, Number.NaN]) {
        const rejected = models.register({ name: name('bad'), dims, fileHash: 'h' });
        await expect(rejected).rejects.toThrow(
          new ValidationError('dims must be an integer between 1 and 16000', 'dims'),
        );
        await expect(rejected).rejects.toMatchObject({ path: 'dims' });
      }
    });

    it('is idempotent for the same file and keeps the state; a changed file re-registers as building', async () => {
      const m = await register(2, 'v1');
      await models.setState(m.id, 'retired');
      const again = await models.register({ name: m.name, dims: 2, fileHash: 'v1' });
      expect(again).toMatchObject({ id: m.id, state: 'retired', fileHash: 'v1' });
      const changed = await models.register({ name: m.name, dims: 2, fileHash: 'v2' });
      expect(changed).toMatchObject({ id: m.id, state: 'building', fileHash: 'v2' });
    });

    it('rejects re-registering a name with other dimensions', async () => {
      const m = await register(3);
      const rejected = models.register({ name: m.name, dims: 4, fileHash: 'h' });
      await expect(rejected).rejects.toThrow(`model ${m.name} is registered with 3 dimensions, not 4`);
      await expect(rejected).rejects.toMatchObject({ path: 'dims' });
      expect(await models.get(m.id)).toMatchObject({ dims: 3, fileHash: 'h' });
    });
  });

  it('reads models by id and name (null when unknown) and lists them oldest first', async () => {
    const a = await register();
    const b = await register();
    expect(await models.get(a.id)).toEqual(a);
    expect(await models.get(987_654)).toBeNull();
    expect(await models.getByName(b.name)).toEqual(b);
    expect(await models.getByName('no such model')).toBeNull();
    const ids = (await models.list()).map((m) => m.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
  });

  describe('setActive and setState', () => {
    it('activates one model at a time, retiring only the previously active one', async () => {
      const a = await register();
      const b = await register();
      const building = await register();
      const active = await models.setActive(a.id);
      expect(active).toMatchObject({ id: a.id, state: 'active' });
      expect(active.activatedAt).toBeInstanceOf(Date);
      expect(await models.getActive()).toEqual(active);
      const next = await models.setActive(b.id);
      expect(next).toMatchObject({ id: b.id, state: 'active' });
      expect(await models.getActive()).toEqual(next);
      expect(await models.get(a.id)).toMatchObject({ state: 'retired', activatedAt: active.activatedAt });
      expect(await models.get(building.id)).toMatchObject({ state: 'building', activatedAt: null });
      // activating the active model again keeps it active and its first activation time
      expect(await models.setActive(b.id)).toEqual(next);
      // re-activating a retired model keeps its first activation time
      expect((await models.setActive(a.id)).activatedAt).toEqual(active.activatedAt);
    });

    it('rejects activating an unknown model and leaves the active one', async () => {
      const a = await register();
      await models.setActive(a.id);
      await expect(models.setActive(987_654)).rejects.toBeInstanceOf(NotFoundError);
      expect((await models.getActive())?.id).toBe(a.id);
    });

    it('sets building or retired, and rejects an unknown model', async () => {
      const m = await register();
      await models.setState(m.id, 'retired');
      expect((await models.get(m.id))?.state).toBe('retired');
      await models.setState(m.id, 'building');
      expect((await models.get(m.id))?.state).toBe('building');
      await expect(models.setState(987_654, 'retired')).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('ensureIndex', () => {
    it('builds both partial indexes of the model, idempotently, and analyzes the vector tables', async () => {
      const m = await register(2);
      const [e] = await store.upsertEntities([{ key: name('e'), type: 'T', name: 'e' }]);
      await store.upsertEntityEmbeddings(m.id, [{ id: e!.id, vector: [1, 0], contentHash: 'h' }]);
      const { resource } = await store.upsertResource({
        uri: name('doc'),
        text: 'some text',
        type: 'text/plain',
      });
      const [c] = await store.listChunks({ resourceIds: [resource.id] });
      await store.upsertChunkEmbeddings(m.id, [{ id: c!.id, vector: [0, 1], contentHash: 'h' }]);
      await models.ensureIndex(m.id + 0.4, 2.7);
      await models.ensureIndex(m.id, 2);
      const mine = (await indexes()).filter((n) => n.endsWith(`_m${m.id}`)).sort();
      expect(mine).toEqual([modelIndexName(m.id, 'chunk'), modelIndexName(m.id)]);
      const defs = await t.db.query<{ d: string }>(
        'SELECT indexdef AS d FROM pg_indexes WHERE indexname = $1',
        [modelIndexName(m.id)],
      );
      expect(defs[0]!.d).toContain('hnsw');
      expect(defs[0]!.d).toContain(`(model_id = ${m.id})`);
      const analyzed = await t.db.query<{ t: string }>(
        `SELECT DISTINCT tablename AS t FROM pg_stats WHERE tablename IN ('entity_embeddings', 'chunk_embeddings') ORDER BY 1`,
      );
      expect(analyzed.map((r) => r.t)).toEqual(['chunk_embeddings', 'entity_embeddings']);
    });

    it('applies the maintenance memory asked for while building', async () => {
      const m = await register(2);
      const statements: string[] = [];
      const recording: Database = {
        ...t.db,
        query: (sql, params) => t.db.query(sql, params),
        exec: (sql) => t.db.exec(sql),
        transaction: (fn) =>
          t.db.transaction((tx) =>
            fn({
              query: (sql, params) => tx.query(sql, params),
              exec: async (sql) => {
                statements.push(sql);
                await tx.exec(sql);
              },
            }),
          ),
      } as Database;
      await new EmbeddingModels(recording).ensureIndex(m.id, 2, { maintenanceWorkMem: '64MB' });
      await new EmbeddingModels(recording).ensureIndex(m.id, 2);
      expect(statements.filter((s) => s.includes('maintenance_work_mem'))).toEqual([
        "SET LOCAL maintenance_work_mem = '64MB'",
        "SET LOCAL maintenance_work_mem = '256MB'",
      ]);
    });

    it('rejects dimensions HNSW cannot index, unknown models, other dimensions and odd memory sizes', async () => {
      const m = await register(2);
      const wide = await register(2001);
      for (const dims of [0, 2001]) {
        const rejected = models.ensureIndex(wide.id, dims);
        await expect(rejected).rejects.toThrow('HNSW indexes support 1 to 2000 dimensions');
        await expect(rejected).rejects.toMatchObject({ path: 'dims' });
      }
      await expect(models.ensureIndex(987_654, 2)).rejects.toBeInstanceOf(NotFoundError);
      const other = models.ensureIndex(m.id, 3);
      await expect(other).rejects.toThrow(`model ${m.name} has 2 dimensions, not 3`);
      await expect(other).rejects.toMatchObject({ path: 'dims' });
      for (const mem of ['lots', '64 MB', '64TB', 'x64MB', '64MBs', 'MB']) {
        const rejected = models.ensureIndex(m.id, 2, { maintenanceWorkMem: mem });
        await expect(rejected).rejects.toThrow('maintenanceWorkMem must look like 256MB');
        await expect(rejected).rejects.toMatchObject({ path: 'maintenanceWorkMem' });
      }
      expect((await indexes()).filter((n) => n.endsWith(`_m${m.id}`))).toEqual([]);
      // the smallest and largest indexable dimensions, and kB/GB sizes, are accepted
      const one = await register(1);
      await models.ensureIndex(one.id, 1, { maintenanceWorkMem: '65536kB' });
      const widest = await register(2000);
      await models.ensureIndex(widest.id, 2000, { maintenanceWorkMem: '1GB' });
      expect((await indexes()).filter((n) => n.endsWith(`_m${widest.id}`))).toHaveLength(2);
    });
  });

  it("deletes a model's vectors, indexes and queued jobs, leaving other models alone", async () => {
    const [m, keep] = [await register(2), await register(2)];
    const written = await store.upsertEntities([
      { key: name('a'), type: 'T', name: 'a' },
      { key: name('b'), type: 'T', name: 'b' },
    ]);
    const ids = written.map((w) => w.id);
    const { resource } = await store.upsertResource({ uri: name('doc'), text: 'text', type: 'text/plain' });
    const [c] = await store.listChunks({ resourceIds: [resource.id] });
    for (const model of [m, keep]) {
      await store.upsertEntityEmbeddings(
        model.id,
        ids.map((id) => ({ id, vector: [1, 0], contentHash: 'h' })),
      );
      await store.upsertChunkEmbeddings(model.id, [{ id: c!.id, vector: [1, 0], contentHash: 'h' }]);
      await t.db.query(
        `INSERT INTO embedding_jobs (model_id, target_kind, target_id) VALUES ($1, 'entity', $2)`,
        [model.id, ids[0]],
      );
      await models.ensureIndex(model.id, 2);
    }
    expect(await models.deleteVectors(m.id + 0.5)).toEqual({ entities: 2, chunks: 1 });
    const count = async (table: string, id: number) =>
      Number(
        (
          await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE model_id = $1`, [id])
        )[0]!.n,
      );
    for (const table of ['entity_embeddings', 'chunk_embeddings', 'embedding_jobs']) {
      expect(await count(table, m.id)).toBe(0);
      expect(await count(table, keep.id)).toBeGreaterThan(0);
    }
    const left = await indexes();
    expect(left.filter((n) => n.endsWith(`_m${m.id}`))).toEqual([]);
    expect(left.filter((n) => n.endsWith(`_m${keep.id}`))).toHaveLength(2);
    expect(await models.get(m.id)).not.toBeNull();
    expect(await models.deleteVectors(m.id)).toEqual({ entities: 0, chunks: 0 });
  });

  describe('require', () => {
    it('resolves a model by name or id and caches it under both', async () => {
      const m = await register();
      const cold = new EmbeddingModels(t.db);
      expect(await cold.require(m.name)).toEqual(m);
      expect(await cold.require(m.id, untouchable)).toEqual(m);
      expect(await cold.require(m.name, untouchable)).toEqual(m);
      const byId = new EmbeddingModels(t.db);
      expect(await byId.require(m.id)).toEqual(m);
      expect(await byId.require(m.name, untouchable)).toEqual(m);
    });

    it('reads through the given queryable and rejects unknown models', async () => {
      const m = await register();
      const inTx = await t.db.transaction((tx) => new EmbeddingModels(t.db).require(m.id, tx));
      expect(inTx).toEqual(m);
      await expect(models.require('no such model')).rejects.toBeInstanceOf(NotFoundError);
      await expect(models.require(987_654)).rejects.toBeInstanceOf(NotFoundError);
      // a name that looks like a number is still a name
      const numeric = await models.register({ name: String(m.id), dims: 5, fileHash: 'h' });
      expect(await new EmbeddingModels(t.db).require(String(m.id))).toEqual(numeric);
    });
  });
});
