/**
 * Mutation-testing gate for the in-memory caches of the reasoning engine: the LRU map, the
 * embedding cache (and cosine), the vocabulary cache, the batched reference tracker and the
 * graph cache (entities and edge lists with a TTL).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Embedder, Entity, Neighbour, Relationship, Vocabulary } from '@rustygpt/core';
import { cosine, EmbeddingCache } from '../src/support/embedding-cache';
import { GraphCache } from '../src/support/graph-cache';
import { Lru } from '../src/support/lru';
import { ReferenceTracker } from '../src/support/reference-tracker';
import { VocabularyCache } from '../src/support/vocabulary-cache';

const anEntity = (id: number, name = `e${id}`): Entity => ({
  id,
  workspaceId: 1,
  key: `thing:${id}`,
  type: 'thing',
  name,
  state: 'active',
  version: 1,
  aliases: [],
  attributes: {},
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

const aRelationship = (id: number, fromId: number, toId: number): Relationship => ({
  id,
  fromId,
  toId,
  type: 'linked_to',
  weight: 1,
  path: 'linked_to',
});

/** An embedder that records each call and returns [length, first char code] per text. */
class RecordingEmbedder implements Embedder {
  readonly modelId = 'test:recording';
  readonly dims = 2;
  readonly fileHash = 'hash';
  readonly calls: { texts: string[]; options: { signal?: AbortSignal } | undefined }[] = [];
  embed(texts: string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]> {
    this.calls.push({ texts, options });
    return Promise.resolve(texts.map((t) => new Float32Array([t.length, t.charCodeAt(0)])));
  }
}

describe('Lru', () => {
  it('evicts the least recently used entry once over capacity, a read counting as a use', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.size).toBe(2);
    expect(lru.keys()).toEqual(['a', 'b']);
    expect(lru.get('a')).toBe(1);
    expect(lru.keys()).toEqual(['b', 'a']);
    lru.set('c', 3);
    expect(lru.keys()).toEqual(['a', 'c']);
    expect(lru.has('b')).toBe(false);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.size).toBe(2);
  });

  it('moves a key that is set again to the most recent end', () => {
    const lru = new Lru<string, number>(3);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('a', 10);
    expect(lru.keys()).toEqual(['b', 'a']);
    expect(lru.get('a')).toBe(10);
    lru.set('c', 3);
    lru.set('d', 4);
    expect(lru.keys()).toEqual(['a', 'c', 'd']);
  });

  it('reading a missing key changes nothing; delete says whether the key was there', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('zz')).toBeUndefined();
    expect(lru.keys()).toEqual(['a', 'b']);
    expect(lru.has('a')).toBe(true);
    expect(lru.delete('a')).toBe(true);
    expect(lru.delete('a')).toBe(false);
    expect(lru.keys()).toEqual(['b']);
    expect(lru.capacity).toBe(2);
  });

  it('keeps nothing with a capacity of zero', () => {
    const lru = new Lru<string, number>(0);
    lru.set('a', 1);
    expect(lru.size).toBe(0);
    expect(lru.get('a')).toBeUndefined();
  });
});

describe('EmbeddingCache', () => {
  it('embeds only the texts not cached, once each, in one call, counting hits and misses', async () => {
    const embedder = new RecordingEmbedder();
    const cache = new EmbeddingCache(embedder);
    const first = await cache.embed(['iron', 'neon', 'iron']);
    expect(first.map((v) => [...v])).toEqual([
      [4, 105],
      [4, 110],
      [4, 105],
    ]);
    expect(embedder.calls.map((c) => c.texts)).toEqual([['iron', 'neon']]);
    expect(embedder.calls[0]!.options).toBeUndefined();
    expect(cache.hits).toBe(1);
    expect(cache.misses).toBe(2);

    const second = await cache.embed(['neon', 'argon']);
    expect(second.map((v) => [...v])).toEqual([
      [4, 110],
      [5, 97],
    ]);
    expect(embedder.calls.map((c) => c.texts)).toEqual([['iron', 'neon'], ['argon']]);
    expect(cache.hits).toBe(2);
    expect(cache.misses).toBe(3);
  });

  it('does not call the embedder when everything is cached', async () => {
    const embedder = new RecordingEmbedder();
    const cache = new EmbeddingCache(embedder);
    await cache.embed(['iron']);
    await cache.embed(['iron', 'iron']);
    await cache.embed([]);
    expect(embedder.calls).toHaveLength(1);
    expect(cache.hits).toBe(2);
  });

  it('passes the abort signal on to the embedder', async () => {
    const embedder = new RecordingEmbedder();
    const cache = new EmbeddingCache(embedder);
    const controller = new AbortController();
    await cache.embed(['iron'], controller.signal);
    expect(embedder.calls[0]!.options).toEqual({ signal: controller.signal });
  });

  it('forgets the least recently used vectors beyond its capacity', async () => {
    const embedder = new RecordingEmbedder();
    const cache = new EmbeddingCache(embedder, 1);
    expect(cache.embedder).toBe(embedder);
    await cache.embed(['iron']);
    await cache.embed(['neon']);
    await cache.embed(['iron']);
    expect(embedder.calls.map((c) => c.texts)).toEqual([['iron'], ['neon'], ['iron']]);
  });

  it('keeps many vectors by default', async () => {
    const embedder = new RecordingEmbedder();
    const cache = new EmbeddingCache(embedder);
    const texts = Array.from({ length: 500 }, (_, i) => `t${i}`);
    await cache.embed(texts);
    await cache.embed(texts);
    expect(embedder.calls).toHaveLength(1);
  });
});

