import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countModelVectors, type KnowledgeStore } from '@rustygpt/store';
import {
  ActiveEmbedder,
  createEmbedder,
  indexEmbeddings,
  rebase,
  retrieveResources,
  writeTinyBertGguf,
  type AnyEmbedder,
} from '../src/index';
import { aKnowledgeBase, aStoreWith } from './builders';
import { TEST_GLOVE, TEST_MODELS_DIR } from './helpers';

let glove: AnyEmbedder;
let use: AnyEmbedder;
let dir: string;

const bundle = () => aKnowledgeBase().withGeography().withElements().withInstruments().build();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'models-rebase-'));
  glove = await createEmbedder('builtin:glove-100d', {
    modelsDir: TEST_MODELS_DIR,
    glove: TEST_GLOVE,
    gpu: false,
  });
  use = await createEmbedder('builtin:use-lite-512');
});
afterAll(async () => {
  await glove.dispose();
  await use.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function withStore(fn: (store: KnowledgeStore) => Promise<void>): Promise<void> {
  const store = await aStoreWith(bundle());
  try {
    await fn(store);
  } finally {
    await store.db.close();
  }
}

describe('rebase', () => {
  it('moves from USE (512 dims) to GloVe (100 dims) while queries keep answering', async () => {
    await withStore(async (store) => {
      const first = await indexEmbeddings(store, use);
      expect(first.model.state).toBe('active');
      const active = new ActiveEmbedder(store, {
        load: async (name) => (name === glove.modelId ? glove : use),
      });
      const answers: string[] = [];
      let stop = false;
      const queries = (async () => {
        while (!stop) {
          answers.push(
            await active.run(async (embedder) => {
              const got = await retrieveResources(store, 'Which river flows through Budapest?', {
                k: 3,
                mode: 'dense',
                embedder,
              });
              return `${embedder.modelId}:${got.map((r) => r.title).join(',')}`;
            }),
          );
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      const phases: string[] = [];
      const report = await rebase(store, glove, {
        onProgress: (p) => {
          if (!phases.includes(p.phase)) phases.push(p.phase);
        },
      });
      stop = true;
      await queries;

      expect(report.verification.misses).toEqual([]);
      expect(phases).toEqual(['index', 'verify', 'switch', 'cleanup']);
      expect(report.switched).toBe(true);
      expect(report.verification.selfRecall).toBeGreaterThanOrEqual(0.99);
      expect(report.verification.neighbourOverlap).not.toBeNull();
      expect(report.from?.name).toBe(use.modelId);
      expect(report.to).toMatchObject({ name: glove.modelId, dims: 100, state: 'active' });
      expect(report.droppedOldVectors?.entities).toBe(await store.countEntities());
      expect(await countModelVectors(store.db, store.workspaceId, report.from!.id)).toEqual({
        entities: 0,
        chunks: 0,
      });

      // Every query during the re-base answered, first from the old model, then the new one.
      expect(answers.length).toBeGreaterThan(0);
      for (const a of answers) expect(a).toContain('Budapest');
      expect(answers[0]).toMatch(/^builtin:use-lite-512:/);
      const after = await retrieveResources(store, 'Which river flows through Budapest?', {
        k: 3,
        mode: 'dense',
        embedder: await active.current(),
      });
      expect((await active.current()).modelId).toBe(glove.modelId);
      expect(after.map((r) => r.title)).toContain('Budapest');
    });
  });

  it('resumes after a crash mid-way without re-embedding what was done', async () => {
    await withStore(async (store) => {
      await indexEmbeddings(store, glove);
      await expect(
        rebase(store, use, {
          batchSize: 8,
          afterBatch: (n) => {
            if (n === 2) throw new Error('simulated crash');
          },
        }),
      ).rejects.toThrow('simulated crash');
      // The old model is still active and complete; the new one is half-built.
      expect((await store.getActiveModel())?.name).toBe(glove.modelId);
      const building = (await store.models.getByName(use.modelId))!;
      expect(building.state).toBe('building');
      expect((await countModelVectors(store.db, store.workspaceId, building.id)).entities).toBe(16);

      const report = await rebase(store, use, { batchSize: 8 });
      const total = (await store.countEntities()) + (await store.listChunks({ limit: 1000 })).length;
      expect(report.indexed!.embedded.entities + report.indexed!.embedded.chunks).toBe(total - 16);
      expect(report.switched).toBe(true);
      expect((await store.getActiveModel())?.name).toBe(use.modelId);
    });
  });

  it('leaves the old model active when verification fails', async () => {
    await withStore(async (store) => {
      await indexEmbeddings(store, glove);
      const path = join(dir, 'collapsed-bert.gguf');
      await writeTinyBertGguf(path, { collapsed: true });
      const random = await createEmbedder(path, { gpu: false });
      try {
        const report = await rebase(store, random);
        expect(report.switched).toBe(false);
        expect(report.verification.passed).toBe(false);
        expect(report.verification.selfRecall).toBeLessThan(0.99);
        expect(report.verification.misses.length).toBeGreaterThan(0);
        expect((await store.getActiveModel())?.name).toBe(glove.modelId);
        const hits = await store.searchEntitiesByVector((await glove.embed(['Copper']))[0]!, {
          modelId: glove.modelId,
          k: 3,
        });
        expect(hits.map((h) => h.item.name)).toContain('Copper');
      } finally {
        await random.dispose();
      }
    });
  });
});
