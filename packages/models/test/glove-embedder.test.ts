import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder, cosine, ensureGloveModel, GLOVE_MODEL_ID, LlamaEmbedder } from '../src/index';
import { TEST_GLOVE, TEST_MODELS_DIR } from './helpers';

let embedder: LlamaEmbedder;

beforeAll(async () => {
  const e = await createEmbedder('builtin:glove-100d', {
    modelsDir: TEST_MODELS_DIR,
    glove: TEST_GLOVE,
    gpu: false,
  });
  if (!(e instanceof LlamaEmbedder))
    throw new Error('expected the GloVe built-in to load through node-llama-cpp');
  embedder = e;
});
afterAll(async () => {
  await embedder.dispose();
});

describe('built-in GloVe embedder (through node-llama-cpp)', () => {
  it('describes itself: id, 100 dims, file hash, CPU backend', () => {
    expect(embedder.modelId).toBe(GLOVE_MODEL_ID);
    expect(embedder.dims).toBe(100);
    expect(embedder.fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(embedder.backend).toBe('cpu');
  });

  it('is cached on disk after the first build', async () => {
    const again = await ensureGloveModel(TEST_MODELS_DIR, TEST_GLOVE);
    expect(again.built).toBe(false);
    expect(again.sha256).toBe(embedder.fileHash);
  });

  it('returns unit vectors, deterministically', async () => {
    const [a] = await embedder.embed(['The Eiffel Tower is in Paris.']);
    const fresh = await createEmbedder('builtin:glove-100d', {
      modelsDir: TEST_MODELS_DIR,
      glove: TEST_GLOVE,
      gpu: false,
      cacheBytes: 0,
    });
    const [b] = await fresh.embed(['The Eiffel Tower is in Paris.']);
    await fresh.dispose();
    expect(a).toHaveLength(100);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 5);
    expect([...b!]).toEqual([...a!]);
  });

  it('gives the same vectors in a batch as one by one', async () => {
    const texts = [
      'iron is a metal',
      'the river flows to the sea',
      'a violin concerto',
      'iron is a metal',
      '',
    ];
    const fresh = await createEmbedder('builtin:glove-100d', {
      modelsDir: TEST_MODELS_DIR,
      glove: TEST_GLOVE,
      gpu: false,
      cacheBytes: 0,
      contexts: 2,
    });
    const batch = await fresh.embed(texts);
    for (const [i, t] of texts.entries()) {
      const [single] = await fresh.embed([t]);
      expect([...single!]).toEqual([...batch[i]!]);
    }
    await fresh.dispose();
    expect(batch[4]!.every((x) => Number.isFinite(x))).toBe(true);
  });

  it('scores related sentences higher than unrelated ones', async () => {
    const [cat, kitten, stocks, paris, france] = await embedder.embed([
      'The cat rested on the carpet.',
      'A kitten slept on the rug.',
      'Stock markets fell sharply after the earnings report.',
      'Paris is a large city on the Seine.',
      'France is a country in western Europe whose capital is Paris.',
    ]);
    expect(cosine(cat!, kitten!)).toBeGreaterThan(cosine(cat!, stocks!) + 0.2);
    expect(cosine(paris!, france!)).toBeGreaterThan(cosine(paris!, kitten!) + 0.2);
  });

  it('serves repeated texts from its cache and counts hits and misses', async () => {
    const before = embedder.stats();
    await embedder.embed(['a unique sentence about glaciers']);
    await embedder.embed(['a unique sentence about glaciers', 'a unique sentence about glaciers']);
    const after = embedder.stats();
    expect(after.computed - before.computed).toBe(1);
    expect(after.cache.hits - before.cache.hits).toBe(2);
    expect(after.cache.misses - before.cache.misses).toBe(1);
  });

  it('truncates texts longer than its context instead of failing', async () => {
    const long = Array.from({ length: 5000 }, (_, i) => (i % 2 === 0 ? 'river' : 'mountain')).join(' ');
    const [v] = await embedder.embed([long]);
    expect(v).toHaveLength(100);
  });

  it('stops with CANCELLED when the signal fires', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(embedder.embed(['x'], { signal: ac.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    const ac2 = new AbortController();
    const texts = Array.from({ length: 3000 }, (_, i) => `sentence number ${i} about cancellation`);
    const pending = embedder.embed(texts, { signal: ac2.signal });
    setTimeout(() => ac2.abort(), 5);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
