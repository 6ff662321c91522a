/**
 * The in-memory active set: recently used entities and their neighbourhoods, so follow-up
 * questions about the same part of the graph skip the store. Entries expire after a short TTL
 * and are dropped as soon as the alias dictionary reports their entity changed.
 */
import type { Entity, KnowledgeReader, Neighbour } from '@rustygpt/core';
import { Lru } from './lru';

interface Timed<T> {
  value: T;
  at: number;
}

export class GraphCache {
  private readonly entities: Lru<number, Timed<Entity>>;
  private readonly neighbourLists: Lru<number, Timed<Promise<Neighbour[]>>>;
  hits = 0;
  misses = 0;

  constructor(
    capacity = 5_000,
    private readonly ttlMs = 5_000,
  ) {
    this.entities = new Lru(capacity);
    this.neighbourLists = new Lru(capacity);
  }

  /** Entities by id, from memory where fresh, else one store call for the rest. */
  async getEntities(store: Pick<KnowledgeReader, 'getEntities'>, ids: number[]): Promise<Entity[]> {
    if (ids.length === 0) return [];
    const now = Date.now();
    const found = new Map<number, Entity>();
    const missing: number[] = [];
    for (const id of new Set(ids)) {
      const hit = this.entities.get(id);
      if (hit && now - hit.at < this.ttlMs) found.set(id, hit.value);
      else missing.push(id);
    }
    this.hits += found.size;
    this.misses += missing.length;
    if (missing.length > 0) {
      for (const e of await store.getEntities(missing)) {
        found.set(e.id, e);
        this.entities.set(e.id, { value: e, at: now });
      }
    }
    return ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
  }

  /** All neighbours of an entity (both directions), shared by concurrent callers. */
  neighbours(
    store: Pick<KnowledgeReader, 'neighbours'>,
    entityId: number,
    limit: number,
  ): Promise<Neighbour[]> {
    const now = Date.now();
    const hit = this.neighbourLists.get(entityId);
    if (hit && now - hit.at < this.ttlMs) {
      this.hits++;
      return hit.value;
    }
    this.misses++;
    const value = store.neighbours(entityId, { direction: 'both', limit });
    this.neighbourLists.set(entityId, { value, at: now });
    value.catch(() => this.neighbourLists.delete(entityId));
    return value;
  }

  /** Forgets changed entities and every neighbourhood (a change may touch any of them). */
  invalidate(entityIds: Iterable<number>): void {
    let any = false;
    for (const id of entityIds) {
      this.entities.delete(id);
      any = true;
    }
    if (any) for (const key of this.neighbourLists.keys()) this.neighbourLists.delete(key);
  }
}
