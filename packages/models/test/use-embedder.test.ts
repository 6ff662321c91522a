import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosine, createEmbedder, USE_MODEL_ID, UseEmbedder } from '../src/index';

let embedder: UseEmbedder;

beforeAll(async () => {
  const e = await createEmbedder('builtin:use-512');
  if (!(e instanceof UseEmbedder)) throw new Error('expected the USE built-in');
  embedder = e;
});
afterAll(async () => {
  await embedder.dispose();
});

describe('built-in USE-lite embedder', () => {
  it('describes itself: id, 512 dims, file hash', () => {
    expect(embedder.modelId).toBe(USE_MODEL_ID);
    expect(embedder.dims).toBe(512);
    expect(embedder.fileHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('returns unit vectors; a batch matches one-by-one results', async () => {
    const texts = ['Who wrote Hamlet?', 'The violin has four strings.', 'Who wrote Hamlet?'];
    const batch = await embedder.embed(texts);
    expect(batch[0]).toHaveLength(512);
    expect(Math.hypot(...batch[0]!)).toBeCloseTo(1, 4);
    const fresh = await UseEmbedder.load({ cacheBytes: 0 });
    for (const [i, t] of texts.entries()) {
      const [single] = await fresh.embed([t]);
      expect(cosine(single!, batch[i]!)).toBeGreaterThan(0.99999);
    }
  });

  it('scores related sentences higher than unrelated ones', async () => {
    const [q, good, bad] = await embedder.embed([
      'Who wrote the play Hamlet?',
      'Hamlet is a tragedy written by William Shakespeare.',
      'The stock market fell sharply after the earnings report.',
    ]);
    expect(cosine(q!, good!)).toBeGreaterThan(cosine(q!, bad!) + 0.2);
  });

  it('stops with CANCELLED when the signal has fired', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(embedder.embed(['anything new'], { signal: ac.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});

describe('the default embedder', () => {
  it('is USE-lite when RUSTYGPT_EMBEDDING_MODEL is unset, the configured model otherwise', async () => {
    const byDefault = await createEmbedder(undefined, { env: {} });
    expect(byDefault.modelId).toBe(USE_MODEL_ID);
    await expect(
      createEmbedder(undefined, { env: { RUSTYGPT_EMBEDDING_MODEL: 'builtin:nope' } }),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});
