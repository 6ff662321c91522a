import { describe, expect, it } from 'vitest';
import { ByteLruCache } from './lru-cache';

describe('ByteLruCache', () => {
  it('evicts the least recently used entries to stay within its byte bound', () => {
    const cache = new ByteLruCache<string>(30, (_k, v) => v.length);
    cache.set('a', '0123456789');
    cache.set('b', '0123456789');
    expect(cache.get('a')).toBe('0123456789'); // a is now the most recent
    cache.set('c', '0123456789');
    cache.set('d', '0123456789');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.stats()).toMatchObject({ entries: 3, bytes: 30, hits: 2, misses: 1 });
  });

  it('does not keep a value larger than the whole cache', () => {
    const cache = new ByteLruCache<string>(5, (_k, v) => v.length);
    cache.set('big', '0123456789');
    expect(cache.get('big')).toBeUndefined();
    expect(cache.stats().bytes).toBe(0);
  });
});
