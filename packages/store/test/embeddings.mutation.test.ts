import { createHash, randomUUID } from 'node:crypto';
import type { EntityInput } from '@rustygpt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchChunksBm25 } from '../src/embeddings-bm25';
import {
  claimWorkspaceEmbeddingJobs,
  countModelVectors,
  deleteArchivedEntityVectors,
  forceEmbeddingJobs,
  getChunksByIds,
  getEntityVectors,
  sampleEntityIds,
} from '../src/embeddings-support';
import type { EmbeddingModel, KnowledgeStore, Queryable } from '../src/index';
import { freshStore, openTestDatabase, type TestDatabase } from './support/modes';

/** A Queryable that fails on any use: proves a call touches no database. */
const untouchable: Queryable = {
  query: () => Promise.reject(new Error('no query expected')),
  exec: () => Promise.reject(new Error('no statement expected')),
};

// What re-indexing, re-basing and lexical retrieval read and write beside the KnowledgeStore
// surface: BM25 chunk ranking, stored vectors, samples, counts, chunk reads and the embedding
// job queue. One embedded database; each test takes workspaces and models of its own.
describe('embedding support (embedded)', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase('embedded');
  }, 60_000);
  afterAll(async () => t?.close());

  const fresh = (): Promise<KnowledgeStore> => freshStore(t.db, 'emb-support');
  const model = (s: KnowledgeStore, dims = 2): Promise<EmbeddingModel> =>
    s.models.register({ name: `es-${randomUUID()}`, dims, fileHash: 'h' });
  const entities = async (s: KnowledgeStore, inputs: Partial<EntityInput>[]): Promise<number[]> => {
    const prefix = randomUUID().slice(0, 8);
    const written = await s.upsertEntities(
      inputs.map((e, i) => ({ type: 'Thing', name: `n${i}`, ...e, key: `${prefix}:${i}` })),
    );
    return written.map((w) => w.id);
  };
  /** One single-chunk resource per text; returns the chunk ids in order. */
  const chunks = async (s: KnowledgeStore, docs: (string | { text: string; title: string })[]) => {
    const ids: number[] = [];
    for (const doc of docs) {
      const { text, title } = typeof doc === 'string' ? { text: doc, title: undefined } : doc;
      const { resource } = await s.upsertResource({
        uri: `doc:${randomUUID()}`,
        text,
        type: 'text/plain',
        ...(title ? { title } : {}),
      });
      const [chunk, ...more] = await s.listChunks({ resourceIds: [resource.id] });
      expect(more).toEqual([]);
      ids.push(chunk!.id);
    }
    return ids;
  };

  describe('searchChunksBm25', () => {
    // Okapi BM25 of one term: idf x saturated, length-normalised term frequency
    const term = (
      o: { n: number; df: number; tf: number; dl: number; avgdl: number },
      k1 = 1.2,
      b = 0.75,
    ): number =>
      Math.log(1 + (o.n - o.df + 0.5) / (o.df + 0.5)) *
      ((o.tf * (k1 + 1)) / (o.tf + k1 * (1 - b + (b * o.dl) / o.avgdl)));

    it('returns nothing for a blank query without asking the database', async () => {
      expect(await searchChunksBm25(untouchable, 1, '', { k: 5 })).toEqual([]);
      expect(await searchChunksBm25(untouchable, 1, ' \t\n', { k: 5 })).toEqual([]);
    });

    it('returns nothing when the query has no searchable words', async () => {
      const s = await fresh();
      await chunks(s, ['the cat and the dog']);
      expect(await searchChunksBm25(t.db, s.workspaceId, 'the and of', { k: 5 })).toEqual([]);
    });

    it('scores chunks with Okapi BM25 (idf, term frequency, length) and returns them whole', async () => {
      const s = await fresh();
      const [catDog, catFish] = await chunks(s, ['cat cat dog', 'cat fish', 'bird']);
      await chunks(await fresh(), ['dog dog dog']); // another workspace: neither a hit nor in the statistics
      const hits = await searchChunksBm25(t.db, s.workspaceId, 'cats and dogs', { k: 10 });
      // 3 chunks of 2, 2 and 1 lexemes; "cat" is in 2 of them, "dog" in 1
      const stats = { n: 3, avgdl: 5 / 3, dl: 2 };
      const expected = [
        [catDog, term({ ...stats, df: 2, tf: 2 }) + term({ ...stats, df: 1, tf: 1 })],
        [catFish, term({ ...stats, df: 2, tf: 1 })],
      ] as const;
      expect(hits.map((h) => h.text)).toEqual(['cat cat dog', 'cat fish']);
      hits.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]![1], 6));
      expect(hits[0]).toMatchObject({ chunkIndex: 0, resource: { workspaceId: s.workspaceId, title: null } });
      expect(typeof hits[0]!.resource.id).toBe('number');
      const ids = (await s.listChunks()).map((c) => c.id);
      expect(ids.slice(0, 2)).toEqual([catDog, catFish]);
    });

    it('uses the given saturation and length normalisation', async () => {
      const s = await fresh();
      await chunks(s, ['cat cat dog', 'cat fish', 'bird']);
      const [hit] = await searchChunksBm25(t.db, s.workspaceId, 'cat', { k: 1, k1: 2, b: 0.2 });
      expect(hit!.score).toBeCloseTo(term({ n: 3, avgdl: 5 / 3, dl: 2, df: 2, tf: 2 }, 2, 0.2), 6);
      const [flat] = await searchChunksBm25(t.db, s.workspaceId, 'cat', { k: 1, k1: 0, b: 0 });
      expect(flat!.score).toBeCloseTo(Math.log(1 + 1.5 / 2.5), 6);
    });

    it('matches resource titles as well as chunk text', async () => {
      const s = await fresh();
      const [titled] = await chunks(s, [{ text: 'striped animal', title: 'Zebra facts' }, 'plain text']);
      const hits = await searchChunksBm25(t.db, s.workspaceId, 'zebra', { k: 5 });
      expect(hits.map((h) => [h.resource.title, h.text])).toEqual([['Zebra facts', 'striped animal']]);
      expect(titled).toBeGreaterThan(0);
    });

    it('returns the best k (truncated, at least one), ties by chunk id', async () => {
      const s = await fresh();
      const ids = await chunks(s, ['owl one', 'owl two', 'owl three', 'nothing here']);
      const top = async (k: number) =>
        (await searchChunksBm25(t.db, s.workspaceId, 'owl', { k })).map((h) => h.text);
      expect(await top(10)).toEqual(['owl one', 'owl two', 'owl three']);
      expect(await top(2.9)).toEqual(['owl one', 'owl two']);
      expect(await top(0)).toEqual(['owl one']);
      expect(ids).toHaveLength(4);
    });
  });

  describe('stored vectors', () => {
    it('reads the vectors of the asked entities of one model and workspace', async () => {
      const s = await fresh();
      const other = await fresh();
      const [m, m2] = [await model(s), await model(s)];
      const [a, b, c] = await entities(s, [{}, {}, {}]);
      const [theirs] = await entities(other, [{}]);
      await s.upsertEntityEmbeddings(m.id, [
        { id: a!, vector: [1, 2], contentHash: 'h' },
        { id: b!, vector: [0.5, -1], contentHash: 'h' },
        { id: c!, vector: [3, 3], contentHash: 'h' },
      ]);
      await s.upsertEntityEmbeddings(m2.id, [{ id: a!, vector: [9, 9], contentHash: 'h' }]);
      await other.upsertEntityEmbeddings(m.id, [{ id: theirs!, vector: [7, 7], contentHash: 'h' }]);
      const got = await getEntityVectors(t.db, s.workspaceId, m.id, [a!, b!, theirs!, 987_654]);
      expect([...got.keys()].sort((x, y) => x - y)).toEqual([a, b]);
      expect(got.get(a!)).toEqual(Float32Array.of(1, 2));
      expect(got.get(b!)).toEqual(Float32Array.of(0.5, -1));
      expect(await getEntityVectors(untouchable, s.workspaceId, m.id, [])).toEqual(new Map());
    });

    it('counts the vectors of a model per kind in one workspace', async () => {
      const s = await fresh();
      const other = await fresh();
      const [m, m2] = [await model(s), await model(s)];
      expect(await countModelVectors(t.db, s.workspaceId, m.id)).toEqual({ entities: 0, chunks: 0 });
      const ids = await entities(s, [{}, {}, {}]);
      const [theirs] = await entities(other, [{}]);
      const cs = await chunks(s, ['one', 'two']);
      await s.upsertEntityEmbeddings(
        m.id,
        ids.map((id) => ({ id, vector: [1, 0], contentHash: 'h' })),
      );
      await s.upsertChunkEmbeddings(
        m.id,
        cs.map((id) => ({ id, vector: [1, 0], contentHash: 'h' })),
      );
      await s.upsertEntityEmbeddings(m2.id, [{ id: ids[0]!, vector: [1, 0], contentHash: 'h' }]);
      await other.upsertEntityEmbeddings(m.id, [{ id: theirs!, vector: [1, 0], contentHash: 'h' }]);
      expect(await countModelVectors(t.db, s.workspaceId, m.id)).toEqual({ entities: 3, chunks: 2 });
      expect(await countModelVectors(t.db, s.workspaceId, m2.id)).toEqual({ entities: 1, chunks: 0 });
    });

    it("deletes a model's vectors of archived entities of the workspace only", async () => {
      const s = await fresh();
      const other = await fresh();
      const [m, m2] = [await model(s), await model(s)];
      const [live, gone1, gone2, idle] = await entities(s, [
        {},
        { state: 'archived' },
        { state: 'archived' },
        { state: 'inactive' },
      ]);
      const [theirs] = await entities(other, [{ state: 'archived' }]);
      const all = [live!, gone1!, gone2!, idle!].map((id) => ({ id, vector: [1, 0], contentHash: 'h' }));
      await s.upsertEntityEmbeddings(m.id, all);
      await s.upsertEntityEmbeddings(m2.id, all);
      await other.upsertEntityEmbeddings(m.id, [{ id: theirs!, vector: [1, 0], contentHash: 'h' }]);
      expect(await deleteArchivedEntityVectors(t.db, s.workspaceId, m.id)).toBe(2);
      const left = await getEntityVectors(t.db, s.workspaceId, m.id, [live!, gone1!, gone2!, idle!]);
      expect([...left.keys()].sort((x, y) => x - y)).toEqual([live, idle]);
      expect((await getEntityVectors(t.db, s.workspaceId, m2.id, [gone1!])).size).toBe(1);
      expect((await getEntityVectors(t.db, other.workspaceId, m.id, [theirs!])).size).toBe(1);
      expect(await deleteArchivedEntityVectors(t.db, s.workspaceId, m.id)).toBe(0);
    });
  });

  describe('sampleEntityIds', () => {
    const md5 = (id: number) => createHash('md5').update(String(id)).digest('hex');

    it('samples entities of the asked states in md5-of-id order, the same every time', async () => {
      const s = await fresh();
      const other = await fresh();
      const active = await entities(
        s,
        Array.from({ length: 8 }, () => ({})),
      );
      const [inactive, archived] = await entities(s, [{ state: 'inactive' }, { state: 'archived' }]);
      await entities(other, [{}, {}]);
      const byMd5 = (ids: number[]) => [...ids].sort((x, y) => (md5(x) < md5(y) ? -1 : 1));
      expect(await sampleEntityIds(t.db, s.workspaceId, 100)).toEqual(byMd5(active));
      expect(await sampleEntityIds(t.db, s.workspaceId, 3.9)).toEqual(byMd5(active).slice(0, 3));
      expect(await sampleEntityIds(t.db, s.workspaceId, -2)).toEqual([]);
      expect(await sampleEntityIds(t.db, s.workspaceId, 100, ['inactive', 'archived'])).toEqual(
        byMd5([inactive!, archived!]),
      );
    });
  });

  it('reads chunks of the workspace by id, ordered by id', async () => {
    const s = await fresh();
    const other = await fresh();
    const [one, two] = await chunks(s, ['first text', 'second text']);
    const [theirs] = await chunks(other, ['their text']);
    const got = await getChunksByIds(t.db, s.workspaceId, [two!, theirs!, one!]);
    const [c1] = await s.listChunks({ afterId: one! - 1, limit: 1 });
    expect(got).toEqual([
      { id: one, resourceId: c1!.resourceId, chunkIndex: 0, text: 'first text' },
      { id: two, resourceId: expect.any(Number), chunkIndex: 0, text: 'second text' },
    ]);
    expect(got[1]!.resourceId).not.toBe(c1!.resourceId);
    expect(await getChunksByIds(untouchable, s.workspaceId, [])).toEqual([]);
  });

  describe('embedding job queue', () => {
    const jobs = (m: EmbeddingModel) =>
      t.db
        .query<{
          kind: string;
          target: number;
          hash: string | null;
          state: string;
          attempts: number;
          error: string | null;
        }>(
          `SELECT target_kind AS kind, target_id AS target, content_hash AS hash, state, attempts, error
             FROM embedding_jobs WHERE model_id = $1 ORDER BY id`,
          [m.id],
        )
        .then((rows) => rows.map((r) => ({ ...r, target: Number(r.target) })));

    it('queues targets whatever their state, resetting attempts and errors', async () => {
      const s = await fresh();
      const m = await model(s);
      expect(await forceEmbeddingJobs(untouchable, m.id, 'entity', [])).toBe(0);
      expect(
        await forceEmbeddingJobs(t.db, m.id, 'entity', [
          { id: 1, contentHash: 'a' },
          { id: 2, contentHash: null },
        ]),
      ).toBe(2);
      await t.db.query(
        `UPDATE embedding_jobs SET state = 'done', attempts = 3, error = 'boom' WHERE model_id = $1 AND target_id = 1`,
        [m.id],
      );
      // same content hash, done: queued again all the same (a full re-embed)
      expect(
        await forceEmbeddingJobs(t.db, m.id, 'entity', [
          { id: 1, contentHash: 'a' },
          { id: 3, contentHash: 'c' },
        ]),
      ).toBe(2);
      expect(await forceEmbeddingJobs(t.db, m.id, 'chunk', [{ id: 1, contentHash: 'x' }])).toBe(1);
      const queued = { state: 'queued', attempts: 0, error: null };
      expect(await jobs(m)).toEqual([
        { kind: 'entity', target: 1, hash: 'a', ...queued },
        { kind: 'entity', target: 2, hash: null, ...queued },
        { kind: 'entity', target: 3, hash: 'c', ...queued },
        { kind: 'chunk', target: 1, hash: 'x', ...queued },
      ]);
    });

    it("claims the model's oldest queued jobs whose targets are in the workspace, marking them running", async () => {
      const s = await fresh();
      const other = await fresh();
      const [m, m2] = [await model(s), await model(s)];
      const [e1, e2, e3] = await entities(s, [{}, {}, {}]);
      const [c1] = await chunks(s, ['chunk one']);
      const [theirEntity] = await entities(other, [{}]);
      const [theirChunk] = await chunks(other, ['their chunk']);
      await forceEmbeddingJobs(t.db, m.id, 'entity', [
        { id: theirEntity!, contentHash: 'x' },
        { id: e1!, contentHash: 'h1' },
      ]);
      await forceEmbeddingJobs(t.db, m.id, 'chunk', [
        { id: theirChunk!, contentHash: 'x' },
        { id: c1!, contentHash: null },
      ]);
      await forceEmbeddingJobs(t.db, m.id, 'entity', [
        { id: e2!, contentHash: 'h2' },
        { id: e3!, contentHash: 'h3' },
      ]);
      await forceEmbeddingJobs(t.db, m2.id, 'entity', [{ id: e1!, contentHash: 'h1' }]);
      await t.db.query(`UPDATE embedding_jobs SET state = 'done' WHERE model_id = $1 AND target_id = $2`, [
        m.id,
        e3,
      ]);
      const claimed = await claimWorkspaceEmbeddingJobs(t.db, s.workspaceId, m.id, 2.8);
      expect(claimed.map(({ id: _id, ...j }) => j)).toEqual([
        { targetKind: 'entity', targetId: e1, contentHash: 'h1', attempts: 1 },
        { targetKind: 'chunk', targetId: c1, contentHash: null, attempts: 1 },
      ]);
      expect(claimed[0]!.id).toBeLessThan(claimed[1]!.id);
      const rest = await claimWorkspaceEmbeddingJobs(t.db, s.workspaceId, m.id, 0);
      expect(rest.map((j) => [j.targetKind, j.targetId])).toEqual([['entity', e2]]);
      expect(await claimWorkspaceEmbeddingJobs(t.db, s.workspaceId, m.id, 10)).toEqual([]);
      const states = (await jobs(m)).map((j) => [j.target, j.state, j.attempts]);
      expect(states).toEqual([
        [theirEntity, 'queued', 0],
        [e1, 'running', 1],
        [theirChunk, 'queued', 0],
        [c1, 'running', 1],
        [e2, 'running', 1],
        [e3, 'done', 0],
      ]);
      expect((await jobs(m2)).map((j) => j.state)).toEqual(['queued']);
    });

    it('returns claimed jobs in id order with their attempt count', async () => {
      const s = await fresh();
      const m = await model(s);
      const ids = await entities(
        s,
        Array.from({ length: 6 }, () => ({})),
      );
      await forceEmbeddingJobs(
        t.db,
        m.id,
        'entity',
        ids.map((id) => ({ id, contentHash: 'h' })),
      );
      await t.db.query(`UPDATE embedding_jobs SET attempts = 2 WHERE model_id = $1`, [m.id]);
      const claimed = await claimWorkspaceEmbeddingJobs(t.db, s.workspaceId, m.id, 6);
      expect(claimed.map((j) => j.targetId)).toEqual(ids);
      expect(claimed.map((j) => j.id)).toEqual([...claimed.map((j) => j.id)].sort((x, y) => x - y));
      expect(claimed.every((j) => j.attempts === 3)).toBe(true);
    });
  });
});
