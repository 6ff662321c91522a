import { randomUUID } from 'node:crypto';
import { ValidationError, type EntityInput, type EntityState } from '@rustygpt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBinaryCopy } from '../src/binary-copy';
import type { EmbeddingModel, KnowledgeStore, Queryable } from '../src/index';
import { parseVector, toVectorLiteral } from '../src/vector';
import { searchChunkVectors, searchEntityVectors, upsertVectors, type VectorRow } from '../src/vector-store';
import { freshStore, openTestDatabase, type TestDatabase } from './support/modes';

/** A unit vector at `degrees` from [1, 0]: its cosine similarity to [1, 0] is cos(degrees). */
const at = (degrees: number): Float32Array =>
  Float32Array.of(Math.cos((degrees * Math.PI) / 180), Math.sin((degrees * Math.PI) / 180));
const cos = (degrees: number): number => Math.cos((degrees * Math.PI) / 180);

/** The server-mode view of a transaction: no binary COPY, so vectors go as text literals. */
const textOnly = (tx: Queryable): Queryable => ({
  query: <T>(sql: string, params?: readonly unknown[]) => tx.query<T>(sql, params),
  exec: (sql: string) => tx.exec(sql),
});

/** A Queryable that fails on any use: proves a call touches no database. */
const untouchable: Queryable = {
  query: () => Promise.reject(new Error('no query expected')),
  exec: () => Promise.reject(new Error('no statement expected')),
};

// The binary COPY encoding of the embedded bulk path, byte by byte.
describe('binary COPY encoding', () => {
  const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];

  it('frames no rows as the signature, zero flags and header extension, then the -1 trailer', () => {
    expect([...encodeBinaryCopy([])]).toEqual([...SIGNATURE, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]);
  });

  it('writes each kind of field with its length prefix and nothing after the trailer', () => {
    const buf = encodeBinaryCopy([
      [
        { kind: 'null' },
        { kind: 'int8', value: 2 ** 40 + 3 },
        { kind: 'text', value: 'héllo' },
        { kind: 'vector', value: [1.5, -2] },
      ],
      [{ kind: 'int8', value: -7 }],
    ]);
    const view = new DataView(buf.buffer);
    let o = 19;
    const next = (bytes: number): number => {
      const at = o;
      o += bytes;
      return at;
    };
    expect(view.getInt16(next(2))).toBe(4); // fields in row 1
    expect(view.getInt32(next(4))).toBe(-1); // null
    expect(view.getInt32(next(4))).toBe(8);
    expect(view.getBigInt64(next(8))).toBe(BigInt(2 ** 40 + 3));
    expect(view.getInt32(next(4))).toBe(6); // 'héllo' is 6 bytes of UTF-8
    expect(new TextDecoder().decode(buf.slice(o, o + 6))).toBe('héllo');
    next(6);
    expect(view.getInt32(next(4))).toBe(12); // vector: int16 dims, int16 unused, 2 float4s
    expect(view.getInt16(next(2))).toBe(2);
    expect(view.getInt16(next(2))).toBe(0);
    expect(view.getFloat32(next(4))).toBe(1.5);
    expect(view.getFloat32(next(4))).toBe(-2);
    expect(view.getInt16(next(2))).toBe(1); // fields in row 2
    expect(view.getInt32(next(4))).toBe(8);
    expect(view.getBigInt64(next(8))).toBe(-7n);
    expect(view.getInt16(next(2))).toBe(-1);
    expect(buf.length).toBe(o);
  });
});