describe('cosine', () => {
  it('is the normalised dot product over the common length', () => {
    expect(cosine(new Float32Array([1, 0]), new Float32Array([1, 0]))).toBeCloseTo(1, 6);
    expect(cosine(new Float32Array([1, 0]), new Float32Array([0, 1]))).toBeCloseTo(0, 6);
    expect(cosine(new Float32Array([1, 1]), new Float32Array([-1, -1]))).toBeCloseTo(-1, 6);
    expect(cosine(new Float32Array([3, 4]), new Float32Array([4, 3]))).toBeCloseTo(24 / 25, 6);
    expect(cosine(new Float32Array([1, 2, 99]), new Float32Array([2, 4]))).toBeCloseTo(1, 6);
    expect(cosine(new Float32Array([2, 4]), new Float32Array([1, 2, 99]))).toBeCloseTo(1, 6);
  });

  it('is 0 when either vector is all zeros', () => {
    expect(cosine(new Float32Array([0, 0]), new Float32Array([1, 2]))).toBe(0);
    expect(cosine(new Float32Array([1, 2]), new Float32Array([0, 0]))).toBe(0);
    expect(cosine(new Float32Array([]), new Float32Array([]))).toBe(0);
  });
});

describe('VocabularyCache', () => {
  const vocabulary = (type: string): Vocabulary => ({
    relationshipTypes: [{ type, path: type, count: 1 }],
    attributeNames: [],
    entityTypes: [],
  });

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('loads once, serves the loaded index until the time-to-live passes, then reloads', async () => {
    let loads = 0;
    const store = {
      vocabulary: () => Promise.resolve(vocabulary(`type_${++loads}`)),
    };
    const cache = new VocabularyCache(store, 1_000);
    const first = await cache.get();
    expect(first.terms.map((t) => t.name)).toEqual(['type_1']);
    vi.setSystemTime(1_000_999);
    expect(await cache.get()).toBe(first);
    expect(loads).toBe(1);
    vi.setSystemTime(1_001_000);
    const second = await cache.get();
    expect(second.terms.map((t) => t.name)).toEqual(['type_2']);
    expect(loads).toBe(2);
  });

  it('keeps the index for a minute by default', async () => {
    let loads = 0;
    const cache = new VocabularyCache({ vocabulary: () => Promise.resolve(vocabulary(`t${++loads}`)) });
    await cache.get();
    vi.setSystemTime(1_059_999);
    await cache.get();
    expect(loads).toBe(1);
    vi.setSystemTime(1_060_000);
    await cache.get();
    expect(loads).toBe(2);
  });

  it('shares one load between concurrent callers', async () => {
    let loads = 0;
    let release: (v: Vocabulary) => void = () => undefined;
    const store = {
      vocabulary: () => {
        loads++;
        return new Promise<Vocabulary>((resolve) => {
          release = resolve;
        });
      },
    };
    const cache = new VocabularyCache(store);
    const a = cache.get();
    const b = cache.get();
    expect(loads).toBe(1);
    release(vocabulary('shared'));
    expect(await a).toBe(await b);
  });

  it('reloads after invalidate, and tries again after a failed load', async () => {
    let loads = 0;
    const store = {
      vocabulary: () =>
        ++loads === 2 ? Promise.reject(new Error('down')) : Promise.resolve(vocabulary(`t${loads}`)),
    };
    const cache = new VocabularyCache(store);
    await cache.get();
    cache.invalidate();
    await expect(cache.get()).rejects.toThrow('down');
    const third = await cache.get();
    expect(third.terms.map((t) => t.name)).toEqual(['t3']);
    expect(loads).toBe(3);
    await cache.get();
    expect(loads).toBe(3);
  });
});

