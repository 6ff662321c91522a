/**
 * A least-recently-used map bounded by total bytes, with hit, miss and eviction counters: the
 * lifecycle keeps hot entity states and vectors in memory without an unbounded heap, and the
 * counters feed cache-hit-rate metrics.
 */

/** Counters of a ByteLru, for metrics and tests. */
export interface ByteLruStats {
  hits: number;
  misses: number;
  evictions: number;
  entries: number;
  bytes: number;
  maxBytes: number;
  /** hits / (hits + misses), 0 before any lookup. */
  hitRate: number;
}

/** LRU cache bounded in bytes (sizes come from `sizeOf`); an entry larger than the bound is not kept. */
export class ByteLru<K, V> {
  private readonly map = new Map<K, { value: V; bytes: number }>();
  private total = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(
    readonly maxBytes: number,
    private readonly sizeOf: (key: K, value: V) => number,
  ) {
    if (!(maxBytes >= 0) || !Number.isFinite(maxBytes))
      throw new RangeError('maxBytes must be a finite number >= 0');
  }

  /** The value, marked most recently used; counts a hit or a miss. */
  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (!entry) {
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  /** True when present; does not count as a lookup nor change recency. */
  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Stores a value and evicts least recently used entries until the byte bound holds. */
  set(key: K, value: V): void {
    const bytes = Math.max(0, this.sizeOf(key, value));
    this.delete(key);
    if (bytes > this.maxBytes) return;
    this.map.set(key, { value, bytes });
    this.total += bytes;
    for (const [k, e] of this.map) {
      if (this.total <= this.maxBytes) break;
      this.map.delete(k);
      this.total -= e.bytes;
      this.evictions += 1;
    }
  }

  /** Removes an entry; false when it was not there. Not counted as a lookup. */
  delete(key: K): boolean {
    const old = this.map.get(key);
    if (!old) return false;
    this.map.delete(key);
    this.total -= old.bytes;
    return true;
  }

  /** Removes every entry; the hit, miss and eviction counters are kept. */
  clear(): void {
    this.map.clear();
    this.total = 0;
  }

  /** The counters now. */
  stats(): ByteLruStats {
    const lookups = this.hits + this.misses;
    return {
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
      entries: this.map.size,
      bytes: this.total,
      maxBytes: this.maxBytes,
      hitRate: lookups === 0 ? 0 : this.hits / lookups,
    };
  }
}