describe('vector store (embedded)', () => {
  let t: TestDatabase;
  let store: KnowledgeStore;
  let other: KnowledgeStore;

  beforeAll(async () => {
    t = await openTestDatabase('embedded');
    store = await freshStore(t.db, 'vec-store');
    other = await freshStore(t.db, 'vec-other');
  }, 60_000);
  afterAll(async () => t?.close());

  const model = (dims = 2): Promise<EmbeddingModel> =>
    store.models.register({ name: `vs-${randomUUID()}`, dims, fileHash: 'h' });
  const entities = async (s: KnowledgeStore, inputs: Partial<EntityInput>[]): Promise<number[]> => {
    const prefix = randomUUID().slice(0, 8);
    const written = await s.upsertEntities(
      inputs.map((e, i) => ({ type: 'Thing', name: `n${i}`, ...e, key: `${prefix}:${i}` })),
    );
    return written.map((w) => w.id);
  };
  const chunks = async (s: KnowledgeStore, n: number): Promise<number[]> => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const { resource } = await s.upsertResource({
        uri: `doc:${randomUUID()}`,
        text: `chunk text ${i}`,
        type: 'text/plain',
      });
      ids.push(...(await s.listChunks({ resourceIds: [resource.id] })).map((c) => c.id));
    }
    return ids;
  };
  const stored = (
    m: EmbeddingModel,
    table: 'entity_embeddings' | 'chunk_embeddings' = 'entity_embeddings',
  ): Promise<{ id: number; v: number[]; hash: string }[]> => {
    const idColumn = table === 'entity_embeddings' ? 'entity_id' : 'chunk_id';
    return t.db
      .query<{ id: number; v: string; hash: string }>(
        `SELECT ${idColumn} AS id, embedding::text AS v, content_hash AS hash FROM ${table} WHERE model_id = $1 ORDER BY 1`,
        [m.id],
      )
      .then((rows) => rows.map((r) => ({ id: Number(r.id), v: [...parseVector(r.v)], hash: r.hash })));
  };
  /** Stores vectors with plain SQL (no upsertVectors), for the search tests. */
  const insertVectors = (
    table: 'entity_embeddings' | 'chunk_embeddings',
    m: EmbeddingModel,
    rows: { id: number; vector: ArrayLike<number> }[],
  ): Promise<unknown> =>
    t.db.query(
      `INSERT INTO ${table} (${table === 'entity_embeddings' ? 'entity_id' : 'chunk_id'}, model_id, embedding, content_hash)
       SELECT x.id, $1, x.v::vector, 'h' FROM unnest($2::bigint[], $3::text[]) AS x(id, v)`,
      [m.id, rows.map((r) => r.id), rows.map((r) => toVectorLiteral(r.vector))],
    );
  const upsert = (
    s: KnowledgeStore,
    m: EmbeddingModel,
    target: 'entity' | 'chunk',
    rows: VectorRow[],
    mode: 'copy' | 'text' = 'copy',
  ): Promise<number> =>
    t.db.transaction((tx) =>
      upsertVectors(mode === 'copy' ? tx : textOnly(tx), s.workspaceId, m, target, rows),
    );

  describe('upsertVectors', () => {
    it('writes nothing and asks nothing of the database for no rows', async () => {
      expect(await upsertVectors(untouchable, store.workspaceId, await model(), 'entity', [])).toBe(0);
    });

    for (const mode of ['copy', 'text'] as const) {
      describe(`through ${mode === 'copy' ? 'binary COPY' : 'text literals'}`, () => {
        it('stores each vector with its content hash; the last vector given for an id wins', async () => {
          const m = await model();
          const [a, b] = await entities(store, [{}, {}]);
          const n = await upsert(
            store,
            m,
            'entity',
            [
              { id: a!, vector: [1, 0], contentHash: 'first' },
              { id: b!, vector: [0.5, -0.25], contentHash: 'b' },
              { id: a!, vector: [0, 2], contentHash: 'second' },
            ],
            mode,
          );
          expect(n).toBe(2);
          expect(await stored(m)).toEqual([
            { id: a, v: [0, 2], hash: 'second' },
            { id: b, v: [0.5, -0.25], hash: 'b' },
          ]);
        });

        it("replaces an entity's vector of this model only, leaving other models and entities alone", async () => {
          const [m1, m2] = [await model(), await model()];
          const [a, b] = await entities(store, [{}, {}]);
          await upsert(store, m1, 'entity', [
            { id: a!, vector: [1, 1], contentHash: 'a1' },
            { id: b!, vector: [2, 2], contentHash: 'b1' },
          ]);
          await upsert(store, m2, 'entity', [{ id: a!, vector: [3, 3], contentHash: 'a2' }]);
          await upsert(store, m1, 'entity', [{ id: a!, vector: [4, 4], contentHash: 'a1-new' }], mode);
          expect(await stored(m1)).toEqual([
            { id: a, v: [4, 4], hash: 'a1-new' },
            { id: b, v: [2, 2], hash: 'b1' },
          ]);
          expect(await stored(m2)).toEqual([{ id: a, v: [3, 3], hash: 'a2' }]);
        });

        it('stores chunk vectors in the chunk table', async () => {
          const m = await model();
          const [c] = await chunks(store, 1);
          await upsert(store, m, 'chunk', [{ id: c!, vector: [1, 0], contentHash: 'c' }], mode);
          await upsert(store, m, 'chunk', [{ id: c!, vector: [0, 1], contentHash: 'c2' }], mode);
          expect(await stored(m, 'chunk_embeddings')).toEqual([{ id: c, v: [0, 1], hash: 'c2' }]);
          expect(await stored(m)).toEqual([]);
        });

        it('rejects the whole batch when a target is unknown or in another workspace', async () => {
          const m = await model();
          const [mine] = await entities(store, [{}]);
          const [theirs] = await entities(other, [{}]);
          const one = upsert(
            store,
            m,
            'entity',
            [
              { id: mine!, vector: [1, 0], contentHash: 'x' },
              { id: theirs!, vector: [1, 0], contentHash: 'x' },
            ],
            mode,
          );
          await expect(one).rejects.toThrow(
            new ValidationError('1 vector refer to entities that do not exist in this workspace'),
          );
          const [c] = await chunks(other, 1);
          const two = upsert(
            store,
            m,
            'chunk',
            [
              { id: c!, vector: [1, 0], contentHash: 'x' },
              { id: 987_654_321, vector: [1, 0], contentHash: 'x' },
            ],
            mode,
          );
          await expect(two).rejects.toThrow('2 vectors refer to chunks that do not exist in this workspace');
          expect(await stored(m)).toEqual([]);
          expect(await stored(m, 'chunk_embeddings')).toEqual([]);
        });

        it('rejects a vector whose length is not the model dimension, naming its position', async () => {
          const m = await model();
          const [a] = await entities(store, [{}]);
          const write = upsert(
            store,
            m,
            'entity',
            [
              { id: a!, vector: [1, 0], contentHash: 'x' },
              { id: a!, vector: [1, 0, 0], contentHash: 'x' },
            ],
            mode,
          );
          await expect(write).rejects.toThrow(`vector has 3 dimensions; model ${m.name} has 2`);
          await expect(write).rejects.toMatchObject({ path: '$[1].vector' });
          expect(await stored(m)).toEqual([]);
        });
      });
    }

    it('streams vectors through binary COPY when the driver offers it', async () => {
      const m = await model();
      const ids = await entities(store, [{}, {}, {}]);
      const copies: string[] = [];
      const n = await t.db.transaction((tx) =>
        upsertVectors(
          {
            ...textOnly(tx),
            copyFromBinary: (sql, data) => {
              copies.push(sql);
              return tx.copyFromBinary!(sql, data);
            },
          },
          store.workspaceId,
          m,
          'entity',
          ids.map((id) => ({ id, vector: [1, 0], contentHash: 'h' })),
        ),
      );
      expect(n).toBe(3);
      expect(copies).toHaveLength(1);
      expect(copies[0]).toContain('COPY entity_embeddings (entity_id, model_id, embedding, content_hash)');
      expect(await stored(m)).toHaveLength(3);
    });

    it('names the position of a non-finite component in text literals', async () => {
      const m = await model();
      const [a, b] = await entities(store, [{}, {}]);
      const write = upsert(
        store,
        m,
        'entity',
        [
          { id: a!, vector: [1, 0], contentHash: 'x' },
          { id: b!, vector: [Number.NaN, 0], contentHash: 'x' },
        ],
        'text',
      );
      await expect(write).rejects.toMatchObject({ path: '$[1].vector' });
    });
  });

  describe('searchEntityVectors', () => {
    const search = (
      m: EmbeddingModel,
      options: Parameters<typeof searchEntityVectors>[4],
      vector: ArrayLike<number> = [1, 0],
      s: KnowledgeStore = store,
    ) => t.db.transaction((tx) => searchEntityVectors(tx, s.workspaceId, m, vector, options));
    /**
     * A model whose entities (made from `inputs`) sit at the given angles from [1, 0]. Written
     * with plain SQL, so searches are tested apart from the bulk writer.
     */
    const placed = async (
      s: KnowledgeStore,
      inputs: { deg: number; type?: string; state?: EntityState; name?: string }[],
      m?: EmbeddingModel,
    ): Promise<{ m: EmbeddingModel; ids: number[] }> => {
      const mm = m ?? (await model());
      const prefix = randomUUID().slice(0, 8);
      const rows = await t.db.query<{ id: number; n: number }>(
        `INSERT INTO entities (workspace_id, key, type, name, state)
         SELECT $1, $2 || ':' || x.n, x.t, x.name, x.s
           FROM unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS x(t, name, s, n)
          ORDER BY x.n RETURNING id, (split_part(key, ':', 2))::int AS n`,
        [
          s.workspaceId,
          prefix,
          inputs.map((e) => e.type ?? 'Thing'),
          inputs.map((e, i) => e.name ?? `n${i}`),
          inputs.map((e) => e.state ?? 'active'),
        ],
      );
      const ids = rows.sort((a, b) => a.n - b.n).map((r) => Number(r.id));
      await insertVectors(
        'entity_embeddings',
        mm,
        ids.map((id, i) => ({ id, vector: at(inputs[i]!.deg) })),
      );
      return { m: mm, ids };
    };

    it('rejects a query vector of the wrong dimension', async () => {
      const m = await model();
      const found = search(m, { k: 1 }, [1, 0, 0]);
      await expect(found).rejects.toThrow(`vector has 3 dimensions; model ${m.name} has 2`);
      await expect(found).rejects.toMatchObject({ path: 'vector' });
    });

    it('returns whole entities nearest first with their cosine similarity, ties by id', async () => {
      const { m, ids } = await placed(store, [
        { deg: 60, name: 'far', type: 'Star' },
        { deg: 10, name: 'near', type: 'Moon' },
        { deg: 30, name: 'twin-a' },
        { deg: 30, name: 'twin-b' },
      ]);
      const rows = await search(m, { k: 10 });
      expect(rows.map((r) => [Number(r.id), r.name])).toEqual([
        [ids[1], 'near'],
        [ids[2], 'twin-a'],
        [ids[3], 'twin-b'],
        [ids[0], 'far'],
      ]);
      expect(rows[1]).toMatchObject({ type: 'Thing', state: 'active', workspace_id: store.workspaceId });
      rows.forEach((r, i) => expect(Number(r.score)).toBeCloseTo(cos([10, 30, 30, 60][i]!), 5));
    });

    it('truncates k and returns at least one entity', async () => {
      const { m, ids } = await placed(store, [{ deg: 1 }, { deg: 2 }, { deg: 3 }]);
      expect((await search(m, { k: 2.9 })).map((r) => Number(r.id))).toEqual(ids.slice(0, 2));
      expect((await search(m, { k: 0 })).map((r) => Number(r.id))).toEqual(ids.slice(0, 1));
      expect((await search(m, { k: -3 })).map((r) => Number(r.id))).toEqual(ids.slice(0, 1));
    });

    it('filters by type and state, and never returns another workspace', async () => {
      const { m, ids } = await placed(store, [
        { deg: 5, type: 'Moon' },
        { deg: 10, type: 'Star', state: 'archived' },
        { deg: 15, type: 'Star' },
        { deg: 20, type: 'Planet', state: 'inactive' },
      ]);
      await placed(other, [{ deg: 0, type: 'Star' }], m);
      const idsOf = async (o: { types?: string[]; states?: ('active' | 'inactive' | 'archived')[] }) =>
        (await search(m, { k: 10, ...o })).map((r) => Number(r.id));
      expect(await idsOf({})).toEqual(ids);
      expect(await idsOf({ types: ['Star'] })).toEqual([ids[1], ids[2]]);
      expect(await idsOf({ states: ['active', 'inactive'] })).toEqual([ids[0], ids[2], ids[3]]);
      expect(await idsOf({ types: ['Star', 'Planet'], states: ['active'] })).toEqual([ids[2]]);
    });

    it('widens the candidate list until enough entities pass the filters', async () => {
      // 60 archived entities nearer than the two active ones: more than the first lists hold
      const { m, ids } = await placed(store, [
        ...Array.from({ length: 60 }, (_, i) => ({ deg: i / 10, state: 'archived' as const })),
        { deg: 20 },
        { deg: 40 },
      ]);
      const active = async (k: number) =>
        (await search(m, { k, states: ['active'] })).map((r) => Number(r.id));
      expect(await active(1)).toEqual([ids[60]]);
      expect(await active(2)).toEqual([ids[60], ids[61]]);
      // one active entity among the first candidates, the other further out
      const mixed = await placed(store, [
        { deg: 1 },
        ...Array.from({ length: 60 }, (_, i) => ({ deg: 2 + i / 10, state: 'archived' as const })),
        { deg: 30 },
      ]);
      expect((await search(mixed.m, { k: 2, states: ['active'] })).map((r) => Number(r.id))).toEqual([
        mixed.ids[0],
        mixed.ids[61],
      ]);
      // with a type filter, and fewer matches than k: all of them
      const typed = await placed(store, [
        ...Array.from({ length: 20 }, (_, i) => ({ deg: i / 10, type: 'Noise' })),
        { deg: 30, type: 'Signal' },
      ]);
      expect((await search(typed.m, { k: 3, types: ['Signal'] })).map((r) => Number(r.id))).toEqual([
        typed.ids[20],
      ]);
    });

    it('answers with an exact filtered scan when 1,000 candidates are not enough', async () => {
      const { m, ids } = await placed(store, [
        ...Array.from({ length: 1001 }, (_, i) => ({ deg: i / 100, type: 'Noise' })),
        { deg: 50, type: 'Signal', name: 'signal' },
        { deg: 45, type: 'Signal', name: 'nearer signal' },
      ]);
      const { rows, indexScan } = await t.db.transaction(async (tx) => ({
        rows: await searchEntityVectors(tx, store.workspaceId, m, [1, 0], { k: 5, types: ['Signal'] }),
        indexScan: (await tx.query<{ s: string }>("SELECT current_setting('enable_indexscan') AS s"))[0]!.s,
      }));
      expect(rows.map((r) => [Number(r.id), r.name])).toEqual([
        [ids[1002], 'nearer signal'],
        [ids[1001], 'signal'],
      ]);
      expect(Number(rows[0]!.score)).toBeCloseTo(cos(45), 5);
      expect(indexScan).toBe('off');
      // k is capped at 1,000 entities
      expect(await search(m, { k: 5000 })).toHaveLength(1000);
    });

    it('sets the HNSW candidate list size for the search (at least the candidates, at most 1,000)', async () => {
      const { m } = await placed(store, [{ deg: 0 }]);
      const ef = (options: Parameters<typeof searchEntityVectors>[4]) =>
        t.db.transaction(async (tx) => {
          await searchEntityVectors(tx, store.workspaceId, m, [1, 0], options);
          return (await tx.query<{ s: string }>("SELECT current_setting('hnsw.ef_search') AS s"))[0]!.s;
        });
      expect(await ef({ k: 1 })).toBe('64'); // default floor
      expect(await ef({ k: 50 })).toBe('120'); // 2 x (k + 10) candidates
      expect(await ef({ k: 5, types: ['Thing'] })).toBe('64');
      expect(await ef({ k: 40, types: ['Thing'] })).toBe('320'); // 2 x (4k) candidates
      expect(await ef({ k: 1, efSearch: 100.9 })).toBe('100');
      expect(await ef({ k: 1, efSearch: 3 })).toBe('11'); // never fewer than the candidates asked
      expect(await ef({ k: 1, efSearch: 5000 })).toBe('1000');
      expect(await ef({ k: 900 })).toBe('1000');
    });
  });

  describe('searchChunkVectors', () => {
    const search = (m: EmbeddingModel, options: { k: number; efSearch?: number }, vector = [1, 0]) =>
      t.db.transaction((tx) => searchChunkVectors(tx, store.workspaceId, m, vector, options));

    it('returns chunks of the workspace nearest first with their cosine similarity', async () => {
      const m = await model();
      const mine = await chunks(store, 3);
      const [theirs] = await chunks(other, 1);
      await insertVectors('chunk_embeddings', m, [
        { id: mine[0]!, vector: at(50) },
        { id: mine[1]!, vector: at(10) },
        { id: mine[2]!, vector: at(30) },
      ]);
      await insertVectors('chunk_embeddings', m, [{ id: theirs!, vector: at(0) }]);
      const hits = await search(m, { k: 10 });
      expect(hits.map((h) => h.id)).toEqual([mine[1], mine[2], mine[0]]);
      hits.forEach((h, i) => expect(h.score).toBeCloseTo(cos([10, 30, 50][i]!), 5));
      expect((await search(m, { k: 2.5 })).map((h) => h.id)).toEqual([mine[1], mine[2]]);
      expect((await search(m, { k: 0 })).map((h) => h.id)).toEqual([mine[1]]);
      await expect(search(m, { k: 1 }, [1])).rejects.toThrow(
        `vector has 1 dimensions; model ${m.name} has 2`,
      );
    });

    it("widens the candidate list past other workspaces' nearer chunks", async () => {
      const m = await model();
      const theirs = await chunks(other, 14);
      const mine = await chunks(store, 2);
      await insertVectors(
        'chunk_embeddings',
        m,
        theirs.map((id, i) => ({ id, vector: at(i) })),
      );
      await insertVectors('chunk_embeddings', m, [
        { id: mine[0]!, vector: at(40) },
        { id: mine[1]!, vector: at(60) },
      ]);
      expect((await search(m, { k: 1 })).map((h) => h.id)).toEqual([mine[0]]);
      expect((await search(m, { k: 3 })).map((h) => h.id)).toEqual(mine);
    });

    it('sets the HNSW candidate list size for the search', async () => {
      const m = await model();
      const ef = (options: { k: number; efSearch?: number }) =>
        t.db.transaction(async (tx) => {
          await searchChunkVectors(tx, store.workspaceId, m, [1, 0], options);
          return (await tx.query<{ s: string }>("SELECT current_setting('hnsw.ef_search') AS s"))[0]!.s;
        });
      expect(await ef({ k: 1 })).toBe('64');
      expect(await ef({ k: 1, efSearch: 200 })).toBe('200');
    });
  });
});
