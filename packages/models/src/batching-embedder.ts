/**
 * The parts every embedder shares: an LRU of vectors keyed by content hash, de-duplication of
 * repeated texts, batching, bounded concurrency (callers queue rather than overload the model),
 * cancellation between batches, and unit-length output so cosine = dot product.
 */
import { createHash } from 'node:crypto';
import { throwIfAborted, type Embedder } from '@rustygpt/core';
import { ByteLruCache, type LruStats } from './lru-cache';
import { Semaphore } from './semaphore';
import { normalize } from './vector-math';

/** Cache and batch settings shared by every embedder. */
export interface BatchingOptions {
  /** Bound of the vector cache in bytes (default 32 MiB; 0 disables caching). */
  cacheBytes?: number;
  /** Texts per batch, or `auto` (default) to let the embedder choose. */
  batchSize?: number | 'auto';
}

/** Counters of an embedder since it was created, from {@link BatchingEmbedder.stats}. */
export interface EmbedderStats {
  /** Vector cache counters (hits, misses, bytes...). */
  cache: LruStats;
  /** Texts sent to the model (cache misses after de-duplication). */
  computed: number;
  /** Batches sent to the model. */
  batches: number;
  /** Callers waiting for a free model slot right now. */
  queued: number;
}

/** sha256 of a text: the cache key and the content hash used across the project. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Base of the embedders: implements {@link Embedder.embed} once (cache, de-duplication, batching,
 * bounded concurrency, cancellation, unit-length output); subclasses only compute raw batches.
 */
export abstract class BatchingEmbedder implements Embedder {
  abstract readonly modelId: string;
  abstract readonly dims: number;
  abstract readonly fileHash: string;

  private readonly cache: ByteLruCache<Float32Array>;
  private readonly slots: Semaphore;
  private computed = 0;
  private batches = 0;

  protected constructor(
    concurrency: number,
    private readonly batching: BatchingOptions,
  ) {
    this.cache = new ByteLruCache(
      batching.cacheBytes ?? 32 * 1024 * 1024,
      (k, v) => v.byteLength + k.length + 64,
    );
    this.slots = new Semaphore(concurrency);
  }

  /** Embeds one batch on one model slot (at most `concurrency` run at once). */
  protected abstract computeBatch(texts: string[], signal?: AbortSignal): Promise<ArrayLike<number>[]>;

  /** Batch size when `auto`: given how many texts are missing and how many slots exist. */
  protected abstract autoBatchSize(missing: number, concurrency: number): number;

  /**
   * Embeds `texts`: one unit-length vector of `dims` numbers per text, in the same order. Cached
   * and repeated texts are computed once.
   * @throws CancelledError (`CANCELLED`) when `signal` fires (checked between batches); an Error
   * when the model returns vectors of the wrong size.
   */
  async embed(texts: string[], options: { signal?: AbortSignal } = {}): Promise<Float32Array[]> {
    const { signal } = options;
    throwIfAborted(signal);
    const out: (Float32Array | undefined)[] = new Array(texts.length);
    const pending = new Map<string, { text: string; indices: number[] }>();
    texts.forEach((text, i) => {
      const key = contentHash(text);
      const hit = this.cache.get(key);
      if (hit) {
        out[i] = hit.slice();
        return;
      }
      const p = pending.get(key);
      if (p) p.indices.push(i);
      else pending.set(key, { text, indices: [i] });
    });
    if (pending.size > 0) {
      const jobs = [...pending.entries()];
      const size =
        this.batching.batchSize === undefined || this.batching.batchSize === 'auto'
          ? Math.max(1, this.autoBatchSize(jobs.length, this.slots.limit))
          : this.batching.batchSize;
      const groups: (typeof jobs)[] = [];
      for (let i = 0; i < jobs.length; i += size) groups.push(jobs.slice(i, i + size));
      const runGroup = async (group: (typeof jobs)[number][]): Promise<void> => {
        throwIfAborted(signal);
        const vectors = await this.computeBatch(
          group.map(([, job]) => job.text),
          signal,
        );
        this.batches += 1;
        this.computed += group.length;
        group.forEach(([key, job], j) => {
          const raw = vectors[j];
          if (!raw || raw.length !== this.dims) {
            throw new Error(`model returned ${raw?.length ?? 0} dims, expected ${this.dims}`);
          }
          const v = normalize(raw);
          this.cache.set(key, v);
          for (const i of job.indices) out[i] = v.slice();
        });
      };
      // A few workers pull groups in order, each holding at most one model slot at a time.
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < groups.length) {
          const group = groups[next++];
          if (group) await this.slots.run(() => runGroup(group), signal);
        }
      };
      await Promise.all(Array.from({ length: Math.min(groups.length, this.slots.limit) }, worker));
    }
    return out.map((v) => v ?? new Float32Array(this.dims));
  }

  /** Cache and batching counters (for metrics and `doctor`). */
  stats(): EmbedderStats {
    return {
      cache: this.cache.stats(),
      computed: this.computed,
      batches: this.batches,
      queued: this.slots.queued,
    };
  }

  /** Releases the model; the embedder cannot be used afterwards. */
  abstract dispose(): Promise<void>;
}
