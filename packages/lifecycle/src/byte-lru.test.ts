import { describe, expect, it } from 'vitest';
import { ByteLru } from './byte-lru';

const bytesOfString = (_k: string, v: string) => v.length;

describe('ByteLru', () => {
  it('evicts the least recently used entries once the byte bound is exceeded', () => {
    const lru = new ByteLru<string, string>(10, bytesOfString);
    lru.set('a', 'aaaa');
    lru.set('b', 'bbbb');
    expect(lru.get('a')).toBe('aaaa'); // a is now most recent
    lru.set('c', 'cccc'); // 12 bytes > 10: evict b
    expect(lru.has('b')).toBe(false);
    expect(lru.has('a')).toBe(true);
    expect(lru.stats()).toMatchObject({ entries: 2, bytes: 8, evictions: 1 });
  });

  it('counts hits and misses into a hit rate', () => {
    const lru = new ByteLru<number, string>(100, (_k, v) => v.length);
    lru.set(1, 'x');
    lru.get(1);
    lru.get(1);
    lru.get(2);
    expect(lru.stats()).toMatchObject({ hits: 2, misses: 1 });
    expect(lru.stats().hitRate).toBeCloseTo(2 / 3);
  });

  it('does not keep an entry larger than the whole bound and replaces sizes on update', () => {
    const lru = new ByteLru<string, string>(5, bytesOfString);
    lru.set('big', 'xxxxxxxx');
    expect(lru.has('big')).toBe(false);
    lru.set('k', 'xxx');
    lru.set('k', 'x');
    expect(lru.stats().bytes).toBe(1);
    lru.delete('k');
    expect(lru.stats()).toMatchObject({ bytes: 0, entries: 0 });
  });

  it('rejects a non-finite bound', () => {
    expect(() => new ByteLru<string, string>(Number.NaN, bytesOfString)).toThrow(RangeError);
  });
});