describe('ReferenceTracker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const recorder = (): { batches: number[][]; trackReferences: (ids: number[]) => Promise<void> } => {
    const batches: number[][] = [];
    return {
      batches,
      trackReferences: (ids) => {
        batches.push(ids);
        return Promise.resolve();
      },
    };
  };

  it('writes a full batch at once, without waiting for the delay', async () => {
    const r = recorder();
    const tracker = new ReferenceTracker(r, 3, 1_000);
    tracker.add([1, 2]);
    expect(tracker.queued).toBe(2);
    tracker.add([2, 3]);
    expect(tracker.queued).toBe(0);
    await tracker.flush();
    expect(r.batches).toEqual([[1, 2, 3]]);
  });

  it('writes a partial batch after the delay, once', async () => {
    const r = recorder();
    const tracker = new ReferenceTracker(r, 64, 1_000);
    tracker.add([7]);
    tracker.add([8]);
    await vi.advanceTimersByTimeAsync(999);
    expect(r.batches).toEqual([]);
    expect(tracker.queued).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.batches).toEqual([[7, 8]]);
    expect(tracker.queued).toBe(0);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(r.batches).toEqual([[7, 8]]);
  });

  it('uses a batch of 64 and a delay of one second by default', async () => {
    const r = recorder();
    const tracker = new ReferenceTracker(r);
    tracker.add(Array.from({ length: 63 }, (_, i) => i));
    expect(tracker.queued).toBe(63);
    tracker.add([63]);
    expect(tracker.queued).toBe(0);
    tracker.add([100]);
    await vi.advanceTimersByTimeAsync(999);
    expect(r.batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.batches).toHaveLength(2);
    expect(r.batches[1]).toEqual([100]);
  });

  it('sets no timer when nothing is queued, and a flush clears the timer', async () => {
    const r = recorder();
    const tracker = new ReferenceTracker(r, 64, 1_000);
    tracker.add([]);
    expect(vi.getTimerCount()).toBe(0);
    tracker.add([5]);
    expect(vi.getTimerCount()).toBe(1);
    tracker.add([6]);
    expect(vi.getTimerCount()).toBe(1);
    await tracker.flush();
    expect(vi.getTimerCount()).toBe(0);
    expect(r.batches).toEqual([[5, 6]]);
    await tracker.flush();
    expect(r.batches).toEqual([[5, 6]]);
    tracker.add([9]);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('writes batches in order and swallows a failed batch', async () => {
    const batches: number[][] = [];
    let fail = true;
    const tracker = new ReferenceTracker(
      {
        trackReferences: (ids) => {
          batches.push(ids);
          if (fail) {
            fail = false;
            return Promise.reject(new Error('store down'));
          }
          return Promise.resolve();
        },
      },
      64,
      1_000,
    );
    tracker.add([1]);
    const first = tracker.flush();
    tracker.add([2]);
    const second = tracker.flush();
    await expect(first).resolves.toBeUndefined();
    await expect(second).resolves.toBeUndefined();
    expect(batches).toEqual([[1], [2]]);
  });

  it('a flush with nothing queued waits for the batch in flight', async () => {
    let done = false;
    let release: () => void = () => undefined;
    const tracker = new ReferenceTracker(
      {
        trackReferences: () =>
          new Promise<void>((resolve) => {
            release = () => {
              done = true;
              resolve();
            };
          }),
      },
      64,
      1_000,
    );
    tracker.add([1]);
    void tracker.flush();
    const waiting = tracker.flush().then(() => done);
    await Promise.resolve();
    release();
    expect(await waiting).toBe(true);
  });
});

