import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseVector, type KnowledgeStore } from '../src/index';
import { TEST_MODES, freshStore, openTestDatabase, type TestDatabase } from './support/modes';

// Embedded mode writes vectors through binary COPY, the wire mode through text literals: both
// must store exactly the float32 values given.
describe.each(TEST_MODES)('vector storage round trip (%s)', (mode) => {
  let t: TestDatabase;
  let store: KnowledgeStore;
  let ids: number[];
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    store = await freshStore(t.db, 'vrt');
    const r = await store.upsertEntities(
      Array.from({ length: 5 }, (_, i) => ({ key: `v:${i}`, type: 'T', name: `V ${i}` })),
    );
    ids = r.map((x) => x.id);
  });
  afterAll(async () => t?.close());

  it('reads back exactly the float32 vectors written (property)', async () => {
    const dims = 8;
    const model = await store.registerModel({ name: `rt-${randomUUID()}`, dims, fileHash: 'h' });
    const vec = fc.array(
      fc.float({ noNaN: true, noDefaultInfinity: true, min: Math.fround(-1e30), max: Math.fround(1e30) }),
      { minLength: dims, maxLength: dims },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(vec, { minLength: 1, maxLength: 5 }), async (vectors) => {
        await store.upsertEntityEmbeddings(
          model.id,
          vectors.map((v, i) => ({ id: ids[i]!, vector: Float32Array.from(v), contentHash: `h${i}` })),
        );
        const rows = await t.db.query<{ entity_id: number; v: string }>(
          'SELECT entity_id, embedding::text AS v FROM entity_embeddings WHERE model_id = $1 AND entity_id = ANY($2::bigint[]) ORDER BY entity_id',
          [model.id, ids.slice(0, vectors.length)],
        );
        const norm = (xs: ArrayLike<number>) => Array.from(xs, (x) => (Object.is(x, -0) ? 0 : x));
        expect(rows.map((r) => norm(parseVector(r.v)))).toEqual(
          vectors.map((v) => norm(Float32Array.from(v))),
        );
      }),
      { numRuns: 25 },
    );
  });
});
