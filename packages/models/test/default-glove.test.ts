import { describe, expect, it } from 'vitest';
import { cosine, createEmbedder, ensureGloveModel } from '../src/index';
import { TEST_MODELS_DIR } from './helpers';

describe('the real default GloVe model (full vocabulary)', () => {
  it('builds once, then loads from the cache, and knows rare words', async () => {
    await ensureGloveModel(TEST_MODELS_DIR); // built on the first run of the suite, cached after
    const again = await ensureGloveModel(TEST_MODELS_DIR);
    expect(again.built).toBe(false);
    expect(again.vocabSize).toBeGreaterThan(300_000);

    const embedder = await createEmbedder('builtin:glove-100d', {
      env: {},
      modelsDir: TEST_MODELS_DIR,
      gpu: false,
    });
    try {
      expect(embedder.modelId).toBe('builtin:glove-100d');
      expect(embedder.fileHash).toBe(again.sha256);
      // "corythosaurus" is near the end of the frequency list: only the full vocabulary has it.
      const [dino, fossil, opera] = await embedder.embed([
        'corythosaurus',
        'a dinosaur fossil skeleton',
        'an opera singer',
      ]);
      expect(cosine(dino!, fossil!)).toBeGreaterThan(cosine(dino!, opera!));
    } finally {
      await embedder.dispose();
    }
  });
});
