/**
 * Caches embeddings of short texts (mentions, vocabulary names) so repeated questions do not
 * pay the embedder again; one cache per embedder model.
 */
import type { Embedder } from '@rustygpt/core';
import { Lru } from './lru';

export class EmbeddingCache {
  private readonly cache: Lru<string, Float32Array>;
  hits = 0;
  misses = 0;

  constructor(
    readonly embedder: Embedder,
    capacity = 10_000,
  ) {
    this.cache = new Lru(capacity);
  }

  /** Vectors of `texts`, computing only the ones not cached (in one embedder call). */
  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const missing = [...new Set(texts.filter((t) => !this.cache.has(t)))];
    this.hits += texts.length - missing.length;
    this.misses += missing.length;
    if (missing.length > 0) {
      const vectors = await this.embedder.embed(missing, signal ? { signal } : undefined);
      missing.forEach((t, i) => this.cache.set(t, vectors[i]!));
    }
    return texts.map((t) => this.cache.get(t)!);
  }
}

/** Cosine similarity of two vectors (0 when either is all zeros). */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
