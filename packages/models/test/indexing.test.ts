import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddingJobRepository, countModelVectors, type KnowledgeStore } from '@rustygpt/store';
import { createEmbedder, indexEmbeddings, retrieveResources, type AnyEmbedder } from '../src/index';
import { aKnowledgeBase, aStoreWith } from './builders';
import { TEST_GLOVE, TEST_MODELS_DIR } from './helpers';

let store: KnowledgeStore;
let embedder: AnyEmbedder;

beforeAll(async () => {
  store = await aStoreWith(aKnowledgeBase().withGeography().withElements().withInstruments().build());
  embedder = await createEmbedder('builtin:glove-100d', {
    modelsDir: TEST_MODELS_DIR,
    glove: TEST_GLOVE,
    gpu: false,
  });
});
afterAll(async () => {
  await embedder.dispose();
  await store.db.close();
});

describe('indexEmbeddings', () => {
  it('embeds every entity and chunk once, activates the first model, and builds its index', async () => {
    const entities = await store.countEntities();
    const chunks = (await store.listChunks({ limit: 10_000 })).length;
    const progress: number[] = [];
    const first = await indexEmbeddings(store, embedder, {
      batchSize: 7,
      onProgress: (p) => p.phase === 'embed' && progress.push(p.done),
    });
    expect(first.planned).toEqual({ entities, chunks });
    expect(first.embedded).toEqual({ entities, chunks });
    expect(first.model.state).toBe('active');
    expect(progress.at(-1)).toBe(entities + chunks);
    expect(await countModelVectors(store.db, store.workspaceId, first.model.id)).toEqual({
      entities,
      chunks,
    });
    const hits = await store.searchEntitiesByVector((await embedder.embed(['Copper']))[0]!, {
      modelId: embedder.modelId,
      k: 3,
    });
    expect(hits.map((h) => h.item.name)).toContain('Copper');
  });

  it('re-embeds only what changed', async () => {
    const again = await indexEmbeddings(store, embedder);
    expect(again.planned).toEqual({ entities: 0, chunks: 0 });
    expect(again.embedded).toEqual({ entities: 0, chunks: 0 });

    const zinc = await store.getEntityByKey('element:Zinc');
    await store.setAttributes(zinc!.id, { symbol: 'Zn' });
    // A relationship changes the documents of both of its ends.
    await store.upsertRelationship({
      from: 'instrument:Violin',
      to: 'instrument:Piano',
      type: 'played_with',
      weight: 0.9,
    });
    const changed = await indexEmbeddings(store, embedder);
    expect(changed.planned).toEqual({ entities: 3, chunks: 0 });
    expect(changed.embedded.entities).toBe(3);
    const all = await indexEmbeddings(store, embedder, { all: true });
    expect(all.planned.entities).toBe(await store.countEntities());
  });

  it('drops archived entities from the index', async () => {
    const tin = await store.getEntityByKey('element:Tin');
    await store.setState(tin!.id, 'archived');
    const result = await indexEmbeddings(store, embedder);
    expect(result.removedArchived).toBe(1);
    const hits = await store.searchEntitiesByVector((await embedder.embed(['Tin']))[0]!, {
      modelId: embedder.modelId,
      k: 50,
      states: ['active', 'inactive', 'archived'],
    });
    expect(hits.map((h) => h.item.name)).not.toContain('Tin');
  });

  it('resumes an interrupted run from the job queue without redoing finished batches', async () => {
    const fresh = await aStoreWith(aKnowledgeBase().withGeography().withElements().build());
    try {
      await expect(
        indexEmbeddings(fresh, embedder, {
          batchSize: 5,
          afterBatch: (n) => {
            if (n === 2) throw new Error('simulated crash');
          },
        }),
      ).rejects.toThrow('simulated crash');
      const model = (await fresh.models.getByName(embedder.modelId))!;
      const counts = await new EmbeddingJobRepository(fresh.db).counts(model.id);
      expect(counts.done).toBe(10);
      expect(counts.queued + counts.running).toBeGreaterThan(0);
      const resumed = await indexEmbeddings(fresh, embedder, { batchSize: 5 });
      const total = (await fresh.countEntities()) + (await fresh.listChunks({ limit: 1000 })).length;
      expect(resumed.embedded.entities + resumed.embedded.chunks).toBe(total - 10);
      expect(await countModelVectors(fresh.db, fresh.workspaceId, model.id)).toEqual({
        entities: await fresh.countEntities(),
        chunks: (await fresh.listChunks({ limit: 1000 })).length,
      });
    } finally {
      await fresh.db.close();
    }
  });

  it('skips entities deleted while indexing runs', async () => {
    const fresh = await aStoreWith(aKnowledgeBase().withGeography().withElements().build());
    try {
      const carbon = (await fresh.getEntityByKey('element:Carbon'))!;
      const result = await indexEmbeddings(fresh, embedder, {
        batchSize: 5,
        afterBatch: async (n) => {
          if (n === 1) await fresh.deleteEntity(carbon.id);
        },
      });
      expect(result.embedded.entities).toBe(await fresh.countEntities());
      expect(await countModelVectors(fresh.db, fresh.workspaceId, result.model.id)).toMatchObject({
        entities: await fresh.countEntities(),
      });
    } finally {
      await fresh.db.close();
    }
  });

  it('stops with CANCELLED when the signal fires', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(indexEmbeddings(store, embedder, { all: true, signal: ac.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});

describe('retrieveResources', () => {
  it('finds the passage about a question in every mode', async () => {
    for (const mode of ['dense', 'fulltext', 'hybrid'] as const) {
      const got = await retrieveResources(store, 'Which river flows through Budapest?', {
        k: 3,
        mode,
        embedder,
      });
      expect(
        got.map((r) => r.title),
        mode,
      ).toContain('Budapest');
      expect(got[0]!.score).toBeGreaterThan(0);
    }
  });

  it('ranks the orchestra passage first for a question about violins (hybrid)', async () => {
    const got = await retrieveResources(store, 'What does the violin play in an orchestra?', {
      k: 2,
      embedder,
    });
    expect(got[0]?.uri).toBe('https://example.org/wiki/Orchestra');
  });
});
