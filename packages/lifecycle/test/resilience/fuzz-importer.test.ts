/**
 * Property-based fuzzing of the bundle importer and vector writes, in process: 3,000 hostile
 * inputs. Every rejection is a typed user-input error (never INTERNAL, never a crash), and a
 * rejected write leaves every row count as it was.
 */
import { isRustyError } from '@rustygpt/core';
import { IN_MEMORY, KnowledgeStore, openDatabase, type Database } from '@rustygpt/store';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badVector, bundle } from './support/arbitraries';

let db: Database;
let store: KnowledgeStore;
beforeAll(async () => {
  db = await openDatabase({ dataDir: IN_MEMORY });
  store = new KnowledgeStore(db, 1);
  await store.importBundle({
    entities: ['a', 'b', 'c', 'd'].map((k) => ({ key: `k:${k}`, type: 'Thing', name: k.toUpperCase() })),
  });
  const m = await store.registerModel({ name: 'fuzz-4d', dims: 4, fileHash: 'x' });
  await store.setActiveModel(m.id);
});
afterAll(async () => {
  await db.close();
});

async function counts(): Promise<string> {
  const [r] = await db.query(
    `SELECT (SELECT count(*) FROM entities) e, (SELECT count(*) FROM relationships) r, (SELECT count(*) FROM external_resources) x,
            (SELECT count(*) FROM entity_aliases) a, (SELECT count(*) FROM entity_attribute_link) l, (SELECT count(*) FROM entity_embeddings) v,
            (SELECT count(*) FROM entity_versions) h`,
  );
  return JSON.stringify(r);
}

const ALLOWED = new Set(['BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND']);
const stats = { accepted: 0, rejected: 0 };

describe('bundle importer under hostile input', () => {
  it('rejects 2,500 generated bundles with user errors only and leaves counts unchanged on rejection', async () => {
    await fc.assert(
      fc.asyncProperty(bundle, async (input) => {
        const before = await counts();
        try {
          await store.importBundle(input, { batchSize: 3 });
          stats.accepted += 1;
        } catch (error) {
          stats.rejected += 1;
          if (!isRustyError(error) || !ALLOWED.has(error.code)) {
            throw new Error(
              `unexpected ${isRustyError(error) ? error.code : String(error)}: ${(error as Error).message}`,
            );
          }
          expect(await counts()).toBe(before);
        }
      }),
      { numRuns: 2_500, seed: 20261124 },
    );
    expect(stats.accepted).toBeGreaterThan(0);
    expect(stats.rejected).toBeGreaterThan(0);
  });

  it('rejects 500 malformed vectors without writing any', async () => {
    const ids = (await store.listEntities({ first: 4 })).map((e) => e.id);
    await fc.assert(
      fc.asyncProperty(badVector, fc.constantFrom(...ids, -1, 2 ** 60), async (vector, id) => {
        const before = await counts();
        // float4 components: finite and within float32 range.
        const ok =
          vector.length === 4 &&
          vector.every((x) => Number.isFinite(x) && Math.abs(x) <= 3.4028234663852886e38) &&
          ids.includes(id);
        try {
          await store.upsertEntityEmbeddings('fuzz-4d', [{ id, vector, contentHash: 'h' }]);
          expect(ok).toBe(true);
        } catch (error) {
          expect(ok).toBe(false);
          expect(isRustyError(error) && ALLOWED.has(error.code)).toBe(true);
          expect(await counts()).toBe(before);
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
