/**
 * Keeps the store's vocabulary (prepared for matching) in memory, reloading it when the data
 * changed (the alias watermark moved) or after a time-to-live (for relationship-only changes).
 */
import type { KnowledgeReader } from '@rustygpt/core';
import { VocabularyIndex } from '../lexicon/vocabulary-index';

export class VocabularyCache {
  private value: VocabularyIndex | null = null;
  private loadedAt = 0;
  private loading: Promise<VocabularyIndex> | null = null;

  constructor(
    private readonly store: Pick<KnowledgeReader, 'vocabulary'>,
    private readonly ttlMs = 60_000,
  ) {}

  /** The current vocabulary index (loads or reloads as needed). */
  get(): Promise<VocabularyIndex> {
    if (this.value && Date.now() - this.loadedAt < this.ttlMs) return Promise.resolve(this.value);
    if (this.loading) return this.loading;
    this.loading = this.store
      .vocabulary()
      .then((v) => {
        this.value = new VocabularyIndex(v);
        this.loadedAt = Date.now();
        return this.value;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  /** Forces a reload on the next `get` (the data changed). */
  invalidate(): void {
    this.loadedAt = 0;
  }
}