/** A store with scripted neighbourhoods, recording each call. */
function aGraphStore(options: { withRelationshipsOf: boolean }) {
  const entities = new Map([1, 2, 3, 4].map((id) => [id, anEntity(id)]));
  const rels = [aRelationship(10, 1, 2), aRelationship(11, 3, 1), aRelationship(12, 2, 4)];
  const calls: { method: string; ids: number[]; options?: unknown }[] = [];
  const neighbours = (id: number, o?: unknown): Promise<Neighbour[]> => {
    calls.push({ method: 'neighbours', ids: [id], options: o });
    return Promise.resolve(
      rels
        .filter((r) => r.fromId === id || r.toId === id)
        .map((r) => ({
          relationship: r,
          entity: entities.get(r.fromId === id ? r.toId : r.fromId)!,
          direction: r.fromId === id ? ('out' as const) : ('in' as const),
        })),
    );
  };
  const relationshipsOf = (ids: number[], o?: unknown) => {
    calls.push({ method: 'relationshipsOf', ids, options: o });
    return Promise.resolve(
      ids.flatMap((id) =>
        rels
          .filter((r) => r.fromId === id || r.toId === id)
          .map((r) => ({
            relationship: r,
            entityId: id,
            direction: r.fromId === id ? ('out' as const) : ('in' as const),
          })),
      ),
    );
  };
  const getEntities = (ids: number[]): Promise<Entity[]> => {
    calls.push({ method: 'getEntities', ids });
    return Promise.resolve(ids.flatMap((id) => (entities.has(id) ? [entities.get(id)!] : [])));
  };
  return {
    calls,
    store: options.withRelationshipsOf
      ? { neighbours, relationshipsOf, getEntities }
      : { neighbours, getEntities },
  };
}

const others = (edges: Map<number, { otherId: number; direction: string; entityId: number }[]>, id: number) =>
  (edges.get(id) ?? []).map((e) => `${e.entityId}${e.direction === 'out' ? '->' : '<-'}${e.otherId}`);

