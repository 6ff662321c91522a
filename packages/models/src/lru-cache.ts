/**
 * A least-recently-used map bounded by total bytes, with hit/miss counters: embedders keep
 * recent vectors so repeated texts (entity names, hot questions) cost nothing, and the
 * counters feed the cache-hit-rate metric.
 */
export interface LruStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
  maxBytes: number;
}

export class ByteLruCache<V> {
  private readonly map = new Map<string, { value: V; bytes: number }>();
  private totalBytes = 0;
  private hitCount = 0;
  private missCount = 0;

  constructor(
    readonly maxBytes: number,
    private readonly sizeOf: (key: string, value: V) => number,
  ) {}

  /** Returns the value and marks it most recently used; counts a hit or a miss. */
  get(key: string): V | undefined {
    const entry = this.map.get(key);
    if (!entry) {
      this.missCount += 1;
      return undefined;
    }
    this.hitCount += 1;
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  /** Stores a value, evicting least recently used entries until the byte bound holds. */
  set(key: string, value: V): void {
    const bytes = this.sizeOf(key, value);
    const old = this.map.get(key);
    if (old) {
      this.totalBytes -= old.bytes;
      this.map.delete(key);
    }
    if (bytes > this.maxBytes) return;
    this.map.set(key, { value, bytes });
    this.totalBytes += bytes;
    for (const [k, e] of this.map) {
      if (this.totalBytes <= this.maxBytes) break;
      this.map.delete(k);
      this.totalBytes -= e.bytes;
    }
  }

  clear(): void {
    this.map.clear();
    this.totalBytes = 0;
  }

  stats(): LruStats {
    return {
      hits: this.hitCount,
      misses: this.missCount,
      entries: this.map.size,
      bytes: this.totalBytes,
      maxBytes: this.maxBytes,
    };
  }
}