describe('GraphCache', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(5_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads edges of both directions in one relationshipsOf call with a per-entity cut', async () => {
    const { store, calls } = aGraphStore({ withRelationshipsOf: true });
    const cache = new GraphCache(100, 1_000, 7);
    const edges = await cache.edges(store, [1, 2, 1, 99]);
    expect(others(edges, 1)).toEqual(['1->2', '1<-3']);
    expect(others(edges, 2)).toEqual(['2<-1', '2->4']);
    expect(edges.get(99)).toEqual([]);
    expect([...edges.keys()]).toEqual([1, 2, 99]);
    expect(calls).toEqual([
      {
        method: 'relationshipsOf',
        ids: [1, 2, 99],
        options: { direction: 'both', perEntityLimit: 7, limit: 21 },
      },
    ]);
    expect(cache.misses).toBe(3);
    expect(cache.hits).toBe(0);
  });

  it('ignores rows the store returns for entities not asked for', async () => {
    const { store } = aGraphStore({ withRelationshipsOf: true });
    const stray = {
      ...store,
      relationshipsOf: (ids: number[], o?: unknown) => store.relationshipsOf!([...ids, 4], o),
    };
    const edges = await new GraphCache().edges(stray, [1]);
    expect([...edges.keys()]).toEqual([1]);
    expect(others(edges, 1)).toEqual(['1->2', '1<-3']);
  });

  it('cuts at 50 000 edges per entity by default', async () => {
    const { store, calls } = aGraphStore({ withRelationshipsOf: true });
    await new GraphCache().edges(store, [1, 2]);
    expect(calls[0]!.options).toEqual({ direction: 'both', perEntityLimit: 50_000, limit: 100_000 });
  });

  it('serves edges from memory until the TTL passes, fetching only the stale or missing ids', async () => {
    const { store, calls } = aGraphStore({ withRelationshipsOf: true });
    const cache = new GraphCache(100, 1_000);
    await cache.edges(store, [1]);
    vi.setSystemTime(5_000_999);
    const again = await cache.edges(store, [1, 2]);
    expect(others(again, 1)).toEqual(['1->2', '1<-3']);
    expect(calls.map((c) => c.ids)).toEqual([[1], [2]]);
    expect(cache.hits).toBe(1);
    expect(cache.misses).toBe(2);
    vi.setSystemTime(5_001_000);
    await cache.edges(store, [1]);
    expect(calls.map((c) => c.ids)).toEqual([[1], [2], [1]]);
    expect(cache.hits).toBe(1);
  });

  it('makes no store call when every edge list is fresh', async () => {
    const { store, calls } = aGraphStore({ withRelationshipsOf: true });
    const cache = new GraphCache();
    await cache.edges(store, [1, 2]);
    const again = await cache.edges(store, [2, 1]);
    expect(calls).toHaveLength(1);
    expect([...again.keys()]).toEqual([2, 1]);
    expect(cache.hits).toBe(2);
  });

  it('walks neighbours per id without relationshipsOf, warming the entity cache', async () => {
    const { store, calls } = aGraphStore({ withRelationshipsOf: false });
    const cache = new GraphCache(100, 1_000, 9);
    const edges = await cache.edges(store, [1, 2]);
    expect(others(edges, 1)).toEqual(['1->2', '1<-3']);
    expect(others(edges, 2)).toEqual(['2<-1', '2->4']);
    expect(edges.get(1)!.map((e) => e.relationship.id)).toEqual([10, 11]);
    expect(calls).toEqual([
      { method: 'neighbours', ids: [1], options: { direction: 'both', limit: 9 } },
      { method: 'neighbours', ids: [2], options: { direction: 'both', limit: 9 } },
    ]);
    calls.length = 0;
    expect((await cache.getEntities(store, [2, 3, 4, 1])).map((e) => e.id)).toEqual([2, 3, 4, 1]);
    expect(calls).toEqual([]);
  });

  it('returns entities in the order asked, skipping unknown ids, fetching only the missing ones', async () => {
    const { store, calls } = aGraphStore({ withRelationshipsOf: true });
    const cache = new GraphCache(100, 1_000);
    expect((await cache.getEntities(store, [3, 99, 1, 3])).map((e) => e.id)).toEqual([3, 1, 3]);
    expect(calls).toEqual([{ method: 'getEntities', ids: [3, 99, 1] }]);
    expect(cache.misses).toBe(3);
    vi.setSystemTime(5_000_999);
    expect((await cache.getEntities(store, [1, 2])).map((e) => e.id)).toEqual([1, 2]);
    expect(calls.at(-1)).toEqual({ method: 'getEntities', ids: [2] });
    expect(cache.hits).toBe(1);
    vi.setSystemTime(5_001_000);
    await cache.getEntities(store, [1]);
    expect(calls.at(-1)).toEqual({ method: 'getEntities', ids: [1] });
  });

  it('makes no store call for no ids or all-fresh ids', async () => {
    const { store, calls } = aGraphStore({ withRelationshipsOf: true });
    const cache = new GraphCache();
    expect(await cache.getEntities(store, [])).toEqual([]);
    expect(calls).toEqual([]);
    await cache.getEntities(store, [1]);
    await cache.getEntities(store, [1]);
    expect(calls).toHaveLength(1);
  });

  it('keeps entities for five seconds by default', async () => {
    const { store, calls } = aGraphStore({ withRelationshipsOf: true });
    const cache = new GraphCache();
    await cache.getEntities(store, [1]);
    vi.setSystemTime(5_004_999);
    await cache.getEntities(store, [1]);
    expect(calls).toHaveLength(1);
    vi.setSystemTime(5_005_000);
    await cache.getEntities(store, [1]);
    expect(calls).toHaveLength(2);
  });

  it('holds at most `capacity` entities and edge lists', async () => {
    const { store, calls } = aGraphStore({ withRelationshipsOf: true });
    const cache = new GraphCache(1, 1_000);
    await cache.getEntities(store, [1, 2]);
    await cache.getEntities(store, [2]);
    expect(calls).toHaveLength(1);
    await cache.getEntities(store, [1]);
    expect(calls).toHaveLength(2);
    await cache.edges(store, [1, 2]);
    await cache.edges(store, [2]);
    expect(calls).toHaveLength(3);
    await cache.edges(store, [1]);
    expect(calls).toHaveLength(4);
  });

  it('invalidate drops the changed entities and every edge list, and nothing when given no ids', async () => {
    const { store, calls } = aGraphStore({ withRelationshipsOf: true });
    const cache = new GraphCache();
    await cache.getEntities(store, [1, 2]);
    await cache.edges(store, [3, 4]);
    cache.invalidate([]);
    await cache.getEntities(store, [1, 2]);
    await cache.edges(store, [3, 4]);
    expect(calls).toHaveLength(2);
    cache.invalidate([1]);
    await cache.getEntities(store, [1, 2]);
    await cache.edges(store, [3, 4]);
    expect(calls.slice(2)).toEqual([
      { method: 'getEntities', ids: [1] },
      {
        method: 'relationshipsOf',
        ids: [3, 4],
        options: { direction: 'both', perEntityLimit: 50_000, limit: 100_000 },
      },
    ]);
  });
});
